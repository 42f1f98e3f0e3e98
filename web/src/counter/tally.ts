/** The volunteer's own tally: people helped today and this month, by procedure. */
import type { TallyView } from '../../../shared/views';
import { staffApi } from '../lib/staff-api';
import { $, procedureLabel, type CounterContext } from './context';

export async function loadTally(ctx: CounterContext): Promise<void> {
  const section = $('tally');
  const role = ctx.session.user.role;
  if (!section || !(role === 'volunteer' || role === 'admin')) return;
  const result = await staffApi<TallyView>('/api/staff/tally');
  if (!result.ok) return;
  section.hidden = false;
  const set = (id: string, value: number) => {
    const el = $(id);
    if (el) el.textContent = String(value);
  };
  set('tally-today', result.body.today);
  set('tally-month', result.body.month);
  set('tally-paid', result.body.paidThisMonth);
  const rows = $('tally-rows');
  const wrap = $('tally-table-wrap');
  if (rows && wrap) {
    rows.textContent = '';
    for (const r of result.body.byProcedure) {
      const tr = document.createElement('tr');
      const name = document.createElement('td');
      name.lang = 'vi';
      name.textContent = procedureLabel(ctx.data, r.procedureCode, r.procedureName);
      const today = document.createElement('td');
      today.className = 'num';
      today.textContent = String(r.today);
      const month = document.createElement('td');
      month.className = 'num';
      month.textContent = String(r.month);
      tr.append(name, today, month);
      rows.appendChild(tr);
    }
    wrap.hidden = result.body.byProcedure.length === 0;
  }
}
