/**
 * A local stand-in for payOS's merchant API, over real HTTP on a free port, speaking the
 * protocol as ../shared/domain/webhooks.md documents it (and @payos/node speaks it):
 * - POST /v2/payment-requests: `x-client-id` and `x-api-key` must be the channel's; the
 *   body's `signature` must be HMAC-SHA256 (checksum key, hex) of exactly
 *   `amount=…&cancelUrl=…&description=…&orderCode=…&returnUrl=…`; description ≤ 25;
 *   an orderCode already used is refused (code 231). The answer's `data` is signed as
 *   payOS signs it (sorted `key=value&…`), its `qrCode` a real VietQR into a virtual account.
 * - GET /v2/payment-requests/{orderCode|id}, POST /v2/payment-requests/{id}/cancel.
 * - POST /v1/payouts on the payout channel: `x-idempotency-key`, `x-signature` (HMAC of
 *   the sorted, URI-encoded body); the same key answers the same payout.
 * - pay(): sends payOS's signed webhook for a request to our /api/webhooks/payos.
 * `behaviour` makes it fail the ways a real service can.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { signPayos, vietnamLocalTime } from '../../functions/webhooks/providers';
import { encodeVietQr } from '../../shared/vietqr';

export type PayosBehaviour = 'ok' | 'error500' | 'hang';

export interface PayosChannel {
  clientId: string;
  apiKey: string;
  checksumKey: string;
  /** The merchant's linked account: where the money lands (the webhook's accountNumber). */
  account: { bin: string; accountNumber: string; accountName: string };
}

export interface PaymentRequestRecord {
  clientId: string;
  id: string;
  orderCode: number;
  amount: number;
  description: string;
  returnUrl: string;
  cancelUrl: string;
  expiredAt?: number;
  status: 'PENDING' | 'PAID' | 'CANCELLED' | 'EXPIRED';
  virtualAccount: string;
  cancellationReason?: string;
}

export interface PayoutRecord {
  id: string;
  idempotencyKey: string;
  body: Record<string, unknown>;
}

export interface PayosStandIn {
  url: string;
  /** Every request as `METHOD path → status`, in order. */
  log: string[];
  requests: Map<number, PaymentRequestRecord>;
  payouts: PayoutRecord[];
  set(behaviour: PayosBehaviour): void;
  /** The payer pays a request in full: its signed webhook is POSTed to `webhookUrl`. */
  pay(orderCode: number, webhookUrl: string, reference?: string): Promise<Response>;
  close(): Promise<void>;
}

const hmacHex = (key: string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest('hex');

function sameHex(a: string, b: unknown): boolean {
  if (typeof b !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Objects with their keys sorted, at every depth (array order kept). */
function deepSorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepSorted);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(source).sort().map((k) => [k, deepSorted(source[k])]));
}

/** The x-signature of payOS's payouts: keys sorted at every depth, URI-encoded `key=value&…`, arrays and objects as JSON. */
export function payoutSignature(key: string, body: Record<string, unknown>): string {
  const sorted = deepSorted(body) as Record<string, unknown>;
  const text = Object.keys(sorted)
    .map((k) => {
      let v = sorted[k];
      if (v !== null && typeof v === 'object') v = JSON.stringify(v);
      if (v === null || v === undefined) v = '';
      return `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`;
    })
    .join('&');
  return hmacHex(key, text);
}

export async function startPayosStandIn(channels: PayosChannel[], payoutChannels: PayosChannel[] = []): Promise<PayosStandIn> {
  let behaviour: PayosBehaviour = 'ok';
  const log: string[] = [];
  const requests = new Map<number, PaymentRequestRecord>();
  const payouts: PayoutRecord[] = [];
  const hanging = new Set<http.ServerResponse>();
  const byClient = (list: PayosChannel[], id: unknown) => list.find((c) => c.clientId === id);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        log.push(`${req.method} ${path} → ${status}`);
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      };
      if (behaviour === 'hang') {
        log.push(`${req.method} ${path} → (no answer)`);
        hanging.add(res);
        return;
      }
      if (behaviour === 'error500') return send(500, { code: '500', desc: 'Internal server error' });
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        return send(400, { code: '400', desc: 'Invalid JSON' });
      }
      const isPayout = path.startsWith('/v1/payouts');
      const route = path.replace(/\/+$/, '');
      const channel = byClient(isPayout ? payoutChannels : channels, req.headers['x-client-id']);
      if (!channel || req.headers['x-api-key'] !== channel.apiKey) return send(401, { code: '401', desc: 'Unauthorized' });
      const ok = (data: Record<string, unknown>) => send(200, { code: '00', desc: 'success', data, signature: signPayos(data, channel.checksumKey) });
      const fail = (code: string, desc: string) => send(200, { code, desc, data: null });

      if (req.method === 'POST' && path === '/v2/payment-requests') {
        const { amount, cancelUrl, description, orderCode, returnUrl, signature, expiredAt } = body;
        const expected = hmacHex(channel.checksumKey, `amount=${amount}&cancelUrl=${cancelUrl}&description=${description}&orderCode=${orderCode}&returnUrl=${returnUrl}`);
        if (!sameHex(expected, signature)) return fail('201', 'Chữ ký không hợp lệ');
        if (!Number.isSafeInteger(orderCode) || !Number.isSafeInteger(amount) || (amount as number) <= 0) return fail('20', 'Thông tin truyền lên không đúng');
        if (typeof description !== 'string' || description.length > 25) return fail('20', 'Mô tả tối đa 25 kí tự');
        if (typeof returnUrl !== 'string' || typeof cancelUrl !== 'string' || !URL.canParse(returnUrl) || !URL.canParse(cancelUrl)) return fail('20', 'returnUrl, cancelUrl không hợp lệ');
        if (requests.has(orderCode as number)) return fail('231', 'Đơn thanh toán đã tồn tại');
        const record: PaymentRequestRecord = {
          clientId: channel.clientId,
          id: randomUUID().replaceAll('-', ''),
          orderCode: orderCode as number,
          amount: amount as number,
          description,
          returnUrl,
          cancelUrl,
          ...(typeof expiredAt === 'number' ? { expiredAt } : {}),
          status: 'PENDING',
          virtualAccount: `V3CAS${String(orderCode).slice(-9).padStart(9, '0')}`,
        };
        requests.set(record.orderCode, record);
        return ok({
          bin: channel.account.bin,
          accountNumber: record.virtualAccount,
          accountName: channel.account.accountName,
          amount: record.amount,
          description: record.description,
          orderCode: record.orderCode,
          currency: 'VND',
          paymentLinkId: record.id,
          status: record.status,
          ...(record.expiredAt ? { expiredAt: record.expiredAt } : {}),
          checkoutUrl: `https://pay.payos.vn/web/${record.id}`,
          qrCode: encodeVietQr({ bankBin: channel.account.bin, accountNumber: record.virtualAccount, service: 'QRIBFTTA', amount: record.amount, purpose: record.description }),
        });
      }
      const one = /^\/v2\/payment-requests\/([^/]+)(\/cancel)?$/.exec(path);
      if (one) {
        const record = [...requests.values()].find((r) => r.clientId === channel.clientId && (String(r.orderCode) === one[1] || r.id === one[1]));
        if (!record) return fail('101', 'Không tìm thấy đơn thanh toán');
        if (one[2] && req.method === 'POST') {
          if (record.status !== 'PENDING') return fail('20', 'Đơn thanh toán không thể hủy');
          record.status = 'CANCELLED';
          if (typeof body.cancellationReason === 'string') record.cancellationReason = body.cancellationReason;
        }
        const paid = record.status === 'PAID' ? record.amount : 0;
        return ok({
          id: record.id,
          orderCode: record.orderCode,
          amount: record.amount,
          amountPaid: paid,
          amountRemaining: record.amount - paid,
          status: record.status,
          createdAt: new Date().toISOString(),
          transactions: [],
          cancellationReason: record.cancellationReason ?? null,
          canceledAt: record.status === 'CANCELLED' ? new Date().toISOString() : null,
        });
      }
      if (req.method === 'POST' && route === '/v1/payouts') {
        const key = req.headers['x-idempotency-key'];
        if (typeof key !== 'string' || !key) return fail('20', 'x-idempotency-key is required');
        if (!sameHex(payoutSignature(channel.checksumKey, body), req.headers['x-signature'])) return fail('201', 'Chữ ký không hợp lệ');
        let payout = payouts.find((p) => p.idempotencyKey === key);
        if (!payout) {
          payout = { id: randomUUID().replaceAll('-', ''), idempotencyKey: key, body };
          payouts.push(payout);
        }
        const data = {
          id: payout.id,
          referenceId: payout.body.referenceId,
          transactions: [{ id: `${payout.id}-1`, referenceId: payout.body.referenceId, amount: payout.body.amount, description: payout.body.description, toBin: payout.body.toBin, toAccountNumber: payout.body.toAccountNumber, toAccountName: null, reference: null, transactionDatetime: null, errorMessage: null, errorCode: null, state: 'PROCESSING' }],
          category: null,
          approvalState: 'PROCESSING',
          createdAt: new Date().toISOString(),
        };
        log.push(`${req.method} ${path} → 200`);
        res.writeHead(200, { 'content-type': 'application/json', 'x-signature': payoutSignature(channel.checksumKey, data) }).end(JSON.stringify({ code: '00', desc: 'success', data }));
        return;
      }
      return send(404, { code: '404', desc: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    log,
    requests,
    payouts,
    set: (b) => {
      behaviour = b;
    },
    async pay(orderCode, webhookUrl, reference = `FT${orderCode}`) {
      const record = requests.get(orderCode);
      if (!record) throw new Error(`no payment request ${orderCode}`);
      const channel = byClient(channels, record.clientId)!;
      record.status = 'PAID';
      const data = {
        orderCode: record.orderCode,
        amount: record.amount,
        description: `CSXYZ ${record.description}`,
        accountNumber: channel.account.accountNumber,
        reference,
        transactionDateTime: vietnamLocalTime(new Date()),
        currency: 'VND',
        paymentLinkId: record.id,
        code: '00',
        desc: 'success',
        counterAccountBankId: '970436',
        counterAccountBankName: '',
        counterAccountName: 'NGUYEN VAN A',
        counterAccountNumber: '0011001234567',
        virtualAccountName: '',
        virtualAccountNumber: record.virtualAccount,
      };
      return fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: '00', desc: 'success', success: true, data, signature: signPayos(data, channel.checksumKey) }) });
    },
    async close() {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
