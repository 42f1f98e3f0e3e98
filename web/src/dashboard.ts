/**
 * The district dashboard (admin, leader): GET /api/staff/reports/dashboard for a period
 * (this month by default) and one agency or all, drawn as small SVG charts each beside a
 * table of the same numbers (the table is what a screen reader should read), printable,
 * with the CSV the API writes. The period and agency live in the address (?from=&to=
 * &agencyId=), so a reload or a shared link shows the same figures.
 */
import { t, type Lang, type MessageKey } from './i18n';
import { staffWords } from './i18n/staff';
import { dashboardWords } from './i18n/dashboard';
import { columnChart, hBarChart, type BarRow, type Series } from './lib/charts';
import { el } from './lib/dom';
import { apiErrors, FormErrors, inLang, words, type ShownError } from './lib/form-errors';
import { formatDateTime, formatVnd } from './lib/format';
import { currentLang, initLang, onLang } from './lib/lang';
import { readPageData, type StaffPageData } from './lib/page-data';
import { initStaffBar, PAGE_ROLES } from './lib/staff-page';
import { staffApi } from './lib/staff-api';
import { requireSession, type StaffSession } from './lib/staff-session';
import type { AgencyFigures, Dashboard } from '../../shared/report-views';
import { vietnamDate } from '../../shared/time';

initLang(staffWords, dashboardWords);

const data = readPageData<StaffPageData>('staff-data') ?? { agencies: [], procedures: [], maxQuantity: 0 };
const session = requireSession(PAGE_ROLES.dashboard);
const $ = (id: string) => document.getElementById(id);
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** 2026-03-14 → 14/03/2026. */
export function dayText(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** 0.9524 → "95,24 %" (Vietnamese) or "95.24%"; null (nothing to divide) → "—". */
export function percentText(share: number | null | undefined, lang: Lang): string {
  if (share === null || share === undefined) return '—';
  const n = Math.round(share * 10_000) / 100;
  return lang === 'vi' ? `${String(n).replace('.', ',')} %` : `${n}%`;
}

/** 1890 → "31 phút 30 giây"; null → "—". */
export function durationText(seconds: number | null | undefined, lang: Lang): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  if (s < 60) return t(lang, 'dur.s', { n: s });
  if (s < 3600) return t(lang, 'dur.m', { m: Math.floor(s / 60), s: s % 60 });
  if (s < 86_400) return t(lang, 'dur.h', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
  return t(lang, 'dur.d', { d: Math.floor(s / 86_400), h: Math.floor((s % 86_400) / 3600) });
}

const countText = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

function start(s: StaffSession): void {
  initStaffBar(s, data, 'dashboard');
  const root = $('dashboard');
  if (root) root.hidden = false;
  const form = $('dash-form') as HTMLFormElement;
  const from = $('dash-from') as HTMLInputElement;
  const to = $('dash-to') as HTMLInputElement;
  const agency = $('dash-agency') as HTMLSelectElement;
  const errors = new FormErrors(['dash-from', 'dash-to', 'dash-agency'], $('dash-errors'), 'dash.errorTitle');
  const today = vietnamDate(new Date());
  from.max = today;
  to.max = today;

  const params = new URLSearchParams(window.location.search);
  const asked = { from: params.get('from') ?? '', to: params.get('to') ?? '', agencyId: params.get('agencyId') ?? '' };
  to.value = isDay(asked.to) ? asked.to : today;
  from.value = isDay(asked.from) ? asked.from : `${to.value.slice(0, 8)}01`;
  if (data.agencies.some((a) => a.id === asked.agencyId)) agency.value = asked.agencyId;

  let shown: { dashboard: Dashboard; agencyId: string } | null = null;
  let seq = 0;

  const say = (text: string) => {
    const status = $('dash-status');
    if (!status) return;
    status.textContent = '';
    setTimeout(() => {
      status.textContent = text;
    }, 30);
  };

  function query(): string {
    const q = new URLSearchParams({ from: from.value, to: to.value });
    if (agency.value) q.set('agencyId', agency.value);
    return q.toString();
  }

  async function load(): Promise<void> {
    const local: ShownError[] = [];
    if (!isDay(from.value)) local.push({ field: 'dash-from', ...words('dash.fromRequired') });
    if (!isDay(to.value)) local.push({ field: 'dash-to', ...words('dash.toRequired') });
    else if (to.value > vietnamDate(new Date())) local.push({ field: 'dash-to', ...words('dash.toFuture', { today: dayText(vietnamDate(new Date())) }) });
    if (local.length) {
      errors.show(local);
      return;
    }
    errors.clear();
    const mine = ++seq;
    const q = query();
    form.setAttribute('aria-busy', 'true');
    say(t(currentLang(), 'dash.loading'));
    const r = await staffApi<Dashboard>(`/api/staff/reports/dashboard?${q}`);
    if (mine !== seq) return;
    form.removeAttribute('aria-busy');
    if (!r.ok) {
      if (r.status === 401) return;
      const box = $('dash-result');
      if (box) box.hidden = true;
      shown = null;
      const fieldOf = (path: string) => (path === 'from' ? 'dash-from' : path === 'to' ? 'dash-to' : path === 'agencyId' ? 'dash-agency' : null);
      const { errors: list, title } = apiErrors(r.body, fieldOf, 'staff.network');
      errors.show(list, title);
      say(inLang(title));
      return;
    }
    window.history.replaceState(null, '', `${window.location.pathname}?${q}${window.location.hash}`);
    shown = { dashboard: r.body, agencyId: agency.value };
    draw();
    say(t(currentLang(), 'dash.ready', { from: dayText(r.body.from), to: dayText(r.body.to) }));
  }

  function draw(): void {
    const box = $('dash-result');
    const target = $('dash-body');
    if (!box || !target || !shown) return;
    box.hidden = false;
    target.textContent = '';
    // Charts are drawn at the width they are shown at: measure once the box is visible.
    const width = Math.min(Math.max(target.clientWidth, 260), 1200);
    const pair = window.matchMedia('(min-width: 60em)').matches ? Math.floor((width - 24) / 2) : width;
    target.appendChild(renderDashboard(shown.dashboard, currentLang(), Math.min(pair, 640)));
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void load();
  });
  form.addEventListener('input', (ev) => {
    const id = (ev.target as HTMLElement).id;
    if (errors.has(id)) errors.clear(id);
  });
  agency.addEventListener('change', () => void load());

  $('dash-csv')?.addEventListener('click', () => {
    if (!shown) return;
    const d = shown.dashboard;
    const q = new URLSearchParams({ from: d.from, to: d.to, format: 'csv' });
    if (shown.agencyId) q.set('agencyId', shown.agencyId);
    const name = `so-lieu-${shown.agencyId || 'toan-huyen'}-${d.from}-${d.to}.csv`;
    // A plain link cannot carry the bearer token: fetch the CSV, then save it.
    void staffApi<string>(`/api/staff/reports/dashboard?${q.toString()}`, { text: true }).then((r) => {
      if (!r.ok) {
        if (r.status !== 401) say(inLang(apiErrors(r.body, () => null, 'staff.network').title));
        return;
      }
      const url = URL.createObjectURL(new Blob([r.body], { type: 'text/csv;charset=utf-8' }));
      const a = el('a', { href: url, download: name, hidden: true });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      say(t(currentLang(), 'dash.csvSaved'));
    });
  });
  $('dash-print')?.addEventListener('click', () => window.print());

  let lastWidth = window.innerWidth;
  window.addEventListener('resize', () => {
    if (Math.abs(window.innerWidth - lastWidth) < 40) return;
    lastWidth = window.innerWidth;
    draw();
  });
  onLang(() => {
    errors.render();
    draw();
  });
  void load();
}

// ---------------------------------------------------------------------------- drawing

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
  return el(
    'section',
    { class: 'dash-section', id, 'aria-labelledby': `${id}-h` },
    el('h3', { id: `${id}-h` }, heading),
    el('div', { class: 'dash-pair' }, chart ? el('figure', { class: 'chart-box' }, chart, el('figcaption', {}, t(lang, 'dash.chartNote'))) : null, tableEl),
  );
}

export function renderDashboard(d: Dashboard, lang: Lang, width: number): HTMLElement {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params);
  const root = el('div', { class: 'dashboard' });
  const total = d.total;
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
            desc: tr('dash.procDesc', { n: top.length, top: top[0] ? `${top[0].procedureName} (${top[0].count})` : '—' }),
            series: [{ label: tr('dash.orders'), tone: 0 }],
            rows: top.map((p) => ({ label: p.procedureName, values: [p.count] })),
            stacked: true,
            format: countText,
            width,
          })
        : null,
      procs.length
        ? table(
            'dash-proc-table',
            tr('dash.procH'),
            [tr('dash.procName'), tr('dash.procCode'), tr('dash.orders'), tr('dash.fees')],
            procs.map((p) => ({ key: p.procedureCode, cells: [p.procedureName, p.procedureCode, countText(p.count), formatVnd(p.amount)] })),
            [2, 3],
          )
        : el('p', { id: 'dash-proc-table' }, tr('dash.none')),
      lang,
    ),
  );

  // ---- Handling times (medians, minutes in the chart; words in the table).
  const minutes = (s: number | null) => (s === null ? 0 : Math.round(s / 6) / 10);
  const minuteText = (n: number) => `${String(n).replace('.', lang === 'vi' ? ',' : '.')} ${tr('dash.minutes')}`;
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

// Last, once every module-level constant above is initialised.
if (session) start(session);
