/**
 * The integration API (functions/integration/app.ts): the province's one-stop software
 * places and reads fee orders for its dossiers with an API key.
 */
import { dossierQuerySchema, integrationOrderSchema } from '../../shared/integrations';
import type { Operation } from './operation';
import { EXAMPLES, publicOrderSchema } from './shapes';

const KEY_RULES = [
  'Khóa API trong `X-Api-Key`; khóa sai, bị thu hồi hay hết hạn đều trả 401 như nhau. Chỉ cho các cơ quan của tích hợp (403 nếu khác). Giới hạn số lần gọi mỗi phút cho mỗi khóa (429, `Retry-After`).',
  'The API key in `X-Api-Key`; a wrong, revoked or expired key gets the same 401. Only the integration’s agencies (403 otherwise). Rate-limited per key (429 with `Retry-After`).',
].join(' | ');

export const INTEGRATION_OPERATIONS: Operation[] = [
  {
    method: 'POST',
    path: '/api/integration/orders',
    tag: 'integrations',
    summary: 'Tạo đơn phí cho một hồ sơ | Create a fee order for a dossier',
    description: `${KEY_RULES}\n\nThân như \`POST /api/orders\` cộng \`dossierCode\` bắt buộc. Lặp lại cùng mã hồ sơ và cùng thân → cùng đơn (200); cùng mã hồ sơ, thân khác → 409. | The body of \`POST /api/orders\` plus a required \`dossierCode\`. The same dossier code with the same body → the same order (200); with another body → 409.`,
    security: ['apiKey'],
    body: { schema: integrationOrderSchema, example: { ...EXAMPLES.orderBody, dossierCode: 'H61.22-261203-0001' } },
    answers: [
      { status: 201, description: 'Đơn mới | A new order', schema: publicOrderSchema },
      { status: 200, description: 'Đơn đã tạo cho hồ sơ này | The order already made for this dossier', schema: publicOrderSchema },
    ],
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'UNAUTHORIZED', 'INTEGRATION_AGENCY_FORBIDDEN', 'PROCEDURE_NOT_FOUND', 'AGENCY_NOT_FOUND', 'DOSSIER_CODE_REUSED', 'FEE_NOT_REQUIRED', 'PROCEDURE_NOT_OFFERED', 'RATE_LIMITED', 'PAYMENT_PROVIDER_UNAVAILABLE'],
  },
  {
    method: 'GET',
    path: '/api/integration/orders',
    tag: 'integrations',
    summary: 'Đơn phí của một hồ sơ | The fee order of a dossier',
    description: KEY_RULES,
    security: ['apiKey'],
    query: dossierQuerySchema,
    answers: [{ status: 200, description: 'Đơn, trạng thái, biên lai nếu đã cấp | The order, its status, its receipt once issued', schema: publicOrderSchema }],
    errors: ['INVALID_QUERY', 'UNAUTHORIZED', 'ORDER_NOT_FOUND', 'RATE_LIMITED'],
  },
];
