/** The day's report for one agency: on screen, printed, or as the file (.xlsx, CSV) the API writes. */
import type { DailyReport } from '../../../shared/report-views';
import { vietnamDate } from '../../../shared/time';
import { fetchReportFile, saveFile } from '../lib/download';
import { apiErrors, FormErrors, inLang, words } from '../lib/form-errors';
import { currentLang, onLang } from '../lib/lang';
import { renderReport } from '../lib/report-view';
import { staffApi } from '../lib/staff-api';
import { $, loadError, say, tr, type ConsoleContext } from './context';

/** Wires the report's form and buttons; returns what loads the report of the chosen day. */
export function initDayReport(ctx: ConsoleContext): () => Promise<void> {
  const reportForm = $('report-form') as HTMLFormElement;
  const reportDate = $('report-date') as HTMLInputElement;
  const reportErrors = new FormErrors(['report-date'], null);
  ctx.errorSets.push(reportErrors);
  reportDate.value = vietnamDate(new Date());
  reportDate.max = vietnamDate(new Date());
  let report: { date: string; agencyId: string; body: DailyReport } | null = null;

  const show = (body: DailyReport) => {
    const target = $('report-body');
    if (target) {
      target.textContent = '';
      target.appendChild(renderReport(body, currentLang()));
    }
  };

  async function loadReport(): Promise<void> {
    const date = reportDate.value.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      reportErrors.show([{ field: 'report-date', ...words('report.dateRequired') }]);
      return;
    }
    reportErrors.clear();
    say('bao-cao', tr('staff.loading'));
    const r = await staffApi<DailyReport>(ctx.withAgency(`/api/staff/reports/daily?date=${encodeURIComponent(date)}`));
    const box = $('report-result');
    if (!r.ok) {
      if (r.status === 401) return;
      if (box) box.hidden = true;
      const { errors: list, title } = apiErrors(r.body, (path) => (path === 'date' ? 'report-date' : null), 'staff.network');
      if (list.some((e) => e.field)) reportErrors.show(list);
      say('bao-cao', inLang(title));
      return;
    }
    report = { date, agencyId: ctx.agencyId(), body: r.body };
    if (box) box.hidden = false;
    show(r.body);
    say('bao-cao', tr('report.ready', { date }));
  }

  reportForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void loadReport();
  });
  reportDate.addEventListener('input', () => {
    if (reportErrors.count > 0) reportErrors.clear();
  });
  for (const format of ['xlsx', 'csv'] as const) {
    $(`report-${format}`)?.addEventListener('click', () => {
      if (!report) return;
      const current = report;
      void fetchReportFile(ctx.withAgency(`/api/staff/reports/daily?date=${encodeURIComponent(current.date)}`), format).then((r) => {
        if (!r.ok) {
          say('bao-cao', loadError(r.body));
          return;
        }
        saveFile(r.body, `bao-cao-ngay-${current.date}${current.agencyId ? `-${current.agencyId}` : ''}.${format}`);
        say('bao-cao', tr(format === 'xlsx' ? 'report.xlsxSaved' : 'report.csvSaved'));
      });
    });
  }
  $('report-print')?.addEventListener('click', () => window.print());
  onLang(() => {
    if (report) show(report.body);
  });
  return loadReport;
}
