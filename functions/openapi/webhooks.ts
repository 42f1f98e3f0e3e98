/**
 * Payment notifications in (the webhooks app), and the events this service sends out to
 * integrations (OpenAPI's `webhooks`, to the contract's names: Standard Webhooks).
 */
import * as z from 'zod';
import { PROVIDERS } from '../../shared/transfer';
import { CassoNotification } from '../webhooks/providers/casso';
import { PayosNotification } from '../webhooks/providers/payos';
import { SepayNotification } from '../webhooks/providers/sepay';
import type { Operation } from './operation';

export const WEBHOOK_OPERATIONS: Operation[] = [
  {
    method: 'POST',
    path: '/api/webhooks/:provider',
    tag: 'webhooks',
    summary: 'Báo có từ payOS, SePay, Casso | Payment notifications from payOS, SePay and Casso',
    description: [
      'Chỉ các trung gian thanh toán gọi. Xác thực trên nội dung gốc, so sánh thời gian hằng định, trước khi đọc. | Called by the aggregators only; verified on the raw body, in constant time, before anything is read.',
      [
        '- **payOS**: trường `signature` trong nội dung (HMAC-SHA256 các trường của `data`, khóa checksum) | **payOS**: the body’s `signature` field (HMAC-SHA256 of the fields of `data`, with the checksum key)',
        '- **SePay**: `Authorization: Apikey <khóa>`, hoặc `X-SePay-Signature` + `X-SePay-Timestamp` (HMAC-SHA256, lệch tối đa 5 phút) | **SePay**: `Authorization: Apikey <key>`, or `X-SePay-Signature` + `X-SePay-Timestamp` (HMAC-SHA256, within 5 minutes)',
        '- **Casso**: `X-Casso-Signature: t=<ms>,v1=<hex>` (HMAC-SHA512, lệch tối đa 5 phút) | **Casso**: `X-Casso-Signature: t=<ms>,v1=<hex>` (HMAC-SHA512, within 5 minutes)',
      ].join('\n'),
      'Thật → 2xx (kể cả bản trùng, không đổi gì); không thật → 401; sai định dạng → 400; cả hai không lưu gì. | Genuine → 2xx (a duplicate too, changing nothing); not genuine → 401; malformed → 400; nothing stored for either.',
    ].join('\n\n'),
    security: ['sepayApiKey', 'sepaySignature', 'cassoSignature'],
    params: z.object({ provider: z.enum(PROVIDERS) }),
    body: { schema: z.union([PayosNotification, SepayNotification, CassoNotification]), description: 'Theo tài liệu của từng bên | As each provider documents it' },
    answers: [
      {
        status: 200,
        description: 'Đã nhận | Received',
        schema: z.looseObject({ result: z.enum(['settled', 'duplicate', 'unmatched', 'ignored']) }),
        example: { result: 'settled' },
      },
    ],
    errors: ['NOTIFICATION_MALFORMED', 'NOTIFICATION_NOT_GENUINE', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'SERVICE_UNAVAILABLE'],
  },
];

/** The events an integration receives (contract: Integrations), signed as Standard Webhooks. */
export const EVENT_TYPES = ['order.paid', 'order.underpaid', 'order.overpaid', 'receipt.issued', 'receipt.replaced', 'refund.due'] as const;

export const eventSchema = z
  .object({
    type: z.enum(EVENT_TYPES),
    timestamp: z.string().describe('ISO 8601'),
    data: z.looseObject({
      orderId: z.string(),
      reference: z.string(),
      dossierCode: z.string().optional(),
      amount: z.number().int(),
      paidAmount: z.number().int(),
      status: z.string(),
      receipt: z.looseObject({}).nullable().optional(),
    }),
  })
  .meta({ id: 'Event' });

export const EVENT_EXAMPLE = {
  type: 'order.paid',
  timestamp: '2026-12-03T02:20:41.000Z',
  data: { orderId: 'MCPAB3K7MX2', reference: 'AB3K7MX2', dossierCode: 'H58.32-261203-0001', amount: 15000, paidAmount: 15000, status: 'PAID', receipt: null },
};

export const EVENT_RULES = [
  'Gửi tới `webhookUrl` của tích hợp theo chuẩn Standard Webhooks: tiêu đề `webhook-id`, `webhook-timestamp`, `webhook-signature` (`v1,<base64 HMAC-SHA256>` trên `id.timestamp.body`, khóa `whsec_…`). Ít nhất một lần; gửi lại có lùi dần trong một ngày; `410` thì dừng; tôn trọng `Retry-After`. Cùng `webhook-id` là cùng sự kiện: bỏ qua bản lặp.',
  'POSTed to the integration’s `webhookUrl` as a Standard Webhook (`webhook-id`, `webhook-timestamp`, `webhook-signature`: `v1,<base64 HMAC-SHA256 of id.timestamp.body>` keyed by the `whsec_…` secret). At least once; retried with backoff for a day; stopped on `410`; `Retry-After` honoured. The same `webhook-id` is the same event: drop repeats. Answer 2xx quickly.',
].join(' | ');
