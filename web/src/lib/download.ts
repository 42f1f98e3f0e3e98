/**
 * Saving a report as a file: an Excel workbook (.xlsx) or a CSV (docs/reports.md). A
 * plain link cannot carry the staff's bearer token, so the page fetches the file and hands
 * it to the browser from memory.
 */
import { REPORT_FILE_TYPES, type ReportFileFormat } from '../../../shared/report-views';
import { el } from './dom';
import type { ApiResult } from './api';
import { staffApi } from './staff-api';

/**
 * What each button asks the API for. The CSV is the one Excel opens in columns whatever
 * its regional settings (UTF-16LE, tab-separated: `dialect=excel`); with Vietnamese
 * settings a comma-separated file would open as one column.
 */
const QUERY: Record<ReportFileFormat, string> = { xlsx: 'format=xlsx', csv: 'format=csv&dialect=excel' };

/** Fetches the report at `path` (its JSON address) as `format`. Never throws. */
export function fetchReportFile(path: string, format: ReportFileFormat): Promise<ApiResult<Blob>> {
  return staffApi<Blob>(`${path}${path.includes('?') ? '&' : '?'}${QUERY[format]}`, { file: REPORT_FILE_TYPES[format] });
}

/** Hands `file` to the browser to save as `filename`. */
export function saveFile(file: Blob, filename: string): void {
  const url = URL.createObjectURL(file);
  const a = el('a', { href: url, download: filename, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
