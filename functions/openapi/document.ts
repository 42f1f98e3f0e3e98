/**
 * GET /api/openapi.json: the OpenAPI 3.1 document of every route, built by
 * @hono/zod-openapi's generator from the operations of each app (public.ts, staff.ts,
 * webhooks.ts, docs.ts): their request schemas are the objects the handlers validate
 * with. Built once per process, on first request.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { ERRORS, errorBody, type ErrorCode } from '../../shared/errors';
import { DOCS_OPERATIONS } from './docs-operations';
import { INTEGRATION_OPERATIONS } from './integration';
import { openApiPath, pathParams, type Answer, type Operation, type SecurityName, type Tag } from './operation';
import { PUBLIC_OPERATIONS } from './public';
import { errorBodySchema } from './shapes';
import { staffOperations } from './staff';
import { EVENT_EXAMPLE, EVENT_RULES, eventSchema, WEBHOOK_OPERATIONS } from './webhooks';

/** Every documented operation: each app's list. A new app's list joins here. */
export function allOperations(): Operation[] {
  return [...PUBLIC_OPERATIONS, ...DOCS_OPERATIONS, ...staffOperations(), ...WEBHOOK_OPERATIONS, ...INTEGRATION_OPERATIONS];
}

const TAGS: Record<Tag, string> = {
  health: 'Tình trạng | Health',
  catalogue: 'Danh mục cơ quan và thủ tục (công khai) | Agencies and procedures (public)',
  orders: 'Đơn phí và VietQR (công khai) | Fee orders and VietQR (public)',
  receipts: 'Kiểm tra biên lai (công khai) | Receipt check (public)',
  webhooks: 'Báo có từ trung gian thanh toán | Payment notifications',
  integrations: 'Phần mềm một cửa của tỉnh (X-Api-Key) | The province’s one-stop software',
  'staff-session': 'Cán bộ: đăng nhập | Staff: session',
  'staff-orders': 'Cán bộ: đơn tại quầy | Staff: orders at the counter',
  'staff-money': 'Cán bộ: thu tiền, ghép, hoàn | Staff: money',
  'staff-receipts': 'Cán bộ: biên lai | Staff: receipts',
  'staff-reports': 'Cán bộ: báo cáo | Staff: reports',
  'staff-admin': 'Quản trị | Administration',
  docs: 'Tài liệu API | API documentation',
};

const SECURITY_SCHEMES: Record<SecurityName, Record<string, unknown>> = {
  staffBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Mã từ `POST /api/auth/login` | The token of `POST /api/auth/login`' },
  orderToken: { type: 'apiKey', in: 'header', name: 'X-Order-Token', description: '`accessToken` của đơn | The order’s `accessToken`' },
  orderTokenQuery: { type: 'apiKey', in: 'query', name: 'token', description: '`accessToken` của đơn, trong địa chỉ | The order’s `accessToken`, in the query' },
  apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'Khóa của tích hợp, cấp một lần, chỉ cho các cơ quan của tích hợp | The integration’s key, shown once, for its agencies only' },
  sepayApiKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: '`Apikey <khóa>` | `Apikey <key>`' },
  sepaySignature: { type: 'apiKey', in: 'header', name: 'X-SePay-Signature', description: '`sha256=<hex>` với `X-SePay-Timestamp` | `sha256=<hex>` with `X-SePay-Timestamp`' },
  cassoSignature: { type: 'apiKey', in: 'header', name: 'X-Casso-Signature', description: '`t=<ms>,v1=<hex>`' },
};

const json = 'application/json';

/** The success answers, merged per status (a report's JSON, CSV and Excel are one 200). */
function successResponses(answers: Answer[]) {
  const out: Record<string, { description: string; content: Record<string, { schema: z.ZodType; example?: unknown }> }> = {};
  for (const a of answers) {
    const entry = (out[a.status] ??= { description: a.description, content: {} });
    entry.content[a.contentType ?? json] = { schema: a.schema ?? z.unknown(), ...(a.example === undefined ? {} : { example: a.example }) };
  }
  return out;
}

/** The errors, one response per status naming each code with its words; the first is the example. */
function errorResponses(codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = ERRORS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, { description: string; content: Record<string, { schema: z.ZodType; example: unknown }> }> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[status] = {
      description: list.map((c) => `\`${c}\`: ${ERRORS[c].vi} | \`${c}\`: ${ERRORS[c].en}`).join('\n\n'),
      content: { [json]: { schema: errorBodySchema, example: errorBody(list[0]!) } },
    };
  }
  return out;
}

function register(app: OpenAPIHono, op: Operation) {
  const named = pathParams(op.path);
  const params = op.params ?? (named.length ? z.object(Object.fromEntries(named.map((n) => [n, z.string()]))) : undefined);
  app.openAPIRegistry.registerPath({
    method: op.method.toLowerCase() as 'get',
    path: openApiPath(op.path),
    operationId: `${op.method.toLowerCase()}${openApiPath(op.path).replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.security ? { security: op.security.map((s) => ({ [s]: [] })) } : {}),
    request: {
      ...(params ? { params } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(op.headers ? { headers: op.headers } : {}),
      ...(op.body
        ? { body: { required: true, ...(op.body.description ? { description: op.body.description } : {}), content: { [json]: { schema: op.body.schema, ...(op.body.example === undefined ? {} : { example: op.body.example }) } } } }
        : {}),
    },
    responses: { ...successResponses(op.answers), ...errorResponses(op.errors) },
  });
}

export interface DocumentOptions {
  /** The deployment's own address, when known (servers[0]); default: relative `/`. */
  serverUrl?: string;
}

export function buildOpenApiDocument(operations: Operation[] = allOperations(), options: DocumentOptions = {}) {
  const app = new OpenAPIHono();
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) app.openAPIRegistry.registerComponent('securitySchemes', name, scheme as never);
  for (const op of operations) register(app, op);
  app.openAPIRegistry.registerWebhook({
    method: 'post',
    path: 'orderEvent',
    summary: 'Sự kiện gửi tới phần mềm tích hợp | Events sent to an integration',
    description: EVENT_RULES,
    request: {
      headers: z.object({ 'webhook-id': z.string(), 'webhook-timestamp': z.string().describe('Giây Unix | Unix seconds'), 'webhook-signature': z.string().describe('v1,<base64>') }),
      body: { content: { [json]: { schema: eventSchema, example: EVENT_EXAMPLE } } },
    },
    responses: { 200: { description: 'Đã nhận (mọi mã 2xx) | Received (any 2xx)' }, 410: { description: 'Ngừng gửi cho tích hợp này | Stop sending' } },
  });
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'motcua-pay API',
      version: '1',
      description: [
        'API thu phí, lệ phí thủ tục hành chính bằng VietQR. Mọi số tiền là số nguyên đồng (VND); thời gian ISO 8601 có múi giờ. Mọi lỗi có cùng dạng `Error` (`message` tiếng Việt, `messageEn` tiếng Anh).',
        'Fees of administrative procedures paid by VietQR. Money is an integer number of VND; times are ISO 8601 with offset. Every error has the one `Error` shape (`message` in Vietnamese, `messageEn` in English).',
      ].join(' | '),
    },
    servers: [{ url: options.serverUrl ?? '/' }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
  });
}

let built: ReturnType<typeof buildOpenApiDocument> | undefined;
/** The document of this build, made once. */
export const openApiDocument = () => (built ??= buildOpenApiDocument());
