/** The public app's routes (functions/public/), documented with the schemas they validate with. */
import * as z from 'zod';
import { createOrderSchema } from '../../shared/order';
import { agencyQuery, procedureQuery } from '../public/catalogue';
import { verifyQuery } from '../public/receipts';
import type { Operation } from './operation';
import { agencySchema, anyObject, EXAMPLES, procedureSummarySchema, publicOrderSchema, receiptVerifySchema } from './shapes';

/** The header of POST /api/orders (and the counter's): checked by parseIdempotencyKey. */
export const idempotencyHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,128}$/)
    .optional()
    .describe('1–128 ký tự chữ, số, - _ . : | 1–128 letters, digits, - _ . :'),
});

export const IDEMPOTENCY_RULES = [
  '**Idempotency-Key** (tùy chọn): cùng khóa và cùng nội dung trong 24 giờ → chính đơn đã tạo, `200`; cùng khóa, nội dung khác → `409 IDEMPOTENCY_KEY_REUSED`. Khóa thuộc về người gọi (tài khoản cán bộ, hoặc mạng người dân gọi từ đó).',
  '**Idempotency-Key** (optional): same key and same body within 24 h → the same order, `200`; same key with another body → `409 IDEMPOTENCY_KEY_REUSED`. Keys are scoped to the caller (a person’s account, or the network a citizen calls from), so two callers’ keys never meet.',
].join(' | ');

export const TOKEN_RULES = [
  '**X-Order-Token**: `accessToken` của đơn (hoặc `?token=`). Thiếu hoặc sai mã → `404`, y như đơn không tồn tại. Mã là quyền xem đơn: giữ kín, không ghi vào nhật ký.',
  '**X-Order-Token**: the order’s `accessToken` (or `?token=`). Without it, or with a wrong one: `404`, exactly as for an order that does not exist. The token is a capability: keep it private, never put it in a log.',
].join(' | ');

const orderIdParam = z.object({ id: z.string().max(64).describe('Mã đơn | Order id') });
const tokenQuery = z.object({ token: z.string().optional().describe('Thay cho X-Order-Token | Instead of X-Order-Token') });
const tokenAuth = ['orderToken', 'orderTokenQuery'] as Operation['security'];

export const PUBLIC_OPERATIONS: Operation[] = [
  {
    method: 'GET',
    path: '/api/health',
    tag: 'health',
    summary: 'Tình trạng dịch vụ | Health',
    answers: [{ status: 200, description: 'Cơ sở dữ liệu trả lời | The database answers', schema: z.object({ status: z.literal('ok') }), example: { status: 'ok' } }],
    errors: ['SERVICE_UNAVAILABLE'],
  },
  {
    method: 'GET',
    path: '/api/agencies',
    tag: 'catalogue',
    summary: 'Danh sách cơ quan thu phí | The agencies that collect fees',
    description: 'Cơ quan theo bản đồ hành chính từ 01/7/2025; `include=historical` thêm các cơ quan cũ giữ lại cho hồ sơ cũ. | Agencies of the map since 1 July 2025; `include=historical` adds the old ones kept for records.',
    query: agencyQuery,
    answers: [{ status: 200, description: 'Danh sách | The list', schema: z.object({ items: z.array(agencySchema) }) }],
    errors: ['INVALID_QUERY'],
  },
  {
    method: 'GET',
    path: '/api/procedures',
    tag: 'catalogue',
    summary: 'Tìm thủ tục hành chính | Search procedures',
    description: '`q` tìm có hoặc không dấu ("khai sinh" tìm được "Đăng ký khai sinh"). | `q` matches with or without diacritics.',
    query: procedureQuery,
    answers: [{ status: 200, description: 'Thủ tục tìm được | Matching procedures', schema: z.object({ items: z.array(procedureSummarySchema) }) }],
    errors: ['INVALID_QUERY', 'AGENCY_NOT_FOUND'],
  },
  {
    method: 'GET',
    path: '/api/procedures/:code',
    tag: 'catalogue',
    summary: 'Hướng dẫn đầy đủ của một thủ tục | A procedure’s whole guide',
    params: z.object({ code: z.string().describe('Mã thủ tục, ví dụ 1.001022 | Procedure code') }),
    answers: [{ status: 200, description: 'Giấy tờ, các bước, phí, căn cứ pháp lý | Documents, steps, fee, legal basis', schema: anyObject }],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'POST',
    path: '/api/orders',
    tag: 'orders',
    summary: 'Tạo đơn phí và mã VietQR | Create a fee order and its VietQR',
    description: IDEMPOTENCY_RULES,
    headers: idempotencyHeaders,
    body: { schema: createOrderSchema, example: EXAMPLES.orderBody },
    answers: [
      { status: 201, description: 'Đơn mới | A new order', schema: publicOrderSchema, example: EXAMPLES.order },
      { status: 200, description: 'Cùng Idempotency-Key và cùng nội dung: đơn đã tạo | Same key, same body: the order made before', schema: publicOrderSchema },
    ],
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'INVALID_IDEMPOTENCY_KEY', 'PROCEDURE_NOT_FOUND', 'AGENCY_NOT_FOUND', 'QUANTITY_NOT_APPLICABLE', 'COPIES_NOT_APPLICABLE', 'IDEMPOTENCY_KEY_REUSED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'FEE_NOT_REQUIRED', 'FEE_COLLECTED_ELSEWHERE', 'PROCEDURE_NOT_OFFERED', 'AGENCY_SUPERSEDED', 'AMOUNT_TOO_LARGE', 'RATE_LIMITED'],
  },
  {
    method: 'GET',
    path: '/api/orders/:id',
    tag: 'orders',
    summary: 'Xem đơn phí | Read a fee order',
    description: `${TOKEN_RULES}\n\nSau khi trả một phần, \`vietqr\` hỏi số còn thiếu. | After a partial payment, \`vietqr\` asks for what is still due.`,
    security: tokenAuth,
    params: orderIdParam,
    query: tokenQuery,
    answers: [{ status: 200, description: 'Đơn, trạng thái, số đã trả, biên lai khi đã cấp | The order, its status, what was paid, its receipt once issued', schema: publicOrderSchema, example: { ...EXAMPLES.order, status: 'PAID', paidAmount: 15000 } }],
    errors: ['ORDER_NOT_FOUND'],
  },
  {
    method: 'GET',
    path: '/api/orders/:id/qr.svg',
    tag: 'orders',
    summary: 'Mã VietQR (SVG) | The VietQR code as SVG',
    description: TOKEN_RULES,
    security: tokenAuth,
    params: orderIdParam,
    query: tokenQuery,
    answers: [{ status: 200, description: 'Ảnh SVG | SVG image', contentType: 'image/svg+xml', schema: z.string() }],
    errors: ['ORDER_NOT_FOUND'],
  },
  {
    method: 'GET',
    path: '/api/orders/:id/qr.png',
    tag: 'orders',
    summary: 'Mã VietQR (PNG) | The VietQR code as PNG',
    description: TOKEN_RULES,
    security: tokenAuth,
    params: orderIdParam,
    query: tokenQuery,
    answers: [{ status: 200, description: 'Ảnh PNG 600×600 | PNG image', contentType: 'image/png', schema: z.string().meta({ format: 'binary' }) }],
    errors: ['ORDER_NOT_FOUND'],
  },
  {
    method: 'GET',
    path: '/api/receipts/verify',
    tag: 'receipts',
    summary: 'Kiểm tra biên lai thật hay giả | Check that a receipt is genuine',
    description: '`token`: mã trong QR của biên lai. Người nộp được che. | The token in the receipt’s QR code. The payer is masked.',
    query: verifyQuery,
    answers: [{ status: 200, description: 'Kết quả kiểm tra | Whether it is genuine', schema: receiptVerifySchema, example: { genuine: false, reason: 'not_on_record' } }],
    errors: ['INVALID_QUERY'],
  },
];
