/** Transfers: those that matched no order (match one by hand) and money owed back (mark it refunded, with a note). */
import type { ListPage, OrderPaymentView, TransferView } from '../../../shared/views';
import type { SuggestionsView } from '../../../shared/suggest';
import { el } from '../lib/dom';
import { formatDateTime, formatVnd } from '../lib/format';
import { apiErrors, words } from '../lib/form-errors';
import { staffApi } from '../lib/staff-api';
import { providerName, statusWords } from '../lib/staff-words';
import type { MessageKey } from '../i18n';
import { cardForm, reasonWords, transferFacts } from './cards';
import { $, loadError, normaliseReference, say, setCount, tr, type ConsoleContext, type ViewId } from './context';

export async function loadTransfers(ctx: ConsoleContext, status: 'UNMATCHED' | 'REFUND_DUE'): Promise<void> {
  const view: ViewId = status === 'UNMATCHED' ? 'chua-khop' : 'hoan-tien';
  const list = $(`${view}-list`);
  if (!list) return;
  say(view, tr('staff.loading'));
  const result = await staffApi<ListPage<TransferView>>(ctx.withAgency(`/api/staff/transactions?status=${status}`));
  if (!result.ok) {
    say(view, loadError(result.body));
    return;
  }
  const items = result.body.items;
  list.textContent = '';
  items.forEach((x, i) => list.appendChild(status === 'UNMATCHED' ? matchCard(ctx, x, i) : refundCard(ctx, x, i)));
  setCount(view, items.filter((x) => status === 'UNMATCHED' || !x.refund).length);
  const none: MessageKey = status === 'UNMATCHED' ? 'unmatched.none' : 'refund.none';
  const count: MessageKey = status === 'UNMATCHED' ? 'unmatched.count' : 'refund.count';
  say(view, items.length === 0 ? tr(none) : tr(count, { n: items.length }));
}

function matchCard(ctx: ConsoleContext, x: TransferView, i: number): HTMLElement {
  const card = el('li', { class: 'card', id: `transfer-${i}` });
  const title = el('h3', { class: 'card-title' }, formatVnd(x.amount), ` · ${providerName(x.provider)}`);
  const result = el('p', { class: 'done', hidden: true });
  const form = cardForm(ctx, {
    id: `match-${i}`,
    label: 'unmatched.orderLabel',
    hint: 'unmatched.orderHint',
    submit: tr('unmatched.submit'),
    extra: { autocapitalize: 'characters', class: 'input-medium mono', maxlength: '20' },
    onSubmit: (value, errors) => {
      const orderId = normaliseReference(value);
      if (!orderId) {
        errors.show([{ field: `match-${i}`, ...words('unmatched.orderRequired') }]);
        return;
      }
      form.setAttribute('aria-busy', 'true');
      void staffApi<OrderPaymentView>(`/api/staff/transactions/${encodeURIComponent(x.id)}/match`, { json: { orderId } }).then((r) => {
        form.removeAttribute('aria-busy');
        if (!r.ok) {
          if (r.status === 401) return;
          const { errors: list, title } = apiErrors(r.body, (path) => (path === 'orderId' ? `match-${i}` : null));
          errors.show(list.length > 0 ? list : [{ field: `match-${i}`, ...title }]);
          return;
        }
        const done = tr('unmatched.done', { reference: r.body.order.reference, status: statusWords(r.body.order.status) });
        form.remove();
        result.hidden = false;
        result.textContent = done;
        card.classList.add('card-done');
        ctx.loaded.delete('cho-xac-nhan');
        ctx.loaded.delete('hoan-tien');
        say('chua-khop', done);
      });
    },
  });
  card.append(title, transferFacts(x), x.reason ? el('p', { class: 'hint' }, tr('unmatched.reason', { reason: reasonWords(x.reason) })) : '', suggestions(x, i, form), form, result);
  return card;
}

/**
 * The likely orders (GET …/suggestions), best first: each a button that puts its
 * reference in the card's own form and submits it, so matching goes through the one
 * path (the match route, its errors shown at the field). Never matched without the tap.
 */
function suggestions(x: TransferView, i: number, form: HTMLFormElement): HTMLElement {
  const headingId = `suggest-title-${i}`;
  const status = el('p', { class: 'hint', role: 'status' }, tr('suggest.loading'));
  const list = el('ul', { class: 'suggestions', 'aria-labelledby': headingId });
  const box = el('section', { class: 'suggest', 'aria-labelledby': headingId }, el('h4', { id: headingId }, tr('suggest.title')), status, list);
  void staffApi<SuggestionsView>(`/api/staff/transactions/${encodeURIComponent(x.id)}/suggestions`).then((r) => {
    if (!r.ok) {
      status.textContent = r.status === 401 ? '' : loadError(r.body);
      return;
    }
    const items = r.body.items;
    status.textContent = items.length ? tr('suggest.hint') : tr('suggest.none');
    for (const s of items) {
      const reasons = s.reasons.map((k) => tr(`suggest.${k}` as MessageKey)).join(', ');
      const button = el('button', { type: 'button', class: 'button secondary' }, tr('suggest.use', { reference: s.reference }));
      button.addEventListener('click', () => {
        const input = document.getElementById(`match-${i}`) as HTMLInputElement | null;
        if (!input) return;
        input.value = s.orderId;
        form.requestSubmit();
      });
      list.appendChild(el('li', {}, button, el('p', { class: 'card-meta' }, tr('suggest.facts', { amount: formatVnd(s.amountDue), at: formatDateTime(s.createdAt) }), ` (${reasons})`)));
    }
  });
  return box;
}

function refundCard(ctx: ConsoleContext, x: TransferView, i: number): HTMLElement {
  const card = el('li', { class: 'card', id: `refund-card-${i}` });
  const title = el('h3', { class: 'card-title' }, tr('refund.due', { amount: formatVnd(x.refundDue) }));
  const sub = el('p', { class: 'card-meta' }, tr('refund.of', { amount: formatVnd(x.amount) }));
  const result = el('p', { class: 'done', hidden: !x.refund }, x.refund ? tr('refund.done', { at: formatDateTime(x.refund.at), note: x.refund.note }) : '');
  card.append(title, sub, transferFacts(x), result);
  if (x.refund) {
    card.classList.add('card-done');
    return card;
  }
  const form = cardForm(ctx, {
    id: `refund-${i}`,
    label: 'refund.noteLabel',
    hint: 'refund.noteHint',
    submit: tr('refund.submit'),
    multiline: true,
    onSubmit: (value, errors) => {
      const note = value.trim();
      if (note.length < 3) {
        errors.show([{ field: `refund-${i}`, ...words('refund.noteRequired') }]);
        return;
      }
      form.setAttribute('aria-busy', 'true');
      void staffApi<{ transaction: TransferView }>(`/api/staff/transactions/${encodeURIComponent(x.id)}/refund`, { json: { note } }).then((r) => {
        form.removeAttribute('aria-busy');
        if (!r.ok) {
          if (r.status === 401) return;
          const { errors: list, title } = apiErrors(r.body, (path) => (path === 'note' ? `refund-${i}` : null));
          errors.show(list.length > 0 ? list : [{ field: `refund-${i}`, ...title }]);
          return;
        }
        const refund = r.body.transaction.refund;
        form.remove();
        result.hidden = false;
        result.textContent = tr('refund.done', { at: formatDateTime(refund?.at ?? new Date().toISOString()), note: refund?.note ?? note });
        card.classList.add('card-done');
        say('hoan-tien', result.textContent);
      });
    },
  });
  card.appendChild(form);
  return card;
}
