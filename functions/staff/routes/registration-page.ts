/** The registration declaration (01/ĐKTĐ-CTĐT) as a printable page, Vietnamese, for the agency's head to sign and file. */
import type { ReceiptRegistration } from '../../lib/receipts/registration';
import { vnDay } from '../../../shared/time';

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
const day = (iso: string) => vnDay(iso.slice(0, 10));
const CHANNEL = { direct: 'Gửi trực tiếp đến cơ quan thuế', provider: 'Gửi qua tổ chức cung cấp dịch vụ (T-VAN)', portal: 'Gửi trên Cổng thông tin của cơ quan thuế' } as const;
const ACTION = { add: 'Thêm mới', renew: 'Gia hạn', stop: 'Ngừng sử dụng' } as const;
const STATUS = { filed: 'Đã lập, chờ cơ quan thuế chấp nhận', accepted: 'Cơ quan thuế đã chấp nhận', refused: 'Cơ quan thuế không chấp nhận' } as const;

export function registrationPage(r: ReceiptRegistration): string {
  const d = r.data;
  const rows = d.certificates
    .map((c, i) => `<tr><td>${i + 1}</td><td>${escape(c.authority)}</td><td>${escape(c.serial.toUpperCase())}</td><td>${day(c.validFrom)}</td><td>${day(c.validTo)}</td><td>${ACTION[c.action]}</td></tr>`)
    .join('');
  const answer = r.answer ? `<p>Kết quả: ${escape(STATUS[r.status])}, thông báo số ${escape(r.answer.reference)} ngày ${day(r.answer.date)}${r.answer.reason ? `; lý do: ${escape(r.answer.reason)}` : ''}.</p>` : `<p>Trạng thái: ${STATUS[r.status]}.</p>`;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tờ khai 01/ĐKTĐ-CTĐT – ${escape(d.organisation.name)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:1rem auto;padding:0 1rem;color:#111}h1{font-size:1.25rem;text-align:center}table{border-collapse:collapse;width:100%}td,th{border:1px solid #444;padding:.25rem .5rem;text-align:left}@media print{body{margin:0}}</style></head>
<body><main>
<p style="text-align:right">Mẫu số 01/ĐKTĐ-CTĐT</p>
<h1>TỜ KHAI ĐĂNG KÝ/THAY ĐỔI THÔNG TIN SỬ DỤNG BIÊN LAI ĐIỆN TỬ</h1>
<p>${d.kind === 'first' ? '☒ Đăng ký mới ☐ Thay đổi thông tin' : '☐ Đăng ký mới ☒ Thay đổi thông tin'}</p>
<dl>
<dt>Tên tổ chức thu phí, lệ phí</dt><dd>${escape(d.organisation.name)}</dd>
<dt>Mã số thuế</dt><dd>${escape(d.organisation.taxCode)}</dd>
<dt>Cơ quan thuế quản lý</dt><dd>${escape(d.taxOffice)}</dd>
<dt>Người liên hệ</dt><dd>${escape(d.contact.name)}, điện thoại ${escape(d.contact.phone)}, thư điện tử ${escape(d.contact.email)}</dd>
<dt>Địa chỉ liên hệ</dt><dd>${escape(d.contact.address)}</dd>
<dt>Loại biên lai</dt><dd>Biên lai thu phí, lệ phí không in sẵn mệnh giá (${escape(d.receiptKind)})</dd>
<dt>Phương thức chuyển dữ liệu</dt><dd>Chuyển dữ liệu biên lai điện tử bằng bảng tổng hợp (mẫu 01/TH-BLĐT) trong ngày lập biên lai; ${CHANNEL[d.channel]}</dd>
</dl>
<h2>Danh sách chứng thư số sử dụng</h2>
<table><thead><tr><th scope="col">STT</th><th scope="col">Tổ chức cung cấp dịch vụ chứng thực chữ ký số</th><th scope="col">Số sê-ri chứng thư</th><th scope="col">Từ ngày</th><th scope="col">Đến ngày</th><th scope="col">Hình thức đăng ký</th></tr></thead><tbody>${rows}</tbody></table>
<p>${escape(d.place)}, ngày ${day(d.madeAt)}</p>
${answer}
<p><strong>Người đại diện theo pháp luật</strong> (ký số của tổ chức trên tệp XML kèm theo)</p>
</main></body></html>`;
}
