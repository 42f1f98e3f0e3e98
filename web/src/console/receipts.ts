/** Receipts issued: print one again, or cancel a wrong one (with a reason) and issue the replacing one. */
import type { ListPage, StaffOrderView } from '../../../shared/views';
import { el } from '../lib/dom';
import { formatDateTime } from '../lib/format';
import { apiErrors, inLang, words, type FormErrors } from '../lib/form-errors';
import { staffApi } from '../lib/staff-api';
import { statusWords } from '../lib/staff-words';
import { cardForm, confirmOnClick, orderFacts, orderTitle, receiptIssued, receiptLink, receiptNumber } from './cards';
import { $, loadError, say, tr, type ConsoleContext, type ViewId } from './context';

export async function loadReceipts(ctx: ConsoleContext): Promise<void> {
  const list = $('bien-lai-list');
  if (!list) return;
  say('bien-lai', tr('staff.loading'));
  const r = await staffApi<ListPage<StaffOrderView>>(ctx.withAgency('/api/staff/orders?status=CONFIRMED&limit=50'));
  if (!r.ok) {
    say('bien-lai', loadError(r.body));
    return;
  }
  const issuedAt = (o: StaffOrderView) => o.receipt?.issuedAt ?? o.createdAt;
  const items = r.body.items.filter((o) => o.receipt?.id).sort((a, b) => issuedAt(b).localeCompare(issuedAt(a)));
  list.textContent = '';
  items.forEach((o) => {
    const card = el('li', { class: 'card', id: `receipt-order-${o.id}` });
    card.append(
      orderTitle(o),
      el('p', { class: 'card-meta' }, tr('receipts.number', { number: receiptNumber(o.receipt), symbol: o.receipt?.symbol ?? '' }), o.receipt?.issuedAt ? ` · ${formatDateTime(o.receipt.issuedAt)}` : ''),
      orderFacts(o),
      el('p', { class: 'card-actions' }, receiptLink(o) ?? ''),
      receiptCancel(ctx, o, 'bien-lai'),
    );
    list.appendChild(card);
  });
  say('bien-lai', items.length === 0 ? tr('receipts.none') : tr('receipts.count', { n: items.length }));
}

/**
 * "Hủy biên lai": the reason (5–500 characters, checked here in the API's words and again
 * by the API), a confirmation step, then the cancellation. The order is paid again, so
 * the same box offers the replacing receipt (the next number; the cancelled one keeps its).
 */
export function receiptCancel(ctx: ConsoleContext, o: StaffOrderView, view: ViewId): HTMLElement {
  const box = el('div', { class: 'cancel-box' });
  const receiptId = o.receipt?.id ?? '';
  const number = receiptNumber(o.receipt);
  const symbol = o.receipt?.symbol ?? '';
  const fieldId = `cancel-${view}-${o.id}`;
  const open = el('button', { type: 'button', class: 'button secondary', 'aria-expanded': 'false', 'aria-controls': `${fieldId}-panel` }, tr('cancel.open', { number }));
  const panel = el('div', { id: `${fieldId}-panel`, class: 'cancel-panel', hidden: true });
  const step = el('div', { class: 'cancel-confirm', hidden: true });
  const outcome = el('div', { class: 'cancel-outcome' });
  let reason = '';
  let formErrors: FormErrors | null = null;
  const form = cardForm(ctx, {
    id: fieldId,
    label: 'cancel.reason',
    hint: 'cancel.reasonHint',
    submit: tr('cancel.next'),
    multiline: true,
    onSubmit: (value, errors) => {
      formErrors = errors;
      // As the API reads it: spaces collapsed, trimmed.
      const text = value.normalize('NFC').replace(/ +/g, ' ').trim();
      if (text.length < 5 || text.length > 500) {
        errors.show([{ field: fieldId, ...words(text.length < 5 ? 'cancel.reasonShort' : 'cancel.reasonLong') }]);
        return;
      }
      reason = text;
      form.hidden = true;
      showStep();
    },
  });
  panel.appendChild(form);
  open.addEventListener('click', () => {
    const show = panel.hidden;
    panel.hidden = !show;
    open.setAttribute('aria-expanded', String(show));
    if (show) {
      form.hidden = false;
      step.hidden = true;
      document.getElementById(fieldId)?.focus();
    }
  });

  function showStep(): void {
    step.textContent = '';
    step.hidden = false;
    const question = el('p', { class: 'notice notice-warn', id: `${fieldId}-q`, tabindex: '-1' }, tr('cancel.confirmQ', { number, symbol, reason }));
    const error = el('p', { class: 'field-error', id: `${fieldId}-confirm-error`, role: 'alert', hidden: true });
    const yes = el('button', { type: 'button', class: 'button danger', 'aria-describedby': `${fieldId}-q ${fieldId}-confirm-error` }, tr('cancel.confirm'));
    const no = el('button', { type: 'button', class: 'button secondary' }, tr('cancel.back'));
    no.addEventListener('click', () => {
      step.hidden = true;
      form.hidden = false;
      document.getElementById(fieldId)?.focus();
    });
    yes.addEventListener('click', () => {
      if (yes.getAttribute('aria-disabled') === 'true') return;
      yes.setAttribute('aria-disabled', 'true');
      void staffApi<{ order: StaffOrderView }>(`/api/staff/receipts/${encodeURIComponent(receiptId)}/cancel`, { json: { reason } }).then((r) => {
        yes.removeAttribute('aria-disabled');
        if (!r.ok) {
          if (r.status === 401) return;
          const { errors: list, title } = apiErrors(r.body, (path) => (path === 'reason' ? fieldId : null), 'staff.network');
          if (list.some((e) => e.field === fieldId) && formErrors) {
            // The reason was refused: back to the field, with the API's words beside it.
            step.hidden = true;
            form.hidden = false;
            formErrors.show(list.filter((e) => e.field === fieldId));
            return;
          }
          error.hidden = false;
          error.textContent = inLang(title);
          return;
        }
        cancelled(r.body.order);
      });
    });
    step.append(question, el('p', { class: 'card-actions' }, yes, ' ', no), error);
    question.focus();
  }

  function cancelled(order: StaffOrderView): void {
    open.remove();
    panel.remove();
    box.closest('.card')?.querySelector('a[data-receipt]')?.remove();
    ctx.loaded.delete('cho-xac-nhan');
    const done = tr('cancel.done', { number, reference: order.reference, status: statusWords(order.status) });
    const error = el('p', { class: 'field-error', id: `${fieldId}-replace-error`, role: 'alert', hidden: true });
    const replace = el('button', { type: 'button', class: 'button primary', 'aria-describedby': `${fieldId}-replace-error` }, tr('cancel.replace', { reference: order.reference }));
    const actions = el('p', { class: 'card-actions' }, replace);
    confirmOnClick(replace, error, order.id, (receipt) => {
      const text = tr('cancel.replaced', { number: receiptNumber(receipt), symbol: receipt.symbol ?? '', reference: order.reference });
      receiptIssued(ctx, view, actions, text, receipt, ['cho-xac-nhan']);
    });
    const doneLine = el('p', { class: 'done', id: `${fieldId}-done`, tabindex: '-1' }, done);
    outcome.textContent = '';
    outcome.append(doneLine, error, actions);
    say(view, done);
    doneLine.focus();
  }

  panel.appendChild(step);
  box.append(el('p', { class: 'card-actions' }, open), panel, outcome);
  return box;
}
