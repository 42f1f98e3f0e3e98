/**
 * Structured JSON logs, one line per event, written by Powertools for AWS Lambda's Logger
 * (level, message, timestamp, service and, inside Lambda, the request id and cold start).
 * Only what the caller passes is written, so request bodies (names, phone numbers) never
 * reach the log by accident; the incoming event is never logged. Errors are reduced to
 * name, message and stack: an AWS SDK error can carry the very item it refused, and
 * Powertools would otherwise print every property of it.
 */
import { Logger } from '@aws-lambda-powertools/logger';

type Fields = Record<string, unknown>;

export const logger = new Logger({
  // The stack sets POWERTOOLS_SERVICE_NAME to the function's name.
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'motcua-pay',
  // DEBUG=1 shows debug lines, as before; otherwise POWERTOOLS_LOG_LEVEL or LOG_LEVEL, default INFO.
  ...(process.env.DEBUG ? { logLevel: 'DEBUG' as const } : {}),
});

function serialise(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  return out;
}

export const log = {
  debug: (message: string, fields: Fields = {}) => logger.debug(message, serialise(fields)),
  info: (message: string, fields: Fields = {}) => logger.info(message, serialise(fields)),
  warn: (message: string, fields: Fields = {}) => logger.warn(message, serialise(fields)),
  error: (message: string, fields: Fields = {}) => logger.error(message, serialise(fields)),
};
