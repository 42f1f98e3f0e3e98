/** The orders this person made here today; those still awaiting money can show their QR again. */
import { vietnamDate } from '../../../shared/time';
import type { ListPage, StaffOrderView } from '../../../shared/views';
import { t } from '../i18n';
import { getOrder, type PublicOrder } from '../lib/api';
import { formatDateTime, formatVnd } from '../lib/format';
import { currentLang } from '../lib/lang';
import { staffApi } from '../lib/staff-api';
import { statusWords } from '../lib/staff-words';
import { $, procedureLabel, type CounterContext } from './context';
import { knownTokens } from './tokens';

/** Wires the list's refresh button; returns what loads the list. */
export function initMyOrders(ctx: CounterContext, showQr: (order: PublicOrder, token: string) => void): () => Promise<void> {
  const { isAdmin, session } = ctx;
  const list = $('my-orders-list');
  async function loadOrders(): Promise<void> {
    const section = $('my-orders');
    if (!list || !section) return;
    if (isAdmin && !ctx.agencyId()) {
      section.hidden = true;
      return;
    }
    section.hidden = false;
    const status = $('my-orders-status');
    const today = vietnamDate(new Date());
    const query = new URLSearchParams({ from: today, to: today, limit: '100' });
    if (isAdmin) query.set('agencyId', ctx.agencyId());
    const result = await staffApi<ListPage<StaffOrderView>>(`/api/staff/orders?${query.toString()}`);
    if (!result.ok) {
      if (status) status.textContent = t(currentLang(), 'staff.loadFailed');
      return;
    }
    const mine = result.body.items.filter((o) => o.assistedBy === session.user.username);
    list.textContent = '';
    const tokens = knownTokens();
    for (const o of mine) {
      const li = document.createElement('li');
      li.className = 'card';
      const h = document.createElement('h3');
      h.className = 'card-title';
      const ref = document.createElement('span');
      ref.className = 'mono';
      ref.textContent = o.reference;
      h.append(ref, ` · ${formatVnd(o.amount)}`);
      const p = document.createElement('p');
      p.lang = 'vi';
      p.textContent = procedureLabel(ctx.data, o.procedureCode, o.procedureName);
      const meta = document.createElement('p');
      meta.className = 'card-meta';
      meta.textContent = `${statusWords(o.status)} · ${formatDateTime(o.createdAt)}`;
      li.append(h, p, meta);
      const token = tokens[o.id];
      if (token && (o.status === 'PENDING' || o.status === 'UNDERPAID')) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'button secondary small';
        b.textContent = t(currentLang(), 'counter.showAgain');
        b.setAttribute('aria-label', `${t(currentLang(), 'counter.showAgain')} ${o.reference}`);
        b.addEventListener('click', () => {
          void getOrder(o.id, token).then((r) => {
            if (r.ok) showQr(r.order, token);
          });
        });
        li.appendChild(b);
      }
      list.appendChild(li);
    }
    if (status) status.textContent = mine.length === 0 ? t(currentLang(), 'counter.noOrders') : t(currentLang(), 'counter.ordersCount', { n: mine.length });
  }
  $('my-orders-refresh')?.addEventListener('click', () => void loadOrders());
  return loadOrders;
}
