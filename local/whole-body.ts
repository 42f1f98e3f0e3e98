/**
 * The local server hands the apps a request body whole, as API Gateway hands it to a
 * Lambda (hono/aws-lambda builds a Request around the bytes). Left to itself,
 * @hono/node-server bridges the socket to a web ReadableStream the first time anything
 * touches the body (Hono's bodyLimit does, then reading the JSON): measured, that bridge
 * cost about 150 µs of CPU per POST, a third of a fee order's whole cost on this server.
 * Bodies without a length, or longer than any route accepts, take the streaming path
 * unchanged, where the routes' body limits refuse them.
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
  // Node's parser delivers exactly content-length bytes of this message, never more.
  const body = await readAll(incoming);
  c.req.raw = new Request(c.req.url, { method, headers: c.req.raw.headers, body: new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength) });
  return next();
};
