/**
 * The one place an error becomes an HTTP answer: the contract's shape, in Vietnamese and
 * English, never a stack trace or a secret.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ERRORS, errorBody, type ErrorCode, type ErrorDetail } from '../../../shared/errors';
import { log } from './log';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: ErrorDetail[],
    /** Extra response headers (Retry-After of a 429). */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

export function errorResponse(c: Context, code: ErrorCode, details?: ErrorDetail[], headers?: Readonly<Record<string, string>>): Response {
  return c.json(errorBody(code, details), ERRORS[code].status as ContentfulStatusCode, headers);
}

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return errorResponse(c, err.code, err.details, err.headers);
  if (err.name === 'InvalidCursorError') return errorResponse(c, 'INVALID_QUERY', [{ path: 'cursor', message: 'Con trỏ trang không hợp lệ.', messageEn: 'Invalid page cursor.' }]);
  if (err instanceof HTTPException) {
    const code = HTTP_STATUS_CODES[err.status];
    if (code) return errorResponse(c, code);
  }
  log.error('unhandled error', { route: c.req.routePath, method: c.req.method, error: err });
  return errorResponse(c, 'INTERNAL_ERROR');
}

export function notFound(c: Context): Response {
  return errorResponse(c, 'NOT_FOUND');
}
