/**
 * Payment-notification adapters (payOS, SePay, Casso): a genuine notification becomes
 * exactly one IncomingTransfer; anything not genuine is a 401 and anything malformed a
 * 400 with details, decided before a byte of it could be stored.
 *
 * Constant time, by code review rather than by stopwatch: every secret-dependent
 * comparison in functions/webhooks/providers goes through common.ts — sameDigest()
 * (payOS and Casso HMAC hex: crypto.timingSafeEqual on equal-length buffers; a length
 * mismatch answers at once, the digest length being public; also SePay's HMAC) and
 * sameSecret() (SePay's API key: SHA-256 of both sides, then timingSafeEqual, so neither
 * content nor length leaks).
 * No `===` on a signature or key anywhere; a last test checks each adapter calls them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PayOS } from '@payos/node';
import {
  ADAPTERS, CASSO_TOLERANCE_MS, cassoSignatureHeader, payosCanonical, sampleCassoBody, samplePayosBody, samplePayosData,
  SEPAY_TOLERANCE_MS, sampleSepayBody, sepayAuthorization, sepayHmacHeaders, sepaySignature, signPayos, signedNotification,
  vietnamLocalTime, vietnamTimeToIso, type HeadersInput, type SampleTransfer,
} from '../../functions/webhooks/providers';
import type { ErrorDetail } from '../../shared/errors';
import type { IncomingTransfer, Provider } from '../../shared/transfer';

const PAYOS_KEY = 'test-payos-checksum-key-0123456789';
const SEPAY_KEY = 'test-sepay-api-key-0123456789';
const CASSO_KEY = 'test-casso-secret-0123456789';
const SECRETS: Record<Provider, string> = { payos: PAYOS_KEY, sepay: SEPAY_KEY, casso: CASSO_KEY };

/** 10:04:05 on 14 March 2026 in Hà Nội. */
const AT = new Date('2026-03-14T03:04:05.000Z');
const NOW = new Date('2026-03-14T03:04:09.000Z');

const SAMPLE: SampleTransfer = {
  amount: 50_000,
  memo: 'MBVCB.3278519.K7PQ2RX4H.CT tu 0011004123456 NGUYEN VAN AN toi 1903666888',
  accountNumber: '1903666888',
  reference: 'FT26073123456789',
  at: AT,
};

type Outcome = { status: 200; transfer: IncomingTransfer } | { status: 400 | 401; reason?: string; details?: ErrorDetail[] };

/** What the route will do: verify, then parse, nothing else. */
function receive(provider: Provider, rawBody: string, headers: HeadersInput = {}, opts: { now?: Date; secret?: string; method?: 'apikey' | 'hmac' } = {}): Outcome {
  const adapter = ADAPTERS[provider];
  const verified = adapter.verify({ rawBody, headers, now: opts.now ?? NOW, secret: opts.secret ?? SECRETS[provider], ...(opts.method ? { method: opts.method } : {}) });
  if (!verified.ok) return { status: verified.status, reason: verified.reason };
  const parsed = adapter.parse(verified.body);
  if (!parsed.ok) return { status: 400, details: parsed.details };
  return { status: 200, transfer: parsed.transfer };
}

function transferOf(outcome: Outcome): IncomingTransfer {
  if (outcome.status !== 200) throw new Error(`expected a transfer, got ${JSON.stringify(outcome)}`);
  return outcome.transfer;
}

function expectDetails(outcome: Outcome, path: string): ErrorDetail[] {
  expect(outcome.status).toBe(400);
  const details = 'details' in outcome ? outcome.details ?? [] : [];
  expect(details.map((d) => d.path)).toContain(path);
  for (const d of details) {
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.messageEn.length).toBeGreaterThan(0);
    expect(d.message).not.toContain('|');
  }
  return details;
}

const sdk = new PayOS({ clientId: 'test-client-id', apiKey: 'test-api-key', checksumKey: PAYOS_KEY, logLevel: 'off' });

// ---------------------------------------------------------------------------------------
// payOS
// ---------------------------------------------------------------------------------------

type PayosBody = ReturnType<typeof samplePayosBody>;
const payosBody = (sample: Partial<SampleTransfer> = {}): PayosBody => samplePayosBody({ ...SAMPLE, ...sample }, PAYOS_KEY);
/** A body whose `data` was changed and signed again: what payOS itself would send. */
const resigned = (body: { data: object }, key = PAYOS_KEY) => ({ ...body, signature: signPayos(body.data, key) });
const payosReceive = (body: unknown, key?: string) => receive('payos', JSON.stringify(body), {}, key === undefined ? {} : { secret: key });

/** The sample payOS sends when a webhook URL is saved (its documentation's example data). */
const PAYOS_CONFIRM_DATA = {
  orderCode: 123,
  amount: 3000,
  description: 'VQRIO123',
  accountNumber: '12345678',
  reference: 'TF230204212323',
  transactionDateTime: '2023-02-04 18:25:00',
  currency: 'VND',
  paymentLinkId: '124c33293c43417ab7879e14c8d9eb18',
  code: '00',
  desc: 'Thành công',
  counterAccountBankId: '',
  counterAccountBankName: '',
  counterAccountName: '',
  counterAccountNumber: '',
  virtualAccountName: '',
  virtualAccountNumber: '',
};

describe('payOS', () => {
  it('turns a genuine notification into exactly one incoming transfer', () => {
    expect(transferOf(payosReceive(payosBody()))).toEqual({
      provider: 'payos',
      providerId: 'FT26073123456789',
      direction: 'in',
      amount: 50_000,
      memo: SAMPLE.memo,
      accountNumber: '1903666888',
      bankReference: 'FT26073123456789',
      occurredAt: '2026-03-14T03:04:05.000Z',
      counterAccount: { name: 'NGUYEN VAN AN', number: '0011004123456', bankName: 'Vietcombank' },
    } satisfies IncomingTransfer);
  });

  it('accepts payOS’s signed test call (webhook confirmation) as a genuine transfer that pays no agency', async () => {
    const signature = await sdk.crypto.createSignatureFromObj(PAYOS_CONFIRM_DATA, PAYOS_KEY);
    const body = { code: '00', desc: 'success', success: true, data: PAYOS_CONFIRM_DATA, signature };
    expect(transferOf(payosReceive(body))).toEqual({
      provider: 'payos',
      providerId: 'TF230204212323',
      direction: 'in',
      amount: 3000,
      memo: 'VQRIO123',
      accountNumber: '12345678',
      bankReference: 'TF230204212323',
      occurredAt: '2023-02-04T11:25:00.000Z',
    });
  });

  it('falls back to paymentLinkId:orderCode when the bank gave no reference', () => {
    for (const reference of ['', null]) {
      const body = payosBody();
      const t = transferOf(payosReceive(resigned({ ...body, data: { ...body.data, reference } })));
      expect(t.providerId).toBe(`${body.data.paymentLinkId}:${body.data.orderCode}`);
      expect(t.bankReference).toBeUndefined();
    }
  });

  describe('against the official @payos/node SDK', () => {
    it('runs the SDK’s Node crypto provider (the one servers use)', () => {
      expect(sdk.crypto.constructor.name).toBe('NodeCryptoProvider');
    });

    it('a body we sign passes the SDK’s webhooks.verify', async () => {
      const body = payosBody();
      await expect(sdk.webhooks.verify(body)).resolves.toEqual(body.data);
    });

    it('a body the SDK signs passes ours', async () => {
      const data = samplePayosData({ ...SAMPLE, memo: 'K7PQ2RX4H nop le phi', amount: 12_000 });
      const signature = await sdk.crypto.createSignatureFromObj(data, PAYOS_KEY);
      expect(signature).toMatch(/^[0-9a-f]{64}$/);
      expect(transferOf(payosReceive({ code: '00', desc: 'success', success: true, data, signature })).amount).toBe(12_000);
    });

    it('signs any data exactly as the SDK does, quirks included (or refuses where the SDK throws)', async () => {
      const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', '10', '9', '-1', '01', 'Z', 'amount', 'description', 'a&b', 'a=b'));
      const value = fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.constantFrom('null', 'undefined', '', 'x&y=z', 0, -0, 1e21, 0.1, true, [], [null], [1, 'ab'], [{ b: 1, a: 2 }], { toString: 'x' }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 8 }), async (entries) => {
          // As JSON.parse would hand it over: "__proto__" an own key, like any other.
          const data = JSON.parse(JSON.stringify(Object.fromEntries(entries))) as Record<string, unknown>;
          let theirs: string | null | undefined;
          try {
            theirs = await sdk.crypto.createSignatureFromObj(data, PAYOS_KEY);
          } catch {
            theirs = undefined;
          }
          if (theirs === undefined) {
            expect(payosCanonical(data)).toBeUndefined();
            expect(() => signPayos(data, PAYOS_KEY)).toThrow();
            expect(payosReceive({ data, signature: 'a'.repeat(64) }).status).toBe(401);
          } else {
            expect(signPayos(data, PAYOS_KEY)).toBe(theirs);
            // Whatever the SDK verifies, ours verifies too, unless the cut into fields is ambiguous.
            const verified = ADAPTERS.payos.verify({ rawBody: JSON.stringify({ data, signature: theirs }), headers: {}, now: NOW, secret: PAYOS_KEY });
            if (!verified.ok) expect(verified.reason).toBe('signed content is ambiguous');
          }
        }),
        { numRuns: 500 },
      );
    });

    it('has the SDK’s canonical form: sorted keys, raw values, null → "", nested objects unsigned', async () => {
      expect(payosCanonical({ b: 2, a: 'x y', c: null, d: 'null', e: true })).toBe('a=x y&b=2&c=&d=&e=true');
      expect(payosCanonical({ '10': 'ten', '9': 'nine', a: 1 })).toBe('9=nine&10=ten&a=1');
      expect(payosCanonical({ n: { deep: 1 } })).toBe('n=[object Object]');
      expect(payosCanonical({ arr: [{ b: 1, a: 2 }, 7] })).toBe('arr=[{"a":2,"b":1},{}]');
      expect(payosCanonical({ arr: [null] })).toBeUndefined();
      expect(payosCanonical({ u: 'undefined', v: undefined })).toBe('u=');
      const withProto = JSON.parse('{"__proto__":"anything","a":1}') as object;
      expect(payosCanonical(withProto)).toBe('a=1'); // the key vanishes from what is signed
      expect(signPayos(withProto, PAYOS_KEY)).toBe(await sdk.crypto.createSignatureFromObj(withProto, PAYOS_KEY));
    });
  });

  it('refuses a forgery that re-cuts a genuine signed string into other fields (the SDK accepts it)', async () => {
    // A memo the payer typed, holding what reads like later fields once joined with "&".
    const planted = '&orderCode=1&paymentLinkId=f&reference=FAKE1&transactionDateTime=2026-03-14 10:04:05&virtualAccountName=&virtualAccountNumber=&zz=';
    const genuine = payosBody({ memo: `K7PQ2RX4H${planted}` });
    expect(transferOf(payosReceive(genuine)).providerId).toBe(SAMPLE.reference); // a strange memo is still a payment
    const canonical = payosCanonical(genuine.data)!;
    const { orderCode: _o, paymentLinkId: _p, reference: _r, transactionDateTime: _t, virtualAccountName: _n, virtualAccountNumber: _v, ...before } = genuine.data;
    const forgedData = {
      ...before,
      description: 'K7PQ2RX4H',
      orderCode: 1,
      paymentLinkId: 'f',
      reference: 'FAKE1',
      transactionDateTime: '2026-03-14 10:04:05',
      virtualAccountName: '',
      virtualAccountNumber: '',
      zz: canonical.slice(canonical.indexOf('&zz=') + 4),
    };
    expect(payosCanonical(forgedData)).toBe(canonical);
    const forged = { ...genuine, data: forgedData };
    await expect(sdk.webhooks.verify(forged)).resolves.toBeDefined(); // same signature, new ids: a replay counted twice
    expect(payosReceive(forged)).toMatchObject({ status: 401, reason: 'signed content is ambiguous' });
  });

  it('answers 401 to a wrong key, a missing or empty signature, or a signature of other data', () => {
    const body = payosBody();
    expect(payosReceive(body, 'another-checksum-key').status).toBe(401);
    expect(payosReceive(body, '').status).toBe(401);
    const { signature: _s, ...unsigned } = body;
    expect(payosReceive(unsigned).status).toBe(401);
    expect(payosReceive({ ...body, signature: '' }).status).toBe(401);
    expect(payosReceive({ ...body, signature: 42 }).status).toBe(401);
    expect(payosReceive({ ...body, signature: body.signature.toUpperCase() }).status).toBe(401);
    expect(payosReceive({ ...body, signature: body.signature.slice(0, 63) }).status).toBe(401);
    expect(payosReceive({ ...body, signature: payosBody({ amount: 50_001 }).signature }).status).toBe(401);
    expect(payosReceive({ ...body, data: { ...body.data, amount: 5_000_000 } }).status).toBe(401);
  });

  it('rests nothing on the unsigned envelope (code, desc, success)', () => {
    const body = payosBody();
    expect(payosReceive({ ...body, code: '99', desc: 'tampered', success: false }).status).toBe(200);
  });

  it('answers 401 when any one character of the signed data changes', () => {
    const raw = JSON.stringify(payosBody());
    const start = raw.indexOf('"data":{') + '"data":'.length;
    const end = raw.indexOf('},"signature"') + 1;
    for (let i = start; i < end; i++) {
      const flipped = raw.slice(0, i) + (raw[i] === 'x' ? 'y' : 'x') + raw.slice(i + 1);
      const status = receive('payos', flipped).status;
      expect([400, 401], `position ${i}`).toContain(status); // 400 only where it stopped being JSON
      if (status === 400) expect(() => JSON.parse(flipped)).toThrow();
    }
  });

  it('is 400 when the body is not JSON (there is nothing to verify), 401 when JSON but not genuine', () => {
    expect(receive('payos', '{"data": {').status).toBe(400);
    expect(receive('payos', 'amount=50000').status).toBe(400);
    expect(receive('payos', '').status).toBe(400);
    expect(receive('payos', JSON.stringify({ code: '00' })).status).toBe(400);
    expect(receive('payos', JSON.stringify([1, 2])).status).toBe(400);
    expect(receive('payos', JSON.stringify({ data: 'x', signature: 'y' })).status).toBe(400);
    expect(receive('payos', JSON.stringify({ data: {}, signature: 'y' })).status).toBe(401);
  });

  it('is 400 with details for a genuine but malformed notification', () => {
    const body = payosBody();
    const withData = (patch: Record<string, unknown>) => payosReceive(resigned({ ...body, data: { ...body.data, ...patch } }));
    const { orderCode: _o, ...noOrderCode } = body.data;
    expectDetails(withData({ amount: 1.5 }), 'data.amount');
    expectDetails(withData({ amount: '1000' }), 'data.amount');
    expectDetails(withData({ amount: 0 }), 'data.amount');
    expectDetails(withData({ amount: -50_000 }), 'data.amount');
    expectDetails(withData({ amount: 2 ** 53 }), 'data.amount');
    expectDetails(withData({ amount: null }), 'data.amount');
    expectDetails(payosReceive(resigned({ ...body, data: noOrderCode })), 'data.orderCode');
    expectDetails(withData({ accountNumber: 1903666888 }), 'data.accountNumber');
    expectDetails(withData({ description: { text: 'x' } }), 'data.description');
    expectDetails(withData({ transactionDateTime: 'hôm qua' }), 'data.transactionDateTime');
    expectDetails(withData({ transactionDateTime: '2026-02-30 10:00:00' }), 'data.transactionDateTime');
    expectDetails(withData({ currency: 'USD' }), 'data.currency');
    const [detail] = expectDetails(withData({ amount: 1.5 }), 'data.amount');
    expect(detail).toEqual({ path: 'data.amount', message: 'Nhập một số không có phần lẻ, ví dụ 3.', messageEn: 'Enter a number with no fraction, for example 3.' });
  });
});

// ---------------------------------------------------------------------------------------
// SePay
// ---------------------------------------------------------------------------------------

/** `authorization: null` sends no header at all. */
const sepayReceive = (body: unknown, authorization: string | null = sepayAuthorization(SEPAY_KEY), raw?: string) =>
  receive('sepay', raw ?? JSON.stringify(body), authorization === null ? {} : { Authorization: authorization });

/** The example in SePay's webhook documentation. */
const SEPAY_DOC_BODY = {
  id: 92704,
  gateway: 'Vietcombank',
  transactionDate: '2023-03-25 14:02:37',
  accountNumber: '0123499999',
  code: null,
  content: 'chuyen tien mua iphone',
  transferType: 'in',
  transferAmount: 2277000,
  accumulated: 19077000,
  subAccount: null,
  referenceCode: 'MBVCB.3278907687',
  description: '',
};

describe('SePay', () => {
  it('turns a genuine notification into exactly one incoming transfer', () => {
    expect(transferOf(sepayReceive(SEPAY_DOC_BODY))).toEqual({
      provider: 'sepay',
      providerId: '92704',
      direction: 'in',
      amount: 2_277_000,
      memo: 'chuyen tien mua iphone',
      accountNumber: '0123499999',
      bankName: 'Vietcombank',
      bankReference: 'MBVCB.3278907687',
      occurredAt: '2023-03-25T07:02:37.000Z',
    } satisfies IncomingTransfer);
    const body = sampleSepayBody(SAMPLE);
    expect(transferOf(sepayReceive(body))).toEqual({
      provider: 'sepay',
      providerId: String(body.id),
      direction: 'in',
      amount: 50_000,
      memo: SAMPLE.memo,
      accountNumber: '1903666888',
      bankName: 'MBBank',
      bankReference: 'FT26073123456789',
      occurredAt: '2026-03-14T03:04:05.000Z',
    });
  });

  it('reports an outgoing transfer as direction out', () => {
    const t = transferOf(sepayReceive(sampleSepayBody({ ...SAMPLE, direction: 'out' })));
    expect(t.direction).toBe('out');
    expect(t.amount).toBe(50_000);
  });

  it('takes the memo from description when content is empty', () => {
    expect(transferOf(sepayReceive({ ...SEPAY_DOC_BODY, content: '', description: 'BankAPINotify K7PQ2RX4H' })).memo).toBe('BankAPINotify K7PQ2RX4H');
    expect(transferOf(sepayReceive({ ...SEPAY_DOC_BODY, content: null, description: 'K7PQ2RX4H' })).memo).toBe('K7PQ2RX4H');
  });

  it('reads the header whatever its case, from a record or a Headers object', () => {
    expect(sepayReceive(SEPAY_DOC_BODY, `apikey ${SEPAY_KEY}`).status).toBe(200);
    expect(receive('sepay', JSON.stringify(SEPAY_DOC_BODY), { AUTHORIZATION: `Apikey ${SEPAY_KEY}` }).status).toBe(200);
    expect(receive('sepay', JSON.stringify(SEPAY_DOC_BODY), new Headers({ authorization: `Apikey ${SEPAY_KEY}` })).status).toBe(200);
  });

  it('answers 401 to a missing header, another scheme, or a wrong key, before reading the body', () => {
    expect(sepayReceive(SEPAY_DOC_BODY, null).status).toBe(401);
    expect(sepayReceive(SEPAY_DOC_BODY, '').status).toBe(401);
    expect(sepayReceive(SEPAY_DOC_BODY, 'Apikey').status).toBe(401);
    expect(sepayReceive(SEPAY_DOC_BODY, 'Apikey ').status).toBe(401);
    expect(sepayReceive(SEPAY_DOC_BODY, `Bearer ${SEPAY_KEY}`).status).toBe(401);
    expect(sepayReceive(SEPAY_DOC_BODY, SEPAY_KEY).status).toBe(401);
    expect(sepayReceive(SEPAY_DOC_BODY, 'Apikey wrong-key').status).toBe(401);
    expect(sepayReceive(SEPAY_DOC_BODY, `Apikey ${SEPAY_KEY}x`).status).toBe(401);
    expect(sepayReceive(SEPAY_DOC_BODY, `Apikey ${SEPAY_KEY.slice(0, -1)}`).status).toBe(401);
    expect(receive('sepay', JSON.stringify(SEPAY_DOC_BODY), { authorization: 'Apikey ' }, { secret: '' }).status).toBe(401);
    expect(sepayReceive(undefined, 'Apikey wrong-key', 'not json').status).toBe(401);
  });

  it('answers 401 when any one character of the key changes', () => {
    for (let i = 0; i < SEPAY_KEY.length; i++) {
      const key = SEPAY_KEY.slice(0, i) + (SEPAY_KEY[i] === 'x' ? 'y' : 'x') + SEPAY_KEY.slice(i + 1);
      expect(sepayReceive(SEPAY_DOC_BODY, `Apikey ${key}`).status).toBe(401);
    }
  });

  it('is 400 with details for a genuine but malformed notification', () => {
    const { id: _id, ...noId } = SEPAY_DOC_BODY;
    expect(sepayReceive(undefined, undefined, '{"id": 1,').status).toBe(400);
    expect(expectDetails(sepayReceive(noId), 'id')).toEqual([{ path: 'id', message: 'Thiếu thông tin bắt buộc.', messageEn: 'This field is required.' }]);
    expect(expectDetails(sepayReceive({ ...SEPAY_DOC_BODY, transferAmount: '1000' }), 'transferAmount')).toEqual([
      { path: 'transferAmount', message: 'Cần nhập một số.', messageEn: 'Enter a number.' },
    ]);
    expectDetails(sepayReceive({ ...SEPAY_DOC_BODY, id: '92704' }), 'id');
    expectDetails(sepayReceive({ ...SEPAY_DOC_BODY, transferAmount: 1.5 }), 'transferAmount');
    expectDetails(sepayReceive({ ...SEPAY_DOC_BODY, transferAmount: '1000' }), 'transferAmount');
    expectDetails(sepayReceive({ ...SEPAY_DOC_BODY, transferAmount: 0 }), 'transferAmount');
    expectDetails(sepayReceive({ ...SEPAY_DOC_BODY, transferType: 'sideways' }), 'transferType');
    expectDetails(sepayReceive({ ...SEPAY_DOC_BODY, accountNumber: 123499999 }), 'accountNumber');
    expectDetails(sepayReceive({ ...SEPAY_DOC_BODY, transactionDate: 1679727757 }), 'transactionDate');
    expectDetails(sepayReceive({ ...SEPAY_DOC_BODY, content: undefined, description: undefined }), 'content');
    expectDetails(sepayReceive([SEPAY_DOC_BODY]), '');
  });
});

describe('SePay, HMAC-SHA256 method', () => {
  const HMAC_KEY = 'test-sepay-webhook-secret-0123456789';
  const body = JSON.stringify(sampleSepayBody({ ...SAMPLE, paymentCode: 'MCPAB3K7MX3' }));
  const hmacReceive = (raw: string, headers: HeadersInput, opts: { now?: Date; secret?: string } = {}) => receive('sepay', raw, headers, { secret: HMAC_KEY, method: 'hmac', ...opts });

  it('signs `<timestamp>.<raw body>` with HMAC-SHA256, hex, as sha256=<hex> (the construction to confirm with SePay)', () => {
    // Computed with `openssl dgst -sha256 -hmac`, independently of the code.
    expect(sepaySignature('sepay-webhook-secret-example', '1773457445', '{"id":92704,"content":"MCPAB3K7MX3"}')).toBe(
      'sha256=c17b0e9205a99f046d4ed170cf2b9bc78b83ca8894c9d6e46e117aa06221d9f4',
    );
    expect(sepayHmacHeaders(body, HMAC_KEY, NOW)).toEqual({ 'x-sepay-timestamp': String(NOW.getTime() / 1000), 'x-sepay-signature': sepaySignature(HMAC_KEY, String(NOW.getTime() / 1000), body) });
  });

  it("turns a genuine signed notification into one transfer, with SePay's payment code", () => {
    const t = transferOf(hmacReceive(body, sepayHmacHeaders(body, HMAC_KEY, NOW)));
    expect(t).toMatchObject({ provider: 'sepay', amount: 50_000, memo: SAMPLE.memo, paymentCode: 'MCPAB3K7MX3', accountNumber: '1903666888' });
    // Headers in any case, the hex in upper case.
    const h = sepayHmacHeaders(body, HMAC_KEY, NOW);
    expect(hmacReceive(body, { 'X-SePay-Timestamp': h['x-sepay-timestamp']!, 'X-SEPAY-SIGNATURE': `SHA256=${h['x-sepay-signature']!.slice(7).toUpperCase()}` }).status).toBe(200);
    expect(hmacReceive(body, new Headers(h)).status).toBe(200);
    // No code: none in the transfer.
    const plain = JSON.stringify(sampleSepayBody(SAMPLE));
    expect(transferOf(hmacReceive(plain, sepayHmacHeaders(plain, HMAC_KEY, NOW))).paymentCode).toBeUndefined();
  });

  it('accepts a timestamp up to 5 minutes from now either way, and refuses one a second beyond', () => {
    for (const offset of [-SEPAY_TOLERANCE_MS, SEPAY_TOLERANCE_MS, 0]) {
      expect(hmacReceive(body, sepayHmacHeaders(body, HMAC_KEY, new Date(NOW.getTime() + offset))).status, String(offset)).toBe(200);
    }
    for (const offset of [-SEPAY_TOLERANCE_MS - 1000, SEPAY_TOLERANCE_MS + 1000, -86_400_000]) {
      expect(hmacReceive(body, sepayHmacHeaders(body, HMAC_KEY, new Date(NOW.getTime() + offset))).status, String(offset)).toBe(401);
    }
  });

  it('answers 401 to a missing or unreadable header, the other method, or no secret configured', () => {
    const h = sepayHmacHeaders(body, HMAC_KEY, NOW);
    const cases: HeadersInput[] = [
      {},
      { 'x-sepay-timestamp': h['x-sepay-timestamp']! },
      { 'x-sepay-signature': h['x-sepay-signature']! },
      { ...h, 'x-sepay-timestamp': '' },
      { ...h, 'x-sepay-timestamp': 'yesterday' },
      { ...h, 'x-sepay-timestamp': `${h['x-sepay-timestamp']}.5` },
      { ...h, 'x-sepay-signature': h['x-sepay-signature']!.slice(7) },
      { ...h, 'x-sepay-signature': `sha512=${h['x-sepay-signature']!.slice(7)}` },
      { ...h, 'x-sepay-signature': h['x-sepay-signature']!.slice(0, -1) },
      { authorization: sepayAuthorization(HMAC_KEY) },
    ];
    for (const headers of cases) expect(hmacReceive(body, headers).status, JSON.stringify(headers)).toBe(401);
    expect(hmacReceive(body, h, { secret: '' }).status).toBe(401);
    // The API-key method does not take an HMAC signature, even a good one.
    expect(receive('sepay', body, h, { secret: HMAC_KEY, method: 'apikey' }).status).toBe(401);
  });

  it('answers 401 when any one character of the secret changes, and when any character of the body does', () => {
    const h = sepayHmacHeaders(body, HMAC_KEY, NOW);
    for (let i = 0; i < HMAC_KEY.length; i++) {
      const key = HMAC_KEY.slice(0, i) + (HMAC_KEY[i] === 'x' ? 'y' : 'x') + HMAC_KEY.slice(i + 1);
      expect(hmacReceive(body, h, { secret: key }).status).toBe(401);
    }
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom('replace', 'insert', 'delete'), fc.string({ minLength: 1, maxLength: 1 }), (position, kind, char) => {
        const at = position % body.length;
        const mutated = kind === 'insert' ? body.slice(0, at) + char + body.slice(at) : body.slice(0, at) + (kind === 'replace' ? char : '') + body.slice(at + 1);
        fc.pre(mutated !== body);
        // Signed over the raw bytes: even whitespace that changes no value is refused.
        expect(hmacReceive(mutated, h).status).toBe(401);
      }),
      { numRuns: 1000 },
    );
  });

  it('is 400 with details for a genuine signed notification that is malformed', () => {
    const raw = JSON.stringify({ ...SEPAY_DOC_BODY, transferAmount: 1.5 });
    expectDetails(hmacReceive(raw, sepayHmacHeaders(raw, HMAC_KEY, NOW)), 'transferAmount');
    expect(hmacReceive('{"id": 1,', sepayHmacHeaders('{"id": 1,', HMAC_KEY, NOW)).status).toBe(400);
  });

  it('signedNotification sends either method, as asked', () => {
    const sample = { ...SAMPLE, paymentCode: 'MCPAB3K7MX3' };
    const viaKey = signedNotification('sepay', sample, SEPAY_KEY, NOW);
    expect(viaKey.headers.authorization).toBe(sepayAuthorization(SEPAY_KEY));
    expect(receive('sepay', viaKey.body, viaKey.headers).status).toBe(200);
    const viaHmac = signedNotification('sepay', sample, HMAC_KEY, NOW, 'hmac');
    expect(viaHmac.headers.authorization).toBeUndefined();
    expect(transferOf(hmacReceive(viaHmac.body, viaHmac.headers)).paymentCode).toBe('MCPAB3K7MX3');
  });
});

// ---------------------------------------------------------------------------------------
// Casso
// ---------------------------------------------------------------------------------------

const cassoHeaders = (body: unknown, at = NOW.getTime(), key = CASSO_KEY) => ({ 'X-Casso-Signature': cassoSignatureHeader(body, key, at) });
const cassoReceive = (body: unknown, headers: HeadersInput = cassoHeaders(body), now = NOW) => receive('casso', JSON.stringify(body), headers, { now });

/** Casso's published v2 example: body, checksum key and the header it sent. */
const CASSO_EXAMPLE = {
  body: {
    error: 0,
    data: {
      id: 0,
      reference: 'MA_GIAO_DICH_THU_NGHIEM',
      description: 'giao dich thu nghiem',
      amount: 599000,
      runningBalance: 25000000,
      transactionDateTime: '2024-10-03 15:06:37',
      accountNumber: '88888888',
      bankName: 'VPBank',
      bankAbbreviation: 'VPB',
      virtualAccountNumber: '',
      virtualAccountName: '',
      counterAccountName: 'NGUYEN VAN A',
      counterAccountNumber: '8888888888',
      counterAccountBankId: '970415',
      counterAccountBankName: 'VietinBank',
    },
  },
  key: 'mgExMrjj4i7a1p8Cs6LmFbpCd8lbw4sSX4LZXPag7TKazeIogtR90tvWYTkwQbvs',
  header: 't=1727948258788,v1=ed0a4bd2e826d5cb69988cdb141e6c1a080e21f3b57eb72cd78192220042b9e7dde0868fc667faea8e224900fa7904e7c88dfa098032fb2d6b6996856e8b7ff3',
  at: 1727948258788,
};

describe('Casso', () => {
  it('verifies Casso’s own published example and turns it into one transfer', () => {
    const { body, key, header, at } = CASSO_EXAMPLE;
    expect(cassoSignatureHeader(body, key, at)).toBe(header);
    const outcome = receive('casso', JSON.stringify(body), { 'x-casso-signature': header }, { now: new Date(at + 2000), secret: key });
    expect(transferOf(outcome)).toEqual({
      provider: 'casso',
      providerId: '0',
      direction: 'in',
      amount: 599_000,
      memo: 'giao dich thu nghiem',
      accountNumber: '88888888',
      bankName: 'VPBank',
      bankReference: 'MA_GIAO_DICH_THU_NGHIEM',
      occurredAt: '2024-10-03T08:06:37.000Z',
      counterAccount: { name: 'NGUYEN VAN A', number: '8888888888', bankName: 'VietinBank' },
    } satisfies IncomingTransfer);
  });

  it('turns a genuine sample notification into exactly one incoming transfer', () => {
    const body = sampleCassoBody(SAMPLE);
    expect(transferOf(cassoReceive(body))).toEqual({
      provider: 'casso',
      providerId: String(body.data.id),
      direction: 'in',
      amount: 50_000,
      memo: SAMPLE.memo,
      accountNumber: '1903666888',
      bankName: 'MBBank',
      bankReference: 'FT26073123456789',
      occurredAt: '2026-03-14T03:04:05.000Z',
      counterAccount: { name: 'NGUYEN VAN AN', number: '0011004123456', bankName: 'Vietcombank' },
    });
  });

  it('signs the body, not its spelling: key order and spacing of the JSON do not matter', () => {
    const body = sampleCassoBody(SAMPLE);
    const reordered = `{ "data": ${JSON.stringify(Object.fromEntries(Object.entries(body.data).reverse()), null, 2)}, "error": 0 }`;
    expect(receive('casso', reordered, cassoHeaders(body)).status).toBe(200);
  });

  it('reports a negative amount as money out, with the amount made positive', () => {
    const body = sampleCassoBody({ ...SAMPLE, direction: 'out' });
    expect(body.data.amount).toBe(-50_000);
    const t = transferOf(cassoReceive(body));
    expect(t.direction).toBe('out');
    expect(t.amount).toBe(50_000);
  });

  it('refuses a timestamp more than five minutes from now, either way', () => {
    const body = sampleCassoBody(SAMPLE);
    const now = NOW.getTime();
    expect(cassoReceive(body, cassoHeaders(body, now - CASSO_TOLERANCE_MS - 1000)).status).toBe(401);
    expect(cassoReceive(body, cassoHeaders(body, now + CASSO_TOLERANCE_MS + 1000)).status).toBe(401);
    expect(cassoReceive(body, cassoHeaders(body, now - CASSO_TOLERANCE_MS)).status).toBe(200);
    expect(cassoReceive(body, cassoHeaders(body, now - CASSO_TOLERANCE_MS + 1000)).status).toBe(200);
    expect(cassoReceive(body, cassoHeaders(body, now + 30_000)).status).toBe(200);
    expect(cassoReceive(body, cassoHeaders(body, now)).status).toBe(200);
  });

  it('refuses a captured header whose timestamp was edited to look fresh', () => {
    const body = sampleCassoBody(SAMPLE);
    const old = cassoSignatureHeader(body, CASSO_KEY, NOW.getTime() - 60 * 60 * 1000);
    const edited = old.replace(/^t=\d+/, `t=${NOW.getTime()}`);
    expect(cassoReceive(body, { 'x-casso-signature': edited }).status).toBe(401);
  });

  it('answers 401 to a missing or unreadable header, a wrong key, or a signature of another body', () => {
    const body = sampleCassoBody(SAMPLE);
    const header = cassoSignatureHeader(body, CASSO_KEY, NOW.getTime());
    expect(cassoReceive(body, {}).status).toBe(401);
    expect(cassoReceive(body, { 'x-casso-signature': '' }).status).toBe(401);
    expect(cassoReceive(body, { 'x-casso-signature': header.replace(/,v1=.*/, '') }).status).toBe(401);
    expect(cassoReceive(body, { 'x-casso-signature': header.replace(/^t=\d+,/, '') }).status).toBe(401);
    expect(cassoReceive(body, { 'x-casso-signature': header.replace('t=', 't=abc') }).status).toBe(401);
    expect(cassoReceive(body, { 'x-casso-signature': header.toUpperCase() }).status).toBe(401);
    expect(cassoReceive(body, cassoHeaders(body, NOW.getTime(), 'another-secret')).status).toBe(401);
    expect(receive('casso', JSON.stringify(body), { 'x-casso-signature': header }, { secret: '' }).status).toBe(401);
    const other = sampleCassoBody({ ...SAMPLE, amount: 500_000 });
    expect(cassoReceive(other, { 'x-casso-signature': header }).status).toBe(401);
    expect(receive('casso', 'not json', {}).status).toBe(401); // verification first
  });

  it('answers 401 when any one character of the signed body or of the signature changes', () => {
    const body = sampleCassoBody(SAMPLE);
    const raw = JSON.stringify(body);
    const headers = cassoHeaders(body);
    for (let i = 0; i < raw.length; i++) {
      const flipped = raw.slice(0, i) + (raw[i] === 'x' ? 'y' : 'x') + raw.slice(i + 1);
      expect([400, 401], `position ${i}`).toContain(receive('casso', flipped, headers).status);
    }
    const header = headers['X-Casso-Signature'];
    const v1At = header.indexOf('v1=') + 3;
    for (let i = v1At; i < header.length; i++) {
      const flipped = header.slice(0, i) + (header[i] === 'a' ? 'b' : 'a') + header.slice(i + 1);
      expect(cassoReceive(body, { 'x-casso-signature': flipped }).status).toBe(401);
    }
  });

  it('is 400 with details for a genuine but malformed notification', () => {
    const body = sampleCassoBody(SAMPLE);
    const withData = (patch: Record<string, unknown>) => {
      const changed = { ...body, data: { ...body.data, ...patch } };
      return cassoReceive(changed);
    };
    const { id: _id, ...noId } = body.data;
    expect(receive('casso', '{"error":0,', cassoHeaders({})).status).toBe(400);
    expectDetails(cassoReceive({ ...body, data: noId }), 'data.id');
    expectDetails(withData({ id: 'abc' }), 'data.id');
    expectDetails(withData({ amount: 1.5 }), 'data.amount');
    expectDetails(withData({ amount: '1000' }), 'data.amount');
    expectDetails(withData({ amount: 0 }), 'data.amount');
    expectDetails(withData({ description: 42 }), 'data.description');
    expectDetails(withData({ transactionDateTime: '03/10/2024 15:06' }), 'data.transactionDateTime');
    expectDetails(cassoReceive({ error: 0, data: [body.data] }), 'data');
    expectDetails(cassoReceive({ error: 0 }), 'data');
  });
});

// ---------------------------------------------------------------------------------------
// All three
// ---------------------------------------------------------------------------------------

describe('every provider', () => {
  const providers: Provider[] = ['payos', 'sepay', 'casso'];

  it('accepts what signedNotification sends (what `npm run pay` posts) and answers success', () => {
    for (const provider of providers) {
      const { body, headers } = signedNotification(provider, SAMPLE, SECRETS[provider], NOW);
      expect(headers['content-type']).toBe('application/json');
      const t = transferOf(receive(provider, body, headers));
      expect(t).toMatchObject({ provider, direction: 'in', amount: 50_000, memo: SAMPLE.memo, accountNumber: '1903666888', occurredAt: '2026-03-14T03:04:05.000Z' });
      // The same sample resends the same transfer: a duplicate by provider + providerId.
      expect(transferOf(receive(provider, signedNotification(provider, SAMPLE, SECRETS[provider], NOW).body, headers)).providerId).toBe(t.providerId);
      expect(ADAPTERS[provider].success()).toEqual({ success: true });
      expect(ADAPTERS[provider].provider).toBe(provider);
    }
  });

  it('never verifies a random mutation of the signed content (property)', () => {
    const original = Object.fromEntries(providers.map((p) => [p, signedNotification(p, SAMPLE, SECRETS[p], NOW)])) as Record<Provider, { body: string; headers: Record<string, string> }>;
    // What each signature covers: payOS's `data`, Casso's whole body, SePay's key (its body is not signed).
    const covered = (p: Provider): { text: string; from: number; to: number } => {
      const o = original[p];
      if (p === 'payos') return { text: o.body, from: o.body.indexOf('"data":{') + 7, to: o.body.indexOf(',"signature"') };
      if (p === 'casso') return { text: o.body, from: 0, to: o.body.length };
      const auth = o.headers.authorization!;
      return { text: auth, from: 'Apikey '.length, to: auth.length };
    };
    const mutation = fc.record({
      provider: fc.constantFrom(...providers),
      position: fc.nat(),
      kind: fc.constantFrom('replace', 'insert', 'delete'),
      char: fc.oneof(fc.string({ minLength: 1, maxLength: 1 }), fc.constantFrom('0', '1', '9', '"', ' ', '&', '=', '\\', 'é', 'ạ')),
    });
    fc.assert(
      fc.property(mutation, ({ provider, position, kind, char }) => {
        const { text, from, to } = covered(provider);
        const at = from + (position % (to - from));
        const mutated = kind === 'insert' ? text.slice(0, at) + char + text.slice(at) : text.slice(0, at) + (kind === 'replace' ? char : '') + text.slice(at + 1);
        fc.pre(mutated !== text);
        const o = original[provider];
        const outcome = provider === 'sepay' ? receive(provider, o.body, { ...o.headers, authorization: mutated }) : receive(provider, mutated, o.headers);
        // Whitespace changes no value (Casso signs the parsed body; a header's spacing is not the key), so it may verify;
        // so may a number written another way that JSON reads as the same value ("-0" for "0").
        if (outcome.status === 200) {
          if (provider === 'sepay') expect(mutated.replace(/\s+/g, ' ')).toBe(text);
          else expect(JSON.stringify(JSON.parse(mutated))).toBe(JSON.stringify(JSON.parse(text)));
          return;
        }
        expect([400, 401]).toContain(outcome.status);
        if (outcome.status === 400 && !('details' in outcome && outcome.details)) expect(() => JSON.parse(mutated)).toThrow();
      }),
      { numRuns: 3000 },
    );
  });

  it('compares every signature and key through the constant-time helpers (see the note at the top)', () => {
    const source = (name: string) => readFileSync(new URL(`../../functions/webhooks/providers/${name}.ts`, import.meta.url), 'utf8');
    expect(source('common')).toMatch(/timingSafeEqual\(a, b\)/);
    expect(source('payos')).toMatch(/sameDigest\(expected, body\.signature\)/);
    expect(source('casso')).toMatch(/sameDigest\(cassoDigest\(/);
    expect(source('sepay')).toMatch(/sameSecret\(secret, /);
    expect(source('sepay')).toMatch(/sameDigest\(sepaySignature\(/);
  });
});

describe('Vietnam time', () => {
  it('turns the providers’ wall-clock time (UTC+7) into ISO UTC and back', () => {
    expect(vietnamTimeToIso('2024-01-01 00:30:00')).toBe('2023-12-31T17:30:00.000Z');
    expect(vietnamTimeToIso('2026-03-14 10:04:05')).toBe(AT.toISOString());
    expect(vietnamLocalTime(AT)).toBe('2026-03-14 10:04:05');
    for (const bad of ['2024-02-30 10:00:00', '2024-13-01 00:00:00', '2024-01-01 24:00:00', '2024-01-01', '2024-01-01 10:00:00+07:00', '']) expect(vietnamTimeToIso(bad)).toBeUndefined();
    fc.assert(fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
      const second = new Date(Math.floor(d.getTime() / 1000) * 1000);
      expect(vietnamTimeToIso(vietnamLocalTime(second))).toBe(second.toISOString());
    }));
  });
});
