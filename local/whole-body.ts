/**
 * The local server hands the apps a request body whole, as API Gateway hands it to a
 * Lambda. Left to itself, @hono/node-server builds a WHATWG Request around a web
 * ReadableStream bridged from the socket (Readable.toWeb, then a pull stream) the first
 * time anything touches the body; measured against a stub store, reading a fee order's
 * 150 bytes that way, or even through a Request built around the bytes, cost 100 to
 * 180 µs of the server's CPU per POST, out of 400 to 470.
 *
 * A body with a Content-Length of at most 64 KB (the largest any route accepts) is read
 * from the socket here and put in Hono's body cache, where c.req.text() and c.req.json()
 * find it (hono/validator fills the same cache); the body limits decide on the length
 * (platform/http.ts bodyLimitOf) without touching the stream. A chunked body, or a longer
 * one, takes the streaming path unchanged, where the limits count what arrives (413).
 */
import type { HttpBindings } from '@hono/node-server';
import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';

/** The largest body any route accepts (a payment notification, 64 KB). */
export const WHOLE_BODY_MAX_BYTES = 64 * 1024;

function readAll(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

export const wholeBody: MiddlewareHandler = async (c, next) => {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  const method = c.req.method;
  if (!incoming || method === 'GET' || method === 'HEAD' || c.req.header('transfer-encoding') !== undefined) return next();
  const length = Number(c.req.header('content-length'));
  if (!Number.isInteger(length) || length <= 0 || length > WHOLE_BODY_MAX_BYTES) return next();
  // Node's parser delivers exactly Content-Length bytes of this message, never more.
  const text = (await readAll(incoming)).toString('utf8');
  // Hono keeps a body read once as a promise per kind; any other kind is made from this one.
  (c.req.bodyCache as Record<string, Promise<unknown>>).text = Promise.resolve(text);
  return next();
};
