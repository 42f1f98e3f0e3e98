/**
 * How one route is documented: the very zod schemas its handler validates with (query,
 * body), what it answers, and the error codes it may give. Documenting a new route is
 * one entry of this shape in the list of its app (public.ts, staff.ts, webhooks.ts);
 * test/functions/openapi.test.ts names any registered route without one.
 */
import type * as z from 'zod';
import type { ErrorCode } from '../../shared/errors';

/** The ways a caller proves who it is (components.securitySchemes of the document). */
export type SecurityName = 'staffBearer' | 'orderToken' | 'orderTokenQuery' | 'apiKey' | 'sepayApiKey' | 'sepaySignature' | 'cassoSignature';

export type Tag = 'catalogue' | 'orders' | 'receipts' | 'webhooks' | 'staff-session' | 'staff-orders' | 'staff-money' | 'staff-receipts' | 'staff-reports' | 'staff-admin' | 'integrations' | 'docs' | 'health';

export interface Answer {
  status: number;
  /** What the answer means, Vietnamese first ("… | English"). */
  description: string;
  schema?: z.ZodType;
  example?: unknown;
  /** Default application/json. */
  contentType?: string;
}

export interface OperationDoc {
  tag: Tag;
  /** Vietnamese, then English: "Tạo đơn phí | Create a fee order". */
  summary: string;
  /** Markdown: the rules a caller must know (tokens, idempotency, scope). */
  description?: string;
  /** Any one of these (OpenAPI: alternatives); none: open. */
  security?: SecurityName[];
  /** The handler's query schema, the same object (an object schema). */
  query?: z.ZodObject;
  /** Request headers the route reads, as a zod object (e.g. Idempotency-Key). */
  headers?: z.ZodObject;
  /** Path parameters; by default each `:name` of the path is a string. */
  params?: z.ZodObject;
  /** The handler's body schema, the same object, with an example in Vietnamese. */
  body?: { schema: z.ZodType; example?: unknown; description?: string };
  answers: Answer[];
  /** The error codes (shared/errors.ts) the route may answer, grouped by status in the document. */
  errors: ErrorCode[];
}

export interface Operation extends OperationDoc {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Hono's spelling, `/api/orders/:id`. */
  path: string;
}

/** `/api/orders/:id` → `/api/orders/{id}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The path parameters a Hono path names. */
export const pathParams = (path: string) => [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
