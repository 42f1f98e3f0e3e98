/** The queue: paid orders awaiting the clerk's confirmation, which issues the receipt to print. */
import type { ListPage, StaffOrderView } from '../../../shared/views';
import { el } from '../lib/dom';
import { formatVnd } from '../lib/format';
import { staffApi } from '../lib/staff-api';
import { confirmedWords, confirmOnClick, orderFacts, orderTitle, receiptIssued } from './cards';
import { $, loadError, say, setCount, tr, type ConsoleContext } from './context';

export async function loadConfirm(ctx: ConsoleContext): Promise<void> {
  const list = $('cho-xac-nhan-list');
  if (!list) return;
  say('cho-xac-nhan', tr('staff.loading'));
  const [paid, over] = await Promise.all([
    staffApi<ListPage<StaffOrderView>>(ctx.withAgency('/api/staff/orders?status=PAID&limit=200')),
    staffApi<ListPage<StaffOrderView>>(ctx.withAgency('/api/staff/orders?status=OVERPAID&limit=200')),
  ]);
  if (!paid.ok || !over.ok) {
    say('cho-xac-nhan', loadError(!paid.ok ? paid.body : !over.ok ? over.body : null));
    return;
  }
  const items = [...paid.body.items, ...over.body.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  list.textContent = '';
  items.forEach((o) => list.appendChild(confirmCard(ctx, o)));
  setCount('cho-xac-nhan', items.length);
  say('cho-xac-nhan', items.length === 0 ? tr('confirm.none') : tr('confirm.count', { n: items.length }));
}

function confirmCard(ctx: ConsoleContext, o: StaffOrderView): HTMLElement {
  const errorId = `confirm-${o.id}-error`;
  const card = el('li', { class: 'card', id: `order-${o.id}` });
  const note = o.status === 'OVERPAID' ? el('p', { class: 'notice notice-warn' }, tr('confirm.overpaid', { extra: formatVnd(o.refundDue || o.paidAmount - o.amount) })) : null;
  const error = el('p', { class: 'field-error', id: errorId, role: 'alert', hidden: true });
  const button = el('button', { type: 'button', class: 'button primary', 'aria-describedby': errorId }, tr('confirm.button', { reference: o.reference }));
  const actions = el('p', { class: 'card-actions' }, button);
  confirmOnClick(button, error, o.id, (receipt) => {
    card.classList.add('card-done');
    receiptIssued(ctx, 'cho-xac-nhan', actions, confirmedWords(o.reference, receipt), receipt, ['bien-lai']);
  });
  card.append(orderTitle(o), orderFacts(o), note ?? '', error, actions);
  return card;
}
