/**
 * Cash at the counter: find the order by its reference, record the cash paid (the amount
 * still due unless the clerk types another), then confirm it and print the receipt here.
 */
import type { OrderPaymentView, StaffOrderView } from '../../../shared/views';
import { el } from '../lib/dom';
import { formatVnd } from '../lib/format';
import { apiErrors, FormErrors, words, type ShownError } from '../lib/form-errors';
import { staffApi } from '../lib/staff-api';
import { newIdempotencyKey } from '../lib/uuid';
import { statusWords } from '../lib/staff-words';
import { confirmedWords, confirmOnClick, orderFacts, orderTitle, receiptIssued, receiptLink } from './cards';
import { $, normaliseReference, say, tr, type ConsoleContext } from './context';
import { receiptCancel } from './receipts';
import { closableOnPortal, portalPaidFacts, portalPaymentBox } from './portal-payment';

/** What is left to pay: the amount less what was paid and kept (a refund due is not kept). */
const due = (o: StaffOrderView) => o.amount - (o.paidAmount - o.refundDue);

export function initCash(ctx: ConsoleContext): void {
  const cashFind = $('cash-find') as HTMLFormElement;
  const cashRef = $('cash-ref') as HTMLInputElement;
  const cashForm = $('cash-form') as HTMLFormElement;
  const cashAmount = $('cash-amount') as HTMLInputElement;
  const cashNote = $('cash-note') as HTMLInputElement;
  const cashOrderBox = $('cash-order') as HTMLElement;
  const cashResult = $('cash-result') as HTMLElement;
  const findErrors = new FormErrors(['cash-ref'], null);
  const cashErrors = new FormErrors(['cash-amount', 'cash-note'], $('cash-errors'), 'cash.errorTitle');
  ctx.errorSets.push(findErrors, cashErrors);
  let cashOrder: StaffOrderView | null = null;
  let cashAttempt: { key: string; sent: string } | undefined;

  function showCashOrder(o: StaffOrderView): void {
    cashOrder = o;
    cashOrderBox.hidden = false;
    cashOrderBox.textContent = '';
    const left = due(o);
    cashOrderBox.append(orderTitle(o, { id: 'cash-order-h', tabindex: '-1' }), orderFacts(o), portalPaidFacts(o) ?? '', el('p', { class: 'amount-line' }, tr('cash.due', { amount: formatVnd(o.paidOnPortal ? 0 : Math.max(0, left)) })));
    const payable = left > 0 && (o.status === 'PENDING' || o.status === 'UNDERPAID' || o.status === 'EXPIRED') && !o.paidOnPortal;
    // Paid on the national portal already (a dossier filed online): close it instead of taking cash.
    if (payable && closableOnPortal(o)) {
      cashOrderBox.appendChild(
        portalPaymentBox(ctx, o, 'tien-mat', (closed) => {
          showCashOrder(closed);
          cashResult.textContent = '';
          cashResult.appendChild(el('p', { class: 'notice notice-ok' }, tr('portal.done', { reference: closed.reference })));
        }),
      );
    }
    cashForm.hidden = !payable;
    if (payable) {
      cashAmount.value = String(left);
      cashNote.value = '';
      cashErrors.clear();
    } else if (o.status === 'PAID' || o.status === 'OVERPAID') {
      cashOrderBox.appendChild(confirmInline(o));
    } else {
      cashOrderBox.appendChild(el('p', { class: 'notice' }, tr('cash.nothingDue', { status: statusWords(o.status) })));
      const link = o.status === 'CONFIRMED' ? receiptLink(o) : null;
      if (link) cashOrderBox.appendChild(el('p', {}, link));
      if (o.status === 'CONFIRMED' && o.receipt?.id) cashOrderBox.appendChild(receiptCancel(ctx, o, 'tien-mat'));
    }
  }

  /** Confirm right here (after cash), then offer the receipt to print. */
  function confirmInline(o: StaffOrderView): HTMLElement {
    const box = el('div', { class: 'card-actions' });
    const error = el('p', { class: 'field-error', id: 'cash-confirm-error', role: 'alert', hidden: true });
    const button = el('button', { type: 'button', class: 'button primary', 'aria-describedby': 'cash-confirm-error' }, tr('confirm.button', { reference: o.reference }));
    confirmOnClick(button, error, o.id, (receipt) => {
      receiptIssued(ctx, 'tien-mat', box, confirmedWords(o.reference, receipt), receipt, ['cho-xac-nhan', 'bien-lai']);
    });
    box.append(error, button);
    return box;
  }

  cashRef.addEventListener('input', () => {
    if (findErrors.count > 0) findErrors.clear();
  });
  cashFind.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const reference = normaliseReference(cashRef.value);
    cashResult.textContent = '';
    if (!reference) {
      findErrors.show([{ field: 'cash-ref', ...words('cash.referenceRequired') }]);
      return;
    }
    say('tien-mat', tr('staff.loading'));
    void staffApi<StaffOrderView>(`/api/staff/orders/${encodeURIComponent(reference)}`).then((r) => {
      if (!r.ok) {
        if (r.status === 401) return;
        cashOrderBox.hidden = true;
        cashForm.hidden = true;
        const { errors: list, title } = apiErrors(r.body, () => 'cash-ref');
        findErrors.show(list.length > 0 ? list : [{ field: 'cash-ref', ...title }]);
        say('tien-mat', '');
        return;
      }
      showCashOrder(r.body);
      say('tien-mat', tr('cash.found', { reference: r.body.reference }));
      $('cash-order-h')?.focus();
    });
  });
  cashForm.addEventListener('input', (ev) => {
    const id = (ev.target as HTMLElement).id;
    if (cashErrors.has(id)) cashErrors.clear(id);
  });
  cashForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!cashOrder || cashForm.getAttribute('aria-busy') === 'true') return;
    const order = cashOrder;
    const local: ShownError[] = [];
    const raw = cashAmount.value.trim();
    if (raw !== '' && !/^\d+$/.test(raw.replace(/[.,\s]/g, ''))) local.push({ field: 'cash-amount', ...words('cash.amountInvalid') });
    if (local.length > 0) {
      cashErrors.show(local);
      return;
    }
    const body: Record<string, unknown> = {};
    if (raw !== '') body.amount = Number(raw.replace(/[.,\s]/g, ''));
    if (cashNote.value.trim()) body.note = cashNote.value.trim();
    // One key per cash payment: a retry after a lost answer (or a double tap) sends the same
    // key and the same body, so the server records the cash once; a changed form draws a new one.
    const sent = `${order.id}\n${JSON.stringify(body)}`;
    if (!cashAttempt || cashAttempt.sent !== sent) cashAttempt = { key: newIdempotencyKey(), sent };
    cashForm.setAttribute('aria-busy', 'true');
    void staffApi<OrderPaymentView>(`/api/staff/orders/${encodeURIComponent(order.id)}/cash`, { json: body, idempotencyKey: cashAttempt.key }).then((r) => {
      cashForm.removeAttribute('aria-busy');
      if (!r.ok) {
        if (r.status === 401) return;
        const { errors: list, title } = apiErrors(r.body, (path) => (path === 'amount' ? 'cash-amount' : path === 'note' ? 'cash-note' : null), 'staff.network');
        cashErrors.show(list, title);
        return;
      }
      cashAttempt = undefined;
      const done = tr('cash.done', { amount: formatVnd(Number(body.amount ?? due(order))), reference: r.body.order.reference, status: statusWords(r.body.order.status) });
      showCashOrder(r.body.order);
      cashResult.textContent = '';
      // Said once: the notice is the view's live region for it (issue 13, item 10); the
      // status line above no longer repeats it.
      say('tien-mat', '');
      cashResult.appendChild(el('p', { class: 'notice notice-ok' }, done));
      ctx.loaded.delete('cho-xac-nhan');
    });
  });
}
