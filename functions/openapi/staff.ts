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
import { cashBody, cancelBody, listQuery as orderListQuery } from '../staff/routes/orders';
import { dayQuery, rangeQuery } from '../staff/routes/reports';
import { query as tallyQuery } from '../staff/routes/tally';
import { listQuery as transferListQuery, matchBody, refundBody } from '../staff/routes/transactions';
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
  dashboard: { tag: 'staff-reports', summary: 'Số liệu cho lãnh đạo | The leaders’ dashboard', description: FILE_RULES, query: rangeQuery, answers: fileAnswers('Số liệu | The figures'), errors: ['INVALID_QUERY', 'AGENCY_NOT_FOUND'] },
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
