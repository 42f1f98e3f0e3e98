/**
 * "Paid on the national portal" (issue 14, item 6): an order for a dossier filed online,
 * with no money received here, is closed with the portal's payment reference and a note,
 * after a confirmation step: POST /api/staff/orders/{id}/paid-on-portal. A closed order
 * shows the reference; nothing is collected twice.
 */
import type { StaffOrderView } from '../../../shared/views';
import { el, row } from '../lib/dom';
import { formatDateTime } from '../lib/format';
import { apiErrors, FormErrors, words, type ShownError } from '../lib/form-errors';
import { staffApi } from '../lib/staff-api';
import { say, tr, type ConsoleContext, type ViewId } from './context';

/** Whether the order may be closed as paid on the portal: a dossier code, nothing received, still open. */
export const closableOnPortal = (o: StaffOrderView) => Boolean(o.dossierCode) && o.paidAmount === 0 && (o.status === 'PENDING' || o.status === 'EXPIRED');

/** The order's closing on the portal, as a line of its facts; null when it was not closed so. */
export function portalPaidFacts(o: StaffOrderView): HTMLElement | null {
  const p = o.paidOnPortal;
  if (!p) return null;
  return el('dl', { class: 'facts-inline', id: `portal-paid-${o.id}` }, row(tr('portal.state'), tr('portal.stateValue', { reference: p.reference, at: formatDateTime(p.at), by: p.by })), row(tr('portal.note'), p.note));
}

/** The action: a button that opens the two fields, then a confirmation, then the closing. */
export function portalPaymentBox(ctx: ConsoleContext, o: StaffOrderView, view: ViewId, closed: (order: StaffOrderView) => void): HTMLElement {
  const refId = `portal-ref-${o.id}`;
  const noteId = `portal-note-${o.id}`;
  const box = el('div', { class: 'portal-box' });
  const open = el('button', { type: 'button', class: 'button secondary', 'aria-expanded': 'false', 'aria-controls': `${refId}-panel` }, tr('portal.open'));
  const errors = new FormErrors([refId, noteId], null);
  ctx.errorSets.push(errors);
  const field = (id: string, label: 'portal.reference' | 'portal.noteLabel', hint: 'portal.referenceHint' | 'portal.noteHint', extra: Record<string, string>) =>
    el(
      'div',
      { class: 'field', id: `field-${id}` },
      el('label', { for: id }, tr(label)),
      el('p', { class: 'hint', id: `${id}-hint` }, tr(hint)),
      el('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
      el('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${id}-hint ${id}-error`, ...extra }),
    );
  const question = el('p', { class: 'notice notice-warn', id: `${refId}-q`, tabindex: '-1', hidden: true });
  const yes = el('button', { type: 'button', class: 'button danger', hidden: true }, tr('portal.confirm'));
  const form = el(
    'form',
    { class: 'card-form', id: `${refId}-panel`, novalidate: true, hidden: true },
    field(refId, 'portal.reference', 'portal.referenceHint', { maxlength: '64', class: 'mono' }),
    field(noteId, 'portal.noteLabel', 'portal.noteHint', { maxlength: '500' }),
    el('button', { type: 'submit', class: 'button primary' }, tr('portal.next')),
    question,
    yes,
  );
  const value = (id: string) => ((form.querySelector(`#${CSS.escape(id)}`) as HTMLInputElement | null)?.value ?? '').trim();
  open.addEventListener('click', () => {
    form.hidden = !form.hidden;
    open.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) (form.querySelector(`#${CSS.escape(refId)}`) as HTMLElement | null)?.focus();
  });
  form.addEventListener('input', () => {
    if (errors.count > 0) errors.clear();
    question.hidden = true;
    yes.hidden = true;
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const local: ShownError[] = [];
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{3,63}$/.test(value(refId))) local.push({ field: refId, ...words('portal.referenceInvalid') });
    if (value(noteId).length < 3) local.push({ field: noteId, ...words('portal.noteShort') });
    if (local.length > 0) {
      errors.show(local);
      return;
    }
    question.textContent = tr('portal.confirmQ', { reference: o.reference, portal: value(refId) });
    question.hidden = false;
    yes.hidden = false;
    question.focus();
  });
  yes.addEventListener('click', () => {
    if (yes.getAttribute('aria-disabled') === 'true') return;
    yes.setAttribute('aria-disabled', 'true');
    void staffApi<{ order: StaffOrderView }>(`/api/staff/orders/${encodeURIComponent(o.id)}/paid-on-portal`, { json: { reference: value(refId), note: value(noteId) } }).then((r) => {
      yes.removeAttribute('aria-disabled');
      if (!r.ok) {
        if (r.status === 401) return;
        const { errors: list, title } = apiErrors(r.body, (path) => (path === 'reference' ? refId : path === 'note' ? noteId : null), 'staff.network');
        question.hidden = true;
        yes.hidden = true;
        errors.show(list.length > 0 ? list : [{ field: refId, ...title }]);
        return;
      }
      say(view, tr('portal.done', { reference: o.reference }));
      closed(r.body.order);
    });
  });
  box.append(el('p', { class: 'hint' }, tr('portal.intro')), open, form);
  return box;
}
