/**
 * The dashboard's figures for one answer of the API: headline numbers, then one section per
 * topic, each a small SVG chart beside a table of the same numbers (the table is what a
 * screen reader reads). Pure DOM building, redrawn for a language or a width.
 */
import type { AgencyFigures, Dashboard } from '../../../shared/report-views';
import { t, type Lang, type MessageKey } from '../i18n';
import { columnChart, hBarChart, type BarRow, type Series } from '../lib/charts';
import { el } from '../lib/dom';
import { formatDateTime, formatVnd } from '../lib/format';
import { countText, dayText, durationText, percentText } from './text';
import { shortNameOf } from '../../../shared/short-names';

const MONEY: readonly Series[] = [
  { label: '', tone: 0 },
  { label: '', tone: 1 },
];

/** A table inside a focusable scrolling region, captioned; numeric columns right-aligned. */
function table(id: string, caption: string, heads: string[], rows: { cells: string[]; total?: boolean; key?: string }[], numeric: number[], wide = false): HTMLElement {
  const capId = `${id}-caption`;
  return el(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': capId },
    el(
      'table',
      { class: `data${wide ? ' data-wide' : ''}`, id },
      el('caption', { id: capId }, caption),
      el('thead', {}, el('tr', {}, ...heads.map((h, i) => el('th', { scope: 'col', class: numeric.includes(i) ? 'num' : undefined }, h)))),
      el(
        'tbody',
        {},
        ...rows.map((r) =>
          el(
            'tr',
            { class: r.total ? 'total-row' : undefined, 'data-key': r.key },
            ...r.cells.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c) : el('td', { class: numeric.includes(i) ? 'num' : undefined }, c))),
          ),
        ),
      ),
    ),
  );
}

function section(id: string, heading: string, chart: SVGSVGElement | null, tableEl: HTMLElement, lang: Lang): HTMLElement {
  // The table's scrolling region is named by its caption, which is the heading's words: the
  // section itself is no second landmark of that name (axe landmark-unique), only a group.
  return el(
    'section',
    { class: 'dash-section', id, role: 'group', 'aria-labelledby': `${id}-h` },
    el('h3', { id: `${id}-h` }, heading),
    el('div', { class: 'dash-pair' }, chart ? el('figure', { class: 'chart-box' }, chart, el('figcaption', {}, t(lang, 'dash.chartNote'))) : null, tableEl),
  );
}

export function renderDashboard(d: Dashboard, lang: Lang, width: number): HTMLElement {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params);
  const root = el('div', { class: 'dashboard' });
  // The total row is named in the page's language ("Tất cả cơ quan", "All agencies"), not
  // in the API's Vietnamese.
  const total: AgencyFigures = d.agencies.length === 1 ? d.total : { ...d.total, agencyName: tr('dash.all') };
  // One agency: the total is that agency; all of them: a total row, then each agency.
  const single = d.agencies.length === 1;
  const rows: { f: AgencyFigures; total: boolean; key: string }[] = single ? [{ f: d.agencies[0]!, total: false, key: d.agencies[0]!.agencyId ?? 'agency' }] : [{ f: total, total: true, key: 'total' }, ...d.agencies.map((f) => ({ f, total: false, key: f.agencyId ?? '' }))];
  const scope = single ? (d.agencies[0]?.agencyName ?? '') : total.agencyName;

  root.append(
    el('h2', { class: 'dash-head', id: 'dash-heading' }, tr('dash.heading', { scope, from: dayText(d.from), to: dayText(d.to), days: d.days })),
    el('p', { class: 'hint' }, tr('dash.generated', { at: formatDateTime(d.generatedAt) })),
  );

  // ---- Headline figures.
  const stat = (id: string, key: MessageKey, value: string) => el('div', { class: 'stat', id }, el('dt', {}, tr(key)), el('dd', {}, value));
  root.append(
    el(
      'dl',
      { class: 'stats', id: 'dash-stats' },
      stat('stat-collected', 'dash.collected', formatVnd(total.collected.total.amount)),
      stat('stat-share', 'dash.share', percentText(total.collected.cashlessShare, lang)),
      stat('stat-created', 'dash.created', countText(total.orders.created)),
      stat('stat-paid', 'dash.paid', countText(total.orders.paid)),
      stat('stat-confirmed', 'dash.confirmed', countText(total.orders.confirmed)),
      stat('stat-to-payment', 'dash.toPayment', durationText(total.timing.orderToPayment.medianSeconds, lang)),
      stat('stat-to-confirm', 'dash.toConfirm', durationText(total.timing.paymentToConfirmation.medianSeconds, lang)),
      stat('stat-assisted', 'dash.assisted', countText(total.volunteers.assistedOrders)),
      stat('stat-unmatched', 'dash.unmatchedRate', percentText(total.transfers.unmatchedRate, lang)),
      stat('stat-refund', 'dash.refundRate', percentText(total.transfers.refundRate, lang)),
    ),
    el('p', { class: 'hint' }, tr('dash.populations')),
  );

  const agencyRows = d.agencies;
  const money: Series[] = [
    { ...MONEY[0]!, label: tr('dash.cashless') },
    { ...MONEY[1]!, label: tr('dash.cash') },
  ];

  // ---- Cashless vs cash.
  root.append(
    section(
      'dash-money',
      tr('dash.moneyH'),
      hBarChart({
        id: 'chart-money',
        title: tr('dash.moneyH'),
        desc: tr('dash.moneyDesc', { cashless: formatVnd(total.collected.cashless.amount), cash: formatVnd(total.collected.cash.amount), share: percentText(total.collected.cashlessShare, lang) }),
        series: money,
        rows: agencyRows.map((f) => ({ label: f.agencyName, values: [f.collected.cashless.amount, f.collected.cash.amount] })),
        stacked: true,
        format: formatVnd,
        width,
      }),
      table(
        'dash-money-table',
        tr('dash.moneyH'),
        [tr('dash.agencyCol'), `${tr('dash.cashless')}: ${tr('dash.count')}`, `${tr('dash.cashless')}: ${tr('dash.amount')}`, `${tr('dash.cash')}: ${tr('dash.count')}`, `${tr('dash.cash')}: ${tr('dash.amount')}`, tr('dash.total'), tr('dash.share')],
        rows.map(({ f, total: isTotal, key }) => ({
          key,
          total: isTotal,
          cells: [f.agencyName, countText(f.collected.cashless.count), formatVnd(f.collected.cashless.amount), countText(f.collected.cash.count), formatVnd(f.collected.cash.amount), formatVnd(f.collected.total.amount), percentText(f.collected.cashlessShare, lang)],
        })),
        [1, 2, 3, 4, 5, 6],
        true,
      ),
      lang,
    ),
  );

  // ---- Day by day.
  const busiest = d.daily.reduce<{ date: string; sum: number } | null>((best, x) => (x.cashless + x.cash > (best?.sum ?? 0) ? { date: x.date, sum: x.cashless + x.cash } : best), null);
  root.append(
    section(
      'dash-daily',
      tr('dash.dailyH'),
      columnChart({
        id: 'chart-daily',
        title: tr('dash.dailyH'),
        desc: tr('dash.dailyDesc', { max: busiest ? `${dayText(busiest.date)}, ${formatVnd(busiest.sum)}` : '—' }),
        series: money,
        points: d.daily.map((x) => ({ label: x.date, values: [x.cashless, x.cash] })),
        format: formatVnd,
        tick: (label) => `${label.slice(8, 10)}/${label.slice(5, 7)}`,
        width,
      }),
      table(
        'dash-daily-table',
        tr('dash.dailyH'),
        [tr('dash.date'), tr('dash.cashless'), tr('dash.cash'), tr('dash.created'), tr('dash.paid')],
        d.daily.map((x) => ({ key: x.date, cells: [dayText(x.date), formatVnd(x.cashless), formatVnd(x.cash), countText(x.ordersCreated), countText(x.paid)] })),
        [1, 2, 3, 4],
      ),
      lang,
    ),
  );

  // ---- Orders by procedure (created in the period; the ten biggest drawn, all in the table).
  const procs = total.orders.byProcedure;
  const top = procs.slice(0, 10);
  root.append(
    section(
      'dash-proc',
      tr('dash.procH'),
      top.length
        ? hBarChart({
            id: 'chart-proc',
            title: tr('dash.procH'),
            desc: tr('dash.procDesc', { n: top.length, top: top[0] ? `${shortNameOf(top[0].procedureCode, top[0].procedureName)} (${top[0].count})` : '—' }),
            series: [{ label: tr('dash.orders'), tone: 0 }],
            rows: top.map((p) => ({ label: shortNameOf(p.procedureCode, p.procedureName), values: [p.count] })),
            stacked: true,
            format: countText,
            width,
          })
        : null,
      procs.length
        ? table(
            'dash-proc-table',
            tr('dash.procH'),
            [tr('dash.procName'), tr('dash.procCode'), tr('dash.ordersAll'), tr('dash.feesAll')],
            procs.map((p) => ({ key: p.procedureCode, cells: [shortNameOf(p.procedureCode, p.procedureName), p.procedureCode, countText(p.count), formatVnd(p.amount)] })),
            [2, 3],
          )
        : el('p', { id: 'dash-proc-table' }, tr('dash.none')),
      lang,
    ),
  );

  // ---- Handling times (medians, minutes in the chart; words in the table).
  // No median (nothing paid or confirmed yet) is missing data: "—", not "0 phút".
  const minutes = (s: number | null) => (s === null ? NaN : Math.round(s / 6) / 10);
  const minuteText = (n: number) => (Number.isFinite(n) ? `${String(n).replace('.', lang === 'vi' ? ',' : '.')} ${tr('dash.minutes')}` : '—');
  root.append(
    section(
      'dash-time',
      tr('dash.timeH'),
      hBarChart({
        id: 'chart-time',
        title: tr('dash.timeH'),
        desc: tr('dash.timeDesc', { pay: durationText(total.timing.orderToPayment.medianSeconds, lang), confirm: durationText(total.timing.paymentToConfirmation.medianSeconds, lang) }),
        series: [
          { label: tr('dash.toPayment'), tone: 0 },
          { label: tr('dash.toConfirm'), tone: 1 },
        ],
        rows: agencyRows.map((f) => ({ label: f.agencyName, values: [minutes(f.timing.orderToPayment.medianSeconds), minutes(f.timing.paymentToConfirmation.medianSeconds)] })),
        stacked: false,
        format: minuteText,
        width,
      }),
      table(
        'dash-time-table',
        tr('dash.timeH'),
        [tr('dash.agencyCol'), tr('dash.toPayment'), tr('dash.times'), tr('dash.toConfirm'), tr('dash.times')],
        rows.map(({ f, total: isTotal, key }) => ({
          key,
          total: isTotal,
          cells: [f.agencyName, durationText(f.timing.orderToPayment.medianSeconds, lang), countText(f.timing.orderToPayment.count), durationText(f.timing.paymentToConfirmation.medianSeconds, lang), countText(f.timing.paymentToConfirmation.count)],
        })),
        [1, 2, 3, 4],
        true,
      ),
      lang,
    ),
  );

  // ---- People helped by volunteers.
  root.append(
    section(
      'dash-vol',
      tr('dash.volH'),
      hBarChart({
        id: 'chart-vol',
        title: tr('dash.volH'),
        desc: tr('dash.volDesc', { n: total.volunteers.assistedOrders }),
        series: [{ label: tr('dash.volOrders'), tone: 2 }],
        rows: agencyRows.map((f): BarRow => ({ label: f.agencyName, values: [f.volunteers.assistedOrders] })),
        stacked: true,
        format: countText,
        width,
      }),
      table(
        'dash-vol-table',
        tr('dash.volH'),
        [tr('dash.agencyCol'), tr('dash.volOrders'), tr('dash.volunteers'), tr('dash.created'), tr('dash.volShare')],
        rows.map(({ f, total: isTotal, key }) => ({
          key,
          total: isTotal,
          cells: [f.agencyName, countText(f.volunteers.assistedOrders), countText(f.volunteers.volunteers), countText(f.orders.created), percentText(f.orders.created ? f.volunteers.assistedOrders / f.orders.created : null, lang)],
        })),
        [1, 2, 3, 4],
      ),
      lang,
    ),
  );

  // ---- Unmatched and refund rates.
  const pct = (r: number | null) => (r === null ? 0 : Math.round(r * 10_000) / 100);
  root.append(
    section(
      'dash-rate',
      tr('dash.rateH'),
      hBarChart({
        id: 'chart-rate',
        title: tr('dash.rateH'),
        desc: tr('dash.rateDesc', { unmatched: percentText(total.transfers.unmatchedRate, lang), refund: percentText(total.transfers.refundRate, lang) }),
        series: [
          { label: tr('dash.unmatchedRate'), tone: 0 },
          { label: tr('dash.refundRate'), tone: 1 },
        ],
        rows: agencyRows.map((f) => ({ label: f.agencyName, values: [pct(f.transfers.unmatchedRate), pct(f.transfers.refundRate)] })),
        stacked: false,
        format: (n) => percentText(n / 100, lang),
        width,
      }),
      table(
        'dash-rate-table',
        tr('dash.rateH'),
        [tr('dash.agencyCol'), tr('dash.bankIn'), tr('dash.unmatchedOnArrival'), tr('dash.unmatchedRate'), tr('dash.unmatchedNow'), tr('dash.incoming'), tr('dash.refundDue'), tr('dash.refundRate')],
        rows.map(({ f, total: isTotal, key }) => ({
          key,
          total: isTotal,
          cells: [
            f.agencyName,
            countText(f.transfers.bankIncoming),
            countText(f.transfers.unmatchedOnArrival),
            percentText(f.transfers.unmatchedRate, lang),
            countText(f.transfers.unmatchedNow.count),
            countText(f.transfers.incoming.count),
            countText(f.transfers.refundDue.count),
            percentText(f.transfers.refundRate, lang),
          ],
        })),
        [1, 2, 3, 4, 5, 6, 7],
        true,
      ),
      lang,
    ),
  );
  return root;
}
