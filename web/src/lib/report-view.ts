/**
 * The day's reconciliation report (GET /api/staff/reports/daily; its shape is DailyReport
 * of shared/report-views.ts) as the clerk reads it: the money of the day at a glance,
 * whether everything ties out, then the lines. Read defensively (any part may be
 * missing): a field the API adds or drops must not break the page; anything unknown
 * still shows its top-level numbers.
 */
import type { DailyReport, Tally } from '../../../shared/report-views';
import { t, type Lang, type MessageKey } from '../i18n';
import { el, row } from './dom';
import { formatDateTime, formatVnd } from './format';
import { formatReceiptNumber } from './receipt-view';
import { providerName } from './staff-words';

/** The report as this page reads it: any section, and any part of a section, may be missing; lines and tallies are read whole. */
export type ReportAnswer = { [K in keyof DailyReport]?: DailyReport[K] extends readonly unknown[] ? DailyReport[K] : Partial<DailyReport[K]> };

const isTally = (v: unknown): v is Tally => Boolean(v) && typeof (v as Tally).count === 'number' && typeof (v as Tally).amount === 'number';

function tallyText(v: Tally | undefined, lang: Lang): string {
  if (!v) return '—';
  return t(lang, 'report.tally', { amount: formatVnd(v.amount), count: v.count });
}

const TRANSFER_STATUS: Record<string, MessageKey> = { MATCHED: 'report.st.MATCHED', UNMATCHED: 'report.st.UNMATCHED', IGNORED: 'report.st.IGNORED' };

export function renderReport(r: ReportAnswer, lang: Lang): HTMLElement {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params);
  const root = el('div', { class: 'report' });
  root.appendChild(
    el(
      'h3',
      {},
      tr('report.heading', { agency: r.agency?.name ?? '', date: r.date ?? '' }),
    ),
  );
  if (typeof r.closed === 'boolean') root.appendChild(el('p', { class: 'hint' }, tr(r.closed ? 'report.closed' : 'report.open', { at: r.generatedAt ? formatDateTime(r.generatedAt) : '' })));

  if (!r.totals) {
    // A shape this page does not know: its top-level numbers, as they are.
    const dl = el('dl', { class: 'stats' });
    for (const [key, value] of Object.entries(r)) {
      if (typeof value === 'number') dl.appendChild(row(key, String(value)));
      else if (isTally(value)) dl.appendChild(row(key, tallyText(value, lang)));
    }
    root.appendChild(dl);
    return root;
  }

  const stat = (key: MessageKey, value: Tally | undefined, tone = '') => el('div', { class: `stat${tone ? ` ${tone}` : ''}` }, el('dt', {}, tr(key)), el('dd', {}, tallyText(value, lang)));
  root.appendChild(
    el(
      'dl',
      { class: 'stats' },
      stat('report.received', r.totals.received),
      stat('report.matched', r.totals.matched),
      stat('report.unmatched', r.totals.unmatched, r.totals.unmatched && r.totals.unmatched.count > 0 ? 'stat-warn' : ''),
      stat('report.collected', r.collected?.total),
      stat('report.cashless', r.collected?.cashless),
      stat('report.cash', r.collected?.cash),
      stat('report.receiptsIssued', r.receipts?.issued),
      stat('report.receiptsCancelled', r.receipts?.cancelled),
      stat('report.refundOutstanding', r.refunds?.outstanding, r.refunds?.outstanding && r.refunds.outstanding.count > 0 ? 'stat-warn' : ''),
    ),
  );

  if (r.checks?.length) {
    root.appendChild(el('h4', {}, tr('report.checks')));
    root.appendChild(
      el(
        'ul',
        { class: 'checks', lang: 'vi' },
        ...r.checks.map((c) =>
          el('li', { class: c.ok ? 'check-ok' : 'check-bad' }, el('strong', {}, c.ok ? tr('report.ok') : tr('report.notOk')), ' ', c.label ?? c.code, c.detail ? el('span', { class: 'hint' }, ` (${c.detail})`) : null),
        ),
      ),
    );
  }

  const table = (caption: string, heads: string[], rows: (string | Node)[][], numeric: number[] = [], wide = false) =>
    el(
      'div',
      // Scrolls sideways on a phone: focusable, so the keyboard can scroll it too.
      { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
      el(
        'table',
        { class: wide ? 'data data-wide' : 'data' },
        el('caption', {}, caption),
        el('thead', {}, el('tr', {}, ...heads.map((h, i) => el('th', { scope: 'col', class: numeric.includes(i) ? 'num' : undefined }, h)))),
        el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c, i) => el('td', { class: numeric.includes(i) ? 'num' : undefined }, c))))),
      ),
    );

  const providers = (r.byProvider ?? []).filter((p) => (p.received?.count ?? 0) > 0);
  if (providers.length) {
    root.appendChild(
      table(
        tr('report.byProvider'),
        [tr('report.source'), tr('report.received'), tr('report.matched'), tr('report.unmatched')],
        providers.map((p) => [p.provider === 'cash' || !p.label ? providerName(p.provider) : p.label, tallyText(p.received, lang), tallyText(p.matched, lang), tallyText(p.unmatched, lang)]),
      ),
    );
  }

  const series = r.receipts?.series ?? [];
  if (series.length) {
    root.appendChild(
      table(
        tr('report.series'),
        [tr('report.symbol'), tr('report.numbers'), tr('report.count'), tr('report.gaps')],
        series.map((s) => [
          `${s.template} ${s.symbol}`,
          `${formatReceiptNumber(s.first)} – ${formatReceiptNumber(s.last)}`,
          String(s.count),
          s.gaps && s.gaps.length ? s.gaps.map(formatReceiptNumber).join(', ') : tr('report.noGaps'),
        ]),
        [2],
      ),
    );
  }

  const lines = r.transactions ?? [];
  if (lines.length) {
    root.appendChild(
      table(
        tr('report.transactions'),
        [tr('report.time'), tr('report.source'), tr('order.amount'), tr('order.status'), tr('transfer.order'), tr('transfer.memo')],
        lines.map((x) => [
          formatDateTime(x.receivedAt),
          providerName(x.provider),
          formatVnd(x.amount),
          TRANSFER_STATUS[x.status] ? tr(TRANSFER_STATUS[x.status]!) : x.status,
          x.orderId ?? '—',
          el('span', { class: 'mono memo' }, x.memo ?? ''),
        ]),
        [2],
        true,
      ),
    );
  } else {
    root.appendChild(el('p', {}, tr('report.noTransactions')));
  }
  return root;
}
