/** The State Treasury report as tables (CSV, xlsx) and as a printable page, Vietnamese. */
import { vnDay } from '../../../shared/time';
import type { Cell, ReportTable } from './tables';
import { vnd, type TreasuryFigures, type TreasuryLine, type TreasuryMonth, type TreasuryYear } from './treasury';

const KIND = { phi: 'Phí', le_phi: 'Lệ phí' } as const;

export const TREASURY_LINE_HEADER = ['Loại', 'Mã thủ tục', 'Tên khoản thu', 'Chương', 'Tiểu mục', 'Số dòng biên lai', 'Số tiền thu (đồng)', 'Tỷ lệ để lại (%)', 'Quyết định', 'Để lại (đồng)', 'Nộp ngân sách (đồng)', 'Cách tính'] as const;

const lineRow = (chapter: string, l: TreasuryLine): Cell[] => [
  KIND[l.kind],
  l.procedureCode,
  l.feeName,
  chapter,
  l.subItem ? `${l.subItem.code}${l.subItem.check ? ' [check]' : ''}` : 'chưa phân loại',
  l.lines,
  l.collected,
  l.retainedPercent,
  l.decision,
  l.retained,
  l.toBudget,
  l.working,
];

const figureRows = (f: TreasuryFigures): Cell[][] => [
  ['Phí đã thu', f.phi.collected],
  ['Phí để lại cho cơ quan thu', f.phi.retained],
  ['Phí nộp ngân sách', f.phi.toBudget],
  ['Lệ phí đã thu (nộp toàn bộ)', f.lePhi.collected],
  ['Tổng đã thu', f.collected],
  ['Tổng nộp ngân sách nhà nước', f.toBudget],
];

const chapterText = (r: TreasuryMonth | TreasuryYear) => `${r.chapter.code}${r.chapter.check ? ' [check]' : ''}`;

export function treasuryMonthTables(r: TreasuryMonth): ReportTable[] {
  return [
    {
      name: 'Tổng hợp',
      rows: [
        ['Chỉ tiêu', 'Giá trị'],
        ['Cơ quan thu', r.agency.name],
        ['Mã số thuế', r.agency.taxCode],
        ['Tháng', r.month],
        ['Biên lai hợp lệ', r.receipts.counted],
        ['Biên lai đã hủy (không tính)', r.receipts.cancelledLeftOut],
        ...figureRows(r.totals),
        ['Nộp vào tài khoản phí chờ nộp ngân sách (đồng)', r.deposit.amount],
        ['Hạn nộp vào tài khoản', r.deposit.by],
        ['Kê khai và nộp ngân sách (đồng)', r.declare.remit],
        ['Hạn kê khai và nộp ngân sách', r.declare.by],
        ['Mẫu tờ khai', r.declare.form],
        ['Điều chỉnh: biên lai tháng trước hủy trong tháng (đồng)', r.corrections.amount],
        ['Căn cứ', r.legalBasis],
      ],
    },
    { name: 'Chi tiết', rows: [[...TREASURY_LINE_HEADER], ...r.lines.map((l) => lineRow(chapterText(r), l))] },
  ];
}

export function treasuryYearTables(r: TreasuryYear): ReportTable[] {
  return [
    {
      name: 'Các tháng',
      rows: [
        ['Tháng', 'Biên lai hợp lệ', 'Phí đã thu (đồng)', 'Phí để lại (đồng)', 'Phí nộp ngân sách (đồng)', 'Lệ phí (đồng)', 'Tổng đã thu (đồng)', 'Tổng nộp ngân sách (đồng)'],
        ...r.months.map((m): Cell[] => [m.month, m.receipts, m.phi.collected, m.phi.retained, m.phi.toBudget, m.lePhi.collected, m.collected, m.toBudget]),
        ['Cả năm', r.months.reduce((s, m) => s + m.receipts, 0), r.totals.phi.collected, r.totals.phi.retained, r.totals.phi.toBudget, r.totals.lePhi.collected, r.totals.collected, r.totals.toBudget],
      ],
    },
    { name: 'Chi tiết', rows: [[...TREASURY_LINE_HEADER], ...r.lines.map((l) => lineRow(chapterText(r), l))] },
  ];
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
const cell = (v: Cell) => (typeof v === 'number' ? `<td class="n">${esc(String(v).replace(/\B(?=(\d{3})+(?!\d))/g, '.'))}</td>` : `<td>${esc(v === null || v === undefined ? '' : String(v))}</td>`);

function table(caption: string, rows: Cell[][]): string {
  const [head, ...body] = rows;
  return `<table><caption>${esc(caption)}</caption><thead><tr>${head!.map((h) => `<th scope="col">${esc(String(h))}</th>`).join('')}</tr></thead><tbody>${body.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#111;background:#fff}h1{font-size:1.25rem;text-align:center}.wrap{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:700}td,th{border:1px solid #444;padding:.25rem .5rem;text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}@media print{body{margin:0;max-width:none}}</style></head><body><main>${body}</main></body></html>`;
}

export function treasuryMonthPage(r: TreasuryMonth): string {
  const [summary, detail] = treasuryMonthTables(r);
  return page(
    `Phí, lệ phí tháng ${r.month} – ${r.agency.name}`,
    `<h1>BÁO CÁO THU, NỘP PHÍ, LỆ PHÍ THÁNG ${esc(r.month.slice(5))}/${esc(r.month.slice(0, 4))}</h1><p>${esc(r.agency.name)} – mã số thuế ${esc(r.agency.taxCode)} – chương ${esc(chapterText(r))}</p><ol><li><strong>Nộp vào tài khoản phí chờ nộp ngân sách tại Kho bạc Nhà nước: ${vnd(r.deposit.amount)}</strong>, chậm nhất ngày ${vnDay(r.deposit.by)}. ${esc(r.deposit.working)}</li><li><strong>Kê khai và nộp ngân sách nhà nước: ${vnd(r.declare.remit)}</strong>, chậm nhất ngày ${vnDay(r.declare.by)}. ${esc(r.declare.working)}</li>${r.corrections.count ? `<li>Điều chỉnh: ${r.corrections.count} biên lai của tháng trước bị hủy trong tháng này, ${vnd(r.corrections.amount)} (nếu tháng đó đã kê khai, cần kê khai bổ sung).</li>` : ''}</ol><div class="wrap">${table('Tổng hợp', summary!.rows)}</div><div class="wrap">${table('Chi tiết theo khoản thu', detail!.rows)}</div><ul>${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul><p>Căn cứ: ${esc(r.legalBasis)}. Số liệu lập từ biên lai điện tử, lúc ${esc(r.generatedAt)}.</p><p><strong>Người lập biểu</strong> &nbsp;&nbsp;&nbsp;&nbsp; <strong>Thủ trưởng đơn vị</strong></p>`,
  );
}

export function treasuryYearPage(r: TreasuryYear): string {
  const [months, detail] = treasuryYearTables(r);
  return page(
    `Quyết toán phí, lệ phí năm ${r.year} – ${r.agency.name}`,
    `<h1>SỐ LIỆU QUYẾT TOÁN PHÍ, LỆ PHÍ NĂM ${r.year}</h1><p>${esc(r.agency.name)} – mã số thuế ${esc(r.agency.taxCode)} – chương ${esc(chapterText(r))}</p><p>${esc(r.settlement.working)} Mẫu: ${esc(r.settlement.form)}.</p><div class="wrap">${table('Theo tháng', months!.rows)}</div><div class="wrap">${table('Chi tiết theo khoản thu', detail!.rows)}</div><ul>${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`,
  );
}
