import { Hono, type Context } from 'hono';
import QRCode from 'qrcode';
import { orderBodySchema, vietqrForDue, type FeeOrder } from '../../shared/order';
import type { Deps } from '../lib/deps';
import { clientIp } from '../lib/platform/client-ip';
import { ApiError } from '../lib/platform/errors';
import { jsonBodyLimit, readJson } from '../lib/platform/http';
import { orderView, parseIdempotencyKey, placeOrder } from '../lib/orders/place-order';

// The capability travels in a header or the query; the page and its images are never
// worth sending to another site.
const PRIVATE_HEADERS = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' };

function tokenOf(c: Context): string | undefined {
  return c.req.header('x-order-token') ?? c.req.query('token');
}

/** The order if the caller holds its token; otherwise 404, exactly as if it did not exist. */
async function authorisedOrder(deps: Deps, c: Context): Promise<{ order: FeeOrder; token: string }> {
  const id = c.req.param('id') ?? '';
  const token = tokenOf(c);
  // Check the capability before reading, so probing costs no database read.
  if (id.length > 64 || !token || !deps.orderTokens.verify(id, token)) throw new ApiError('ORDER_NOT_FOUND');
  const order = await deps.store.getOrder(id);
  if (!order) throw new ApiError('ORDER_NOT_FOUND');
  return { order, token };
}

export function orderRoutes(deps: () => Deps) {
  return new Hono()
    .post('/orders', jsonBodyLimit, async (c) => {
      const idempotencyKey = parseIdempotencyKey(c.req.header('idempotency-key'));
      const { value, raw } = await readJson(c, orderBodySchema);
      const d = deps();
      const { created, order } = await placeOrder(d, { input: value, raw, ...(idempotencyKey ? { idempotencyKey, clientAddress: clientIp(c) } : {}) });
      return c.json(orderView(order, d.orderTokens.issue(order.id)), created ? 201 : 200, PRIVATE_HEADERS);
    })
    .get('/orders/:id', async (c) => {
      const { order, token } = await authorisedOrder(deps(), c);
      return c.json(orderView(order, token), 200, PRIVATE_HEADERS);
    })
    .get('/orders/:id/qr.svg', async (c) => {
      const { order } = await authorisedOrder(deps(), c);
      const svg = await QRCode.toString(vietqrForDue(order).payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
      return c.body(svg, 200, { ...PRIVATE_HEADERS, 'Content-Type': 'image/svg+xml; charset=utf-8' });
    })
    .get('/orders/:id/qr.png', async (c) => {
      const { order } = await authorisedOrder(deps(), c);
      const png = await QRCode.toBuffer(vietqrForDue(order).payload, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 600 });
      return c.body(new Uint8Array(png), 200, {
        ...PRIVATE_HEADERS,
        'Content-Type': 'image/png',
        'Content-Disposition': `inline; filename="vietqr-${order.reference}.png"`,
      });
    });
}
