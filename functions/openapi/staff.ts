/**
 * The staff app's routes, keyed by their names in the access table (functions/staff/
 * access.ts): a route added there without an entry here is a type error. Method, path
 * and roles come from the table; the schemas are those the handlers validate with.
 */
import * as z from 'zod';
import { createOrderSchema } from '../../shared/order';
import { cancelReceiptSchema } from '../../shared/receipt';
import { createUserSchema, loginSchema, resetPasswordSchema } from '../lib/accounts/users';
import { OPEN_ROUTES, STAFF_ROUTES, type OpenRouteName, type StaffRouteName } from '../staff/access';
import { query as auditQuery } from '../staff/routes/audit';
import { query as dailySummaryQuery } from '../staff/routes/daily-summary';
import { cashBody, cancelBody, listQuery as orderListQuery, portalPaymentBody } from '../staff/routes/orders';
import { dayQuery, rangeQuery } from '../staff/routes/reports';
import { treasuryQuery } from '../staff/routes/treasury';
import { query as tallyQuery } from '../staff/routes/tally';
import { listQuery as transferListQuery, confirmBody as refundConfirmBody, matchBody, refundBody } from '../staff/routes/transactions';
import { answerSchema as taxAnswerSchema, documentQuery as taxDocumentQuery, noticeSchema, sendSchema as sendSummarySchema } from '../staff/routes/tax-documents';
import { answerSchema as registrationAnswerSchema, declareSchema, idQuery as registrationIdQuery } from '../staff/routes/registration';
import { deliveriesQuery } from '../staff/routes/integrations';
import { createIntegrationSchema, rotateKeySchema } from '../../shared/integrations';
import { listQuery as userListQuery } from '../staff/routes/users';
import type { Operation, OperationDoc } from './operation';
import { idempotencyHeaders, IDEMPOTENCY_RULES } from './public';
import { anyObject, confirmedSchema, dailySummarySchema, EXAMPLES, meSchema, pageOf, publicOrderSchema, sessionSchema, staffOrderSchema, transferSchema, userPageSchema } from './shapes';

type StaffDoc = Omit<OperationDoc, 'security'>;

const json = (description: string, schema: z.ZodType = anyObject, example?: unknown) => [{ status: 200, description, schema, ...(example === undefined ? {} : { example }) }];
const FILE_RULES = 'JSON; hoặc tệp: `?format=csv` (hoặc `Accept: text/csv`, `&dialect=excel` cho Excel), `?format=xlsx`. | JSON; or a file: CSV with `?format=csv` or `Accept: text/csv`, an Excel workbook with `?format=xlsx`.';
const fileAnswers = (description: string) => [
  { status: 200, description, schema: anyObject },
  { status: 200, description: 'CSV', contentType: 'text/csv', schema: z.string() },
  { status: 200, description: 'Excel', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', schema: z.string().meta({ format: 'binary' }) },
];
const orderAnswer = z.object({ order: staffOrderSchema });
const assistedOrderSchema = publicOrderSchema.extend({ assistedBy: z.string() });
const paymentAnswer = z.object({ order: staffOrderSchema, transaction: transferSchema });
const userAnswer = z.object({ user: anyObject });

export const STAFF_DOCS: Record<StaffRouteName | OpenRouteName, StaffDoc> = {
  login: {
    tag: 'staff-session',
    summary: 'Đăng nhập cán bộ | Staff login',
    description: 'Trả về JWT; gửi `Authorization: Bearer <token>` ở các đường dẫn cán bộ. Sai nhiều lần → 429. | Returns a JWT for `Authorization: Bearer`. Repeated failures → 429.',
    body: { schema: loginSchema, example: { username: 'clerk', password: 'mật-khẩu-của-bạn' } },
    answers: json('Phiên đăng nhập | The session', sessionSchema),
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS', 'UNSUPPORTED_MEDIA_TYPE'],
  },
  me: { tag: 'staff-session', summary: 'Người đang đăng nhập | Who the token names', answers: json('Người dùng và phạm vi | The user and their scope', meSchema), errors: [] },
  listOrders: {
    tag: 'staff-orders',
    summary: 'Tìm đơn phí | Search fee orders',
    description: 'Trong phạm vi cơ quan của người dùng; người nộp được che. | Within the caller’s agencies; payers masked.',
    query: orderListQuery,
    answers: json('Một trang | One page', pageOf(staffOrderSchema)),
    errors: ['INVALID_QUERY'],
  },
  createOrder: {
    tag: 'staff-orders',
    summary: 'Lập đơn tại quầy thay người dân | Create an order at the counter',
    description: `Như \`POST /api/orders\`, ghi nhận người hỗ trợ. | As \`POST /api/orders\`, marked as assisted by the caller.\n\n${IDEMPOTENCY_RULES}`,
    headers: idempotencyHeaders,
    body: { schema: createOrderSchema, example: EXAMPLES.orderBody },
    answers: [
      { status: 201, description: 'Đơn mới | A new order', schema: assistedOrderSchema },
      { status: 200, description: 'Cùng Idempotency-Key: đơn đã tạo | The same order again', schema: assistedOrderSchema },
    ],
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'INVALID_IDEMPOTENCY_KEY', 'PROCEDURE_NOT_FOUND', 'AGENCY_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED', 'FEE_NOT_REQUIRED', 'PROCEDURE_NOT_OFFERED', 'AMOUNT_TOO_LARGE'],
  },
  getOrder: { tag: 'staff-orders', summary: 'Xem một đơn | Read an order', answers: json('Đơn | The order', staffOrderSchema), errors: ['ORDER_NOT_FOUND'] },
  confirmOrder: {
    tag: 'staff-money',
    summary: 'Xác nhận đơn đã thanh toán và cấp biên lai | Confirm a paid order and issue its receipt',
    description: 'Chỉ đơn `PAID` của cơ quan mình; số biên lai liên tục, không bỏ số. | Only `PAID` orders of one’s own agency; receipt numbers are gapless.',
    answers: json('Đơn và biên lai | The order and its receipt', confirmedSchema),
    errors: ['ORDER_NOT_FOUND', 'ALREADY_CONFIRMED', 'INVALID_ORDER_STATE', 'CONCURRENT_UPDATE', 'RECEIPT_SIGNING_UNAVAILABLE', 'RECEIPT_CERTIFICATE_INVALID'],
  },
  recordCash: {
    tag: 'staff-money',
    summary: 'Ghi nhận tiền mặt | Record a cash payment',
    description: 'Idempotency-Key: lặp lại → 200, không ghi hai lần. | A repeated key answers 200 and records nothing twice.',
    headers: idempotencyHeaders,
    body: { schema: cashBody, example: { amount: 15000, note: 'Nộp tiền mặt tại quầy' } },
    answers: [
      { status: 201, description: 'Đã ghi | Recorded', schema: paymentAnswer },
      { status: 200, description: 'Đã ghi từ trước | Recorded before', schema: paymentAnswer },
    ],
    errors: ['VALIDATION_FAILED', 'ORDER_NOT_FOUND', 'INVALID_ORDER_STATE', 'INVALID_IDEMPOTENCY_KEY'],
  },
  cancelOrder: {
    tag: 'staff-money',
    summary: 'Hủy đơn | Cancel an order',
    body: { schema: cancelBody, example: { reason: 'Người dân nộp nhầm thủ tục' } },
    answers: json('Đơn đã hủy | The cancelled order', orderAnswer),
    errors: ['VALIDATION_FAILED', 'ORDER_NOT_FOUND', 'INVALID_ORDER_STATE'],
  },
  markPaidOnPortal: {
    tag: 'staff-money',
    summary: 'Đã nộp trên Cổng DVC quốc gia | Paid on the national portal',
    description:
      'Đơn có mã hồ sơ, chưa nhận đồng nào: đóng (CANCELLED, `paidOnPortal`) mà không thu lần hai; tiền chuyển đến sau đó được ghi và phải hoàn. 422 khi đã có tiền hoặc không có mã hồ sơ. | An order with a dossier code and no money received is closed (CANCELLED, `paidOnPortal`) without a second payment; a transfer arriving later is recorded as refund-due. 422 once money arrived or without a dossier code.',
    body: { schema: portalPaymentBody, example: { reference: 'DVCQG-261203-000123', note: 'Công dân đã nộp phí trên Cổng Dịch vụ công khi nộp hồ sơ trực tuyến' } },
    answers: json('Đơn đã đóng | The closed order', orderAnswer),
    errors: ['VALIDATION_FAILED', 'ORDER_NOT_FOUND', 'INVALID_ORDER_STATE', 'CONCURRENT_UPDATE'],
  },
  listTransfers: { tag: 'staff-money', summary: 'Giao dịch chưa khớp hoặc phải hoàn | Unmatched transfers, or refunds due', query: transferListQuery, answers: json('Một trang | One page', pageOf(transferSchema)), errors: ['INVALID_QUERY'] },
  matchTransfer: {
    tag: 'staff-money',
    summary: 'Ghép giao dịch với đơn | Match a transfer to an order',
    body: { schema: matchBody, example: { orderId: 'MCPAB3K7MX2' } },
    answers: json('Đơn và giao dịch | The order and the transfer', paymentAnswer),
    errors: ['VALIDATION_FAILED', 'TRANSFER_NOT_FOUND', 'ORDER_NOT_FOUND', 'TRANSFER_ALREADY_MATCHED', 'INVALID_ORDER_STATE'],
  },
  recordRefund: {
    tag: 'staff-money',
    summary: 'Ghi nhận đã hoàn tiền | Record a refund',
    body: { schema: refundBody, example: { note: 'Đã chuyển trả 5.000 đ thừa' } },
    answers: json('Giao dịch | The transfer', z.object({ transaction: transferSchema })),
    errors: ['VALIDATION_FAILED', 'TRANSFER_NOT_FOUND', 'NO_REFUND_DUE', 'ALREADY_REFUNDED'],
  },
  dailySummary: { tag: 'staff-receipts', summary: 'Bảng tổng hợp biên lai trong ngày (01/TH-BLĐT) | The day’s receipt summary', query: dailySummaryQuery, answers: json('Bảng tổng hợp | The summary', dailySummarySchema), errors: ['INVALID_QUERY', 'AGENCY_NOT_FOUND'] },
  dailySummaryXml: {
    tag: 'staff-receipts',
    summary: 'Bảng tổng hợp dạng XML đã ký | The summary as signed XML',
    query: dailySummaryQuery,
    answers: [{ status: 200, description: 'XML ký số | Signed XML', contentType: 'application/xml', schema: z.string() }],
    errors: ['INVALID_QUERY', 'AGENCY_NOT_FOUND'],
  },
  getReceipt: { tag: 'staff-receipts', summary: 'Xem biên lai | Read a receipt', answers: json('Biên lai | The receipt'), errors: ['RECEIPT_NOT_FOUND'] },
  getReceiptXml: {
    tag: 'staff-receipts',
    summary: 'Biên lai điện tử XML (ký XMLDSig) | The signed e-receipt XML',
    answers: [{ status: 200, description: 'XML ký số RSA-SHA256 | XML signed with RSA-SHA256', contentType: 'application/xml', schema: z.string() }],
    errors: ['RECEIPT_NOT_FOUND'],
  },
  cancelReceipt: {
    tag: 'staff-receipts',
    summary: 'Hủy biên lai | Cancel a receipt',
    description: 'Số biên lai vẫn giữ, không dùng lại. | Its number stays used.',
    body: { schema: cancelReceiptSchema, example: { reason: 'Ghi sai tên người nộp' } },
    answers: json('Biên lai và đơn | The receipt and the order'),
    errors: ['VALIDATION_FAILED', 'RECEIPT_NOT_FOUND', 'RECEIPT_ALREADY_CANCELLED'],
  },
  tally: { tag: 'staff-orders', summary: 'Số người đã hỗ trợ | People helped (the tally)', query: tallyQuery, answers: json('Số liệu | The tally'), errors: ['INVALID_QUERY'] },
  audit: { tag: 'staff-admin', summary: 'Nhật ký thao tác | The audit log', query: auditQuery, answers: json('Một trang | One page'), errors: ['INVALID_QUERY'] },
  listUsers: { tag: 'staff-admin', summary: 'Danh sách tài khoản | Staff accounts', query: userListQuery, answers: json('Một trang | One page', userPageSchema), errors: ['INVALID_QUERY'] },
  createUser: {
    tag: 'staff-admin',
    summary: 'Tạo tài khoản | Create an account',
    body: { schema: createUserSchema, example: { username: 'tnv.lan', role: 'volunteer', agencyId: 'xa-giong-trom', displayName: 'Trần Thị Lan', password: 'Mật-khẩu-đủ-dài-2026' } },
    answers: [{ status: 201, description: 'Tài khoản mới | The new account', schema: userAnswer }],
    errors: ['VALIDATION_FAILED', 'USER_EXISTS', 'AGENCY_NOT_FOUND'],
  },
  disableUser: { tag: 'staff-admin', summary: 'Khóa tài khoản | Disable an account', answers: json('Tài khoản | The account', userAnswer), errors: ['USER_NOT_FOUND', 'CANNOT_DISABLE_SELF', 'USER_CHANGED'] },
  enableUser: { tag: 'staff-admin', summary: 'Mở khóa tài khoản | Enable an account', answers: json('Tài khoản | The account', userAnswer), errors: ['USER_NOT_FOUND', 'USER_CHANGED'] },
  resetPassword: {
    tag: 'staff-admin',
    summary: 'Đặt lại mật khẩu | Reset a password',
    body: { schema: resetPasswordSchema, example: { password: 'Mật-khẩu-mới-đủ-dài' } },
    answers: json('Tài khoản | The account', userAnswer),
    errors: ['VALIDATION_FAILED', 'USER_NOT_FOUND', 'USER_CHANGED'],
  },
  reportDaily: { tag: 'staff-reports', summary: 'Đối soát trong ngày | Daily reconciliation', description: FILE_RULES, query: dayQuery, answers: fileAnswers('Báo cáo | The report'), errors: ['INVALID_QUERY', 'AGENCY_NOT_FOUND'] },
  receiptRegister: { tag: 'staff-reports', summary: 'Bảng kê biên lai | Receipt register', description: FILE_RULES, query: dayQuery, answers: fileAnswers('Bảng kê | The register'), errors: ['INVALID_QUERY', 'AGENCY_NOT_FOUND'] },
  treasuryReport: {
    tag: 'staff-reports',
    summary: 'Phí, lệ phí và Kho bạc Nhà nước | Fees, charges and the State Treasury',
    description:
      'Theo tháng (`?month=YYYY-MM`) hoặc năm (`?year=YYYY`): phí, lệ phí đã thu theo biên lai hợp lệ, phần phí để lại, số nộp vào tài khoản phí chờ nộp ngân sách và hạn, số kê khai, nộp ngân sách trước ngày 20 tháng sau. `?format=csv` (`&dialect=excel`), `xlsx`, `html` (trang in). | By month or year: fees and charges collected on valid receipts, the retained part, what to deposit and by when, what to declare and remit by the 20th; CSV, xlsx or a printable HTML page.',
    query: treasuryQuery,
    answers: [...fileAnswers('Báo cáo | The report'), { status: 200, description: 'Trang in | A printable page', contentType: 'text/html', schema: z.string() }],
    errors: ['INVALID_QUERY', 'AGENCY_NOT_FOUND'],
  },
  dashboard: { tag: 'staff-reports', summary: 'Số liệu cho lãnh đạo | The leaders’ dashboard', description: FILE_RULES, query: rangeQuery, answers: fileAnswers('Số liệu | The figures'), errors: ['INVALID_QUERY', 'AGENCY_NOT_FOUND'] },

  // ---- Refunds, suggestions, catch-up (issue 16) ------------------------------------------
  confirmRefund: {
    tag: 'staff-money',
    summary: 'Xác nhận khoản hoàn trả đã đến người nộp | Confirm a refund arrived',
    description: 'Khoản hoàn trả: REQUESTED → SENT → CONFIRMED; bước này khi ngân hàng cho thấy tiền đã chuyển đi. | A refund goes REQUESTED → SENT → CONFIRMED; this step when the bank shows the money left.',
    body: { schema: refundConfirmBody, example: { note: 'Sao kê ngày 03/12 có giao dịch hoàn trả', bankReference: 'FT26337123456' } },
    answers: json('Giao dịch | The transfer', paymentAnswer),
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'TRANSFER_NOT_FOUND', 'REFUND_NOT_SENT', 'REFUND_ALREADY_CONFIRMED', 'CONCURRENT_UPDATE'],
  },
  transferSuggestions: {
    tag: 'staff-money',
    summary: 'Gợi ý đơn cho một giao dịch không khớp | Likely orders for an unmatched transfer',
    description: 'Cùng cơ quan, đúng số tiền còn thiếu, lập trong 48 giờ trước, nội dung gần giống; tốt nhất trước. Không bao giờ tự ghép. | Same agency, amount due equal, created within 48 hours before, memo similarity; best first. Never matched automatically.',
    answers: json('Các đơn gợi ý | Suggested orders'),
    errors: ['TRANSFER_NOT_FOUND'],
  },
  catchUp: {
    tag: 'staff-admin',
    summary: 'Hỏi ngay các trung gian thanh toán các giao dịch bị lỡ | Catch up with the providers now',
    description: 'Hỏi API truy vấn của SePay, Casso (và payOS) từ con trỏ lần trước; mỗi giao dịch qua cùng đường ghi nhận đúng một lần như báo có. Chạy theo lịch mỗi 10 phút. | Asks each configured provider’s pull API since its last cursor; each transfer settles exactly once through the notifications’ path. Also runs every 10 minutes.',
    answers: json('{"found","settled","duplicates"} và từng nguồn | Counts and each source'),
    errors: [],
  },
  // ---- The tax authority (issue 15) ---------------------------------------------------------
  sendDailySummary: {
    tag: 'staff-receipts',
    summary: 'Gửi bảng tổng hợp biên lai trong ngày cho cơ quan thuế | Send a day’s summary to the tax authority',
    body: { schema: sendSummarySchema, example: { date: '2026-12-03' } },
    answers: json('Trạng thái gửi | The transmission'),
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'AGENCY_NOT_FOUND', 'NOTHING_TO_SEND', 'DAY_NOT_OVER', 'RECEIPT_SIGNING_UNAVAILABLE'],
  },
  taxDocumentXml: {
    tag: 'staff-receipts',
    summary: 'Văn bản gửi cơ quan thuế (XML đã ký) | A document for the tax authority (signed XML)',
    query: taxDocumentQuery,
    answers: [{ status: 200, description: 'XML đã ký | The signed XML', contentType: 'application/xml', schema: z.string() }],
    errors: ['INVALID_QUERY', 'TAX_DOCUMENT_NOT_FOUND'],
  },
  recordTaxAnswer: {
    tag: 'staff-receipts',
    summary: 'Ghi kết quả cơ quan thuế trả lời | Record the tax authority’s answer',
    body: { schema: taxAnswerSchema, example: { kind: 'summary', id: 'summary:2026-12-03:1', accepted: true, reference: '01/TB-KTDL 123' } },
    answers: json('Văn bản | The document'),
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'TAX_DOCUMENT_NOT_FOUND', 'TAX_DOCUMENT_ANSWERED', 'TAX_DOCUMENT_CHANGED'],
  },
  noticeReceiptMistake: {
    tag: 'staff-receipts',
    summary: 'Thông báo sai sót biên lai (mẫu 04/SS-CTĐT) | Error notice for a receipt (form 04/SS-CTĐT)',
    body: { schema: noticeSchema, example: { action: 'explain', reason: 'Sai địa chỉ người nộp' } },
    answers: json('Thông báo | The notice'),
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'RECEIPT_NOT_FOUND', 'RECEIPT_NOT_CANCELLED', 'RECEIPT_SIGNING_UNAVAILABLE'],
  },
  listRegistrations: { tag: 'staff-admin', summary: 'Tờ khai đăng ký biên lai điện tử của cơ quan | The agency’s e-receipt registrations', answers: json('Tờ khai | Declarations'), errors: ['AGENCY_NOT_FOUND'] },
  declareRegistration: {
    tag: 'staff-admin',
    summary: 'Lập tờ khai đăng ký sử dụng biên lai điện tử (01/ĐKTĐ-CTĐT) | Declare e-receipt registration (01/ĐKTĐ-CTĐT)',
    body: { schema: declareSchema, example: { taxOffice: 'Thuế cơ sở 1 tỉnh Vĩnh Long', contact: { name: 'Nguyễn Thị Lan', phone: '0270 3822 123', email: 'vanthu@giongtrom.vinhlong.gov.vn', address: 'Ấp 1, xã Giồng Trôm, tỉnh Vĩnh Long' }, channel: 'provider' } },
    answers: [{ status: 201, description: 'Tờ khai | The declaration', schema: anyObject }],
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'AGENCY_NOT_FOUND', 'RECEIPT_SIGNING_UNAVAILABLE', 'RECEIPT_CERTIFICATE_INVALID'],
  },
  registrationXml: { tag: 'staff-admin', summary: 'Tờ khai đăng ký (XML đã ký) | The declaration (signed XML)', query: registrationIdQuery, answers: [{ status: 200, description: 'XML đã ký | The signed XML', contentType: 'application/xml', schema: z.string() }], errors: ['INVALID_QUERY', 'REGISTRATION_NOT_FOUND'] },
  registrationPrint: {
    tag: 'staff-admin',
    summary: 'Tờ khai đăng ký để in | The declaration, to print',
    query: registrationIdQuery,
    answers: [{ status: 200, description: 'HTML', contentType: 'text/html', schema: z.string() }],
    errors: ['INVALID_QUERY', 'REGISTRATION_NOT_FOUND'],
  },
  answerRegistration: {
    tag: 'staff-admin',
    summary: 'Ghi kết quả chấp nhận đăng ký của cơ quan thuế | Record the tax authority’s answer to a registration',
    body: { schema: registrationAnswerSchema, example: { id: 'reg:xa-giong-trom:1', accepted: true, reference: '01/TB-ĐKĐT số 123', date: '2026-12-10' } },
    answers: json('Tờ khai | The declaration'),
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'REGISTRATION_NOT_FOUND', 'REGISTRATION_ANSWERED'],
  },
  // ---- Integrations (issue 17) ----------------------------------------------------------------
  listIntegrations: { tag: 'staff-admin', summary: 'Các phần mềm tích hợp | Integrations', answers: json('Danh sách (không có bí mật) | The list, without secrets'), errors: [] },
  createIntegration: {
    tag: 'staff-admin',
    summary: 'Tạo tích hợp: khóa API và khóa ký chỉ hiện một lần | Create an integration: API key and signing secret shown once',
    description: 'Địa chỉ nhận sự kiện phải là https và công khai khi chạy thật. | In production the webhook URL must be https and public.',
    body: { schema: createIntegrationSchema, example: { name: 'Phần mềm một cửa tỉnh Vĩnh Long', webhookUrl: 'https://motcua.vinhlong.gov.vn/hooks/motcua-pay', agencyIds: ['xa-giong-trom'] } },
    answers: [{ status: 201, description: '{"id","apiKey","signingSecret"}', schema: anyObject }],
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'AGENCY_NOT_FOUND', 'WEBHOOK_URL_REFUSED'],
  },
  getIntegration: { tag: 'staff-admin', summary: 'Một tích hợp | One integration', answers: json('Tích hợp | The integration'), errors: ['INTEGRATION_NOT_FOUND'] },
  rotateIntegrationKey: {
    tag: 'staff-admin',
    summary: 'Đổi khóa API (khóa cũ còn dùng được một thời gian) | Rotate the API key (the old one overlaps)',
    body: { schema: rotateKeySchema, example: {} },
    answers: json('Khóa mới, chỉ hiện một lần | The new key, shown once'),
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'INTEGRATION_NOT_FOUND'],
  },
  revokeIntegration: { tag: 'staff-admin', summary: 'Thu hồi tích hợp | Revoke an integration', answers: json('Tích hợp | The integration'), errors: ['INTEGRATION_NOT_FOUND'] },
  listDeliveries: { tag: 'staff-admin', summary: 'Các lần gửi sự kiện | Event deliveries', query: deliveriesQuery, answers: json('Một trang | One page'), errors: ['INVALID_QUERY', 'INTEGRATION_NOT_FOUND'] },
  replayDelivery: { tag: 'staff-admin', summary: 'Gửi lại một sự kiện (cùng webhook-id) | Send an event again (same webhook-id)', answers: json('Lần gửi | The delivery'), errors: ['INTEGRATION_NOT_FOUND', 'DELIVERY_NOT_FOUND'] },
};


/** The staff operations: each table entry with its doc; guarded ones name their roles and answer 401/403. */
export function staffOperations(): Operation[] {
  const open = Object.entries(OPEN_ROUTES).map(([name, route]) => ({ ...STAFF_DOCS[name as OpenRouteName], method: route.method, path: route.path }));
  const guarded = Object.entries(STAFF_ROUTES).map(([name, route]): Operation => {
    const doc = STAFF_DOCS[name as StaffRouteName];
    const list = route.roles.map((r) => `\`${r}\``).join(', ');
    const roles = `Vai trò được phép: ${list}. | Roles allowed: ${list}.`;
    return {
      ...doc,
      method: route.method,
      path: route.path,
      security: ['staffBearer'],
      description: doc.description ? `${roles}\n\n${doc.description}` : roles,
      errors: ['UNAUTHORIZED', 'FORBIDDEN', ...doc.errors],
    };
  });
  return [...open, ...guarded];
}
