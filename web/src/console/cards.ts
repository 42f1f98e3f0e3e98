/**
 * What the console's cards are made of: an order's and a transfer's facts, the link to a
 * receipt, a one-field form, and the button that confirms a paid order.
 */
import type { OrderReceipt } from '../../../shared/order';
import type { ConfirmedOrderView, StaffOrderView, TransferView } from '../../../shared/views';
import { el, row } from '../lib/dom';
import { formatDateTime, formatVnd } from '../lib/format';
import { FormErrors } from '../lib/form-errors';
import { formatReceiptNumber, receiptPagePath, tokenFromUrl } from '../lib/receipt-view';
import { staffApi } from '../lib/staff-api';
import { providerName, statusWords } from '../lib/staff-words';
import { isMessageKey, type MessageKey } from '../i18n';
import { loadError, say, tr, type ConsoleContext, type ViewId } from './context';
import { shortNameOf } from '../../../shared/short-names';

/** "00000042", or '' when the receipt has no number yet. */
export function receiptNumber(receipt: StaffOrderView['receipt'] | undefined): string {
  return typeof receipt?.number === 'number' ? formatReceiptNumber(receipt.number) : '';
}

/** "Print receipt no. …", to the receipt page; null when the order has no receipt to show. */
export function receiptLink(order: { receipt: StaffOrderView['receipt'] }): HTMLElement | null {
  const token = tokenFromUrl(order.receipt?.verifyUrl);
  if (!token) return null;
  const number = receiptNumber(order.receipt);
  return el('a', { class: 'button primary', href: receiptPagePath(token), 'data-receipt': number }, tr('console.printReceipt', { number }));
}

/** "ABCD2345 · 25.000 ₫": a card's heading. */
export function orderTitle(o: StaffOrderView, attrs: Record<string, string> = {}): HTMLElement {
  return el('h3', { class: 'card-title', ...attrs }, el('span', { class: 'mono' }, o.reference), ` · ${formatVnd(o.amount)}`);
}

/**
 * A receipt was just issued: `box` says `done` beside the link to print it, the views it
 * changed load again when next shown, `view` announces it, and focus moves to the link.
 */
export function receiptIssued(ctx: ConsoleContext, view: ViewId, box: HTMLElement, done: string, receipt: OrderReceipt, changed: readonly ViewId[]): void {
  box.textContent = '';
  box.append(el('span', { class: 'done' }, done), ' ', receiptLink({ receipt }) ?? '');
  for (const v of changed) ctx.loaded.delete(v);
  say(view, done);
  (box.querySelector('a') as HTMLElement | null)?.focus();
}

/** "Confirmed ABCD2345: receipt no. 00000042, symbol 26TAA." */
export function confirmedWords(reference: string, receipt: OrderReceipt): string {
  return tr('confirm.done', { reference, number: receiptNumber(receipt), symbol: receipt.symbol ?? '' });
}

const several = (o: StaffOrderView) => (o.items?.length ?? 0) > 1;

/** What the order is for: the procedure, or every line of an order of several fees with its amount and kind. */
function procedureOf(o: StaffOrderView): HTMLElement {
  if (!several(o)) return el('span', { lang: 'vi' }, o.procedureName);
  return el(
    'ul',
    { class: 'order-lines', lang: 'vi' },
    ...o.items.map((l) => el('li', {}, `${l.procedureName}${l.copies > 1 ? ` × ${l.copies}` : ''}: ${formatVnd(l.amount)} (${l.kind === 'phi' ? 'Phí' : 'Lệ phí'})`)),
  );
}

export function orderFacts(o: StaffOrderView): HTMLElement {
  return el(
    'dl',
    { class: 'facts-inline' },
    row(tr('pay.procedure'), several(o) ? procedureOf(o) : el('span', { lang: 'vi' }, shortNameOf(o.procedureCode, o.procedureName))),
    several(o) ? null : o.quantity > 1 ? row(tr('pay.quantity'), String(o.quantity)) : null,
    several(o) ? null : (o.copies ?? 1) > 1 ? row(tr('pay.copies'), String(o.copies)) : null,
    row(tr('order.amount'), formatVnd(o.amount)),
    row(tr('order.paid'), formatVnd(o.paidAmount)),
    o.payer?.name ? row(tr('order.payer'), o.payer.name) : null,
    o.dossierCode ? row(tr('order.dossier'), el('span', { class: 'mono' }, o.dossierCode)) : null,
    row(tr('order.created'), formatDateTime(o.createdAt)),
    row(tr('order.status'), statusWords(o.status)),
  );
}

export function transferFacts(x: TransferView): HTMLElement {
  const counter = x.counterAccount;
  return el(
    'dl',
    { class: 'facts-inline' },
    row(tr('transfer.memo'), el('span', { class: 'mono memo' }, x.memo || '—')),
    row(tr('transfer.received'), formatDateTime(x.receivedAt)),
    row(tr('transfer.via'), providerName(x.provider)),
    row(tr('pay.accountNumber'), el('span', { class: 'mono' }, x.accountNumber)),
    counter ? row(tr('transfer.from'), [counter.name, counter.number, counter.bankName].filter(Boolean).join(' · ')) : null,
    x.orderId ? row(tr('transfer.order'), el('span', { class: 'mono' }, x.orderId)) : null,
  );
}

/** Why a transfer matched no order, in words (the API's code when there are none). */
export function reasonWords(reason: string): string {
  const key = `reason.${reason}`;
  return isMessageKey(key) ? tr(key) : reason;
}

export interface CardFormOptions {
  id: string;
  label: MessageKey;
  hint?: MessageKey;
  submit: string;
  multiline?: boolean;
  onSubmit: (value: string, errors: FormErrors) => void;
  extra?: Record<string, string>;
}

/** A one-field form inside a card: label, error beside the field, submit. */
export function cardForm(ctx: ConsoleContext, opts: CardFormOptions): HTMLFormElement {
  const errors = new FormErrors([opts.id], null);
  const control = opts.multiline
    ? el('textarea', { id: opts.id, rows: '2', 'aria-describedby': `${opts.hint ? `${opts.id}-hint ` : ''}${opts.id}-error`, maxlength: '500', ...opts.extra })
    : el('input', { id: opts.id, type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${opts.hint ? `${opts.id}-hint ` : ''}${opts.id}-error`, ...opts.extra });
  const form = el(
    'form',
    { class: 'card-form', novalidate: true },
    el(
      'div',
      { class: 'field', id: `field-${opts.id}` },
      el('label', { for: opts.id }, tr(opts.label)),
      opts.hint ? el('p', { class: 'hint', id: `${opts.id}-hint` }, tr(opts.hint)) : null,
      el('p', { class: 'field-error', id: `${opts.id}-error`, hidden: true }),
      control,
    ),
    el('button', { type: 'submit', class: 'button primary' }, opts.submit),
  );
  control.addEventListener('input', () => {
    if (errors.count > 0) errors.clear();
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (form.getAttribute('aria-busy') === 'true') return;
    opts.onSubmit((control as HTMLInputElement).value, errors);
  });
  ctx.errorSets.push(errors);
  return form;
}

/**
 * Wires a button to POST /api/staff/orders/{id}/confirm: inert while the request runs, a
 * refusal in `error` (a 401 is already on its way to the login page), the receipt issued
 * to `issued`. Used by the queue, by cash at the counter, and to replace a cancelled receipt.
 */
export function confirmOnClick(button: HTMLElement, error: HTMLElement, orderId: string, issued: (receipt: OrderReceipt) => void): void {
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    error.hidden = true;
    void staffApi<ConfirmedOrderView>(`/api/staff/orders/${encodeURIComponent(orderId)}/confirm`, { method: 'POST' }).then((result) => {
      button.removeAttribute('aria-disabled');
      if (!result.ok) {
        if (result.status === 401) return;
        error.hidden = false;
        error.textContent = loadError(result.body);
        return;
      }
      issued(result.body.receipt);
    });
  });
}
