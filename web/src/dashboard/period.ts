/**
 * The dashboard's controls and its one view: the period (this month by default, never past
 * today) and the agency, kept in the address (?from=&to=&agencyId=) so a reload or a
 * shared link shows the same figures; loading, drawing at the width shown, the file
 * (.xlsx, CSV) the API writes, and printing.
 */
import type { Dashboard } from '../../../shared/report-views';
import { isDay, vietnamDate } from '../../../shared/time';
import { t } from '../i18n';
import { fetchReportFile, saveFile } from '../lib/download';
import { apiErrors, FormErrors, inLang, words, type ShownError } from '../lib/form-errors';
import { currentLang, onLang } from '../lib/lang';
import type { StaffPageData } from '../lib/page-data';
import { staffApi } from '../lib/staff-api';
import { renderDashboard } from './figures';
import { dayText } from './text';

const $ = (id: string) => document.getElementById(id);

/** Wires the controls and loads the figures of the period in the address. */
export function initDashboard(data: StaffPageData): void {
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

  for (const format of ['xlsx', 'csv'] as const) {
    $(`dash-${format}`)?.addEventListener('click', () => {
      if (!shown) return;
      const d = shown.dashboard;
      const q = new URLSearchParams({ from: d.from, to: d.to });
      if (shown.agencyId) q.set('agencyId', shown.agencyId);
      const name = `so-lieu-${shown.agencyId || 'tat-ca'}-${d.from}-${d.to}.${format}`;
      void fetchReportFile(`/api/staff/reports/dashboard?${q.toString()}`, format).then((r) => {
        if (!r.ok) {
          if (r.status !== 401) say(inLang(apiErrors(r.body, () => null, 'staff.network').title));
          return;
        }
        saveFile(r.body, name);
        say(t(currentLang(), format === 'xlsx' ? 'dash.xlsxSaved' : 'dash.csvSaved'));
      });
    });
  }
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
