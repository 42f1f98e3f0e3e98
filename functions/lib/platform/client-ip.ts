/**
 * The caller's address, for per-address login limits and for whose idempotency keys a
 * citizen's are (orders/place-order.ts). Behind CloudFront, API Gateway
 * sees an edge location, so the viewer's address comes from CloudFront-Viewer-Address;
 * that header is believed only when X-Origin-Verify carries the secret CloudFront adds
 * (anyone can send the header straight to execute-api, and then their own source
 * address is what counts).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { Context } from 'hono';

type LambdaOrNodeEnv = {
  event?: { requestContext?: { http?: { sourceIp?: string } } };
  incoming?: { socket?: { remoteAddress?: string } };
};

function sameSecret(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** "203.0.113.7:51234" or "2001:db8::1:443" (port last) → the address alone. */
export function viewerAddress(header: string): string | undefined {
  const i = header.lastIndexOf(':');
  if (i <= 0) return undefined;
  const ip = header.slice(0, i).replace(/^\[|\]$/g, '');
  return ip || undefined;
}

export function clientIp(c: Context, originSecret: string | undefined = process.env.ORIGIN_VERIFY_SECRET): string | undefined {
  const env = c.env as LambdaOrNodeEnv | undefined;
  const direct = env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress;
  const proof = c.req.header('x-origin-verify');
  const viewer = c.req.header('cloudfront-viewer-address');
  if (originSecret && proof && viewer && sameSecret(originSecret, proof)) return viewerAddress(viewer) ?? direct;
  return direct;
}

/**
 * The key a client address is counted (or a key scoped) under: IPv4 as is, IPv6 by its
 * /64 (one subscriber usually holds a whole /64, and a phone's privacy address changes
 * within it), anything unreadable as "unknown".
 */
export function clientAddressKey(ip: string | undefined): string {
  const raw = (ip ?? '').trim().replace(/%.*$/, '');
  const kind = isIP(raw);
  if (kind === 4) return raw;
  if (kind !== 6) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(raw);
  if (mapped) return mapped[1]!;
  const [head = '', tail = ''] = raw.split('::', 2);
  const groups = (s: string) => (s ? s.split(':') : []);
  const h = groups(head);
  const t = raw.includes('::') ? groups(tail) : [];
  const all = [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${all.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
