import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { CompactSign, SignJWT, exportPKCS8, generateKeyPair, type JSONWebKeySet } from 'jose';
import QRCode from 'qrcode';
import { AGENCIES } from '../../shared/catalogue';
import { buildReceiptContent, canonicalReceiptJson, type ReceiptContent } from '../../shared/receipt';
import { ConfigError } from '../../functions/lib/platform/config';
import {
  DEV_RECEIPT_KEY_ID,
  RECEIPT_JWS_TYPE,
  devReceiptKeys,
  devReceiptPrivateKeyPem,
  loadReceiptKeys,
  receiptKeysFrom,
  signReceipt,
  verifyReceiptToken,
  verifyUrlFor,
  type ReceiptKeys,
} from '../../functions/lib/receipts/signing';
import { procedureWithFee } from '../support/fixtures';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// Set RECEIPT_TAMPER_EXHAUSTIVE=1 to try all 63 other characters at every position of the
// payload too (about 70,000 verifications, half a minute on a small machine).
const EXHAUSTIVE = process.env.RECEIPT_TAMPER_EXHAUSTIVE === '1';

const agency = AGENCIES.find((a) => a.id === 'xa-giong-trom')!;

function receipt(overrides: { feeName?: string; amount?: number; number?: number } = {}): ReceiptContent {
  return buildReceiptContent({
    order: {
      id: 'K7P3QX9R',
      reference: 'K7P3QX9R',
      procedureCode: '2.000815',
      procedureName: overrides.feeName ?? 'Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ)',
      amount: overrides.amount ?? 25_000,
      payer: { name: 'Nguyễn Thị Hồng Nhung' },
    },
    agency,
    number: overrides.number ?? 42,
    issuedAt: new Date('2026-07-15T03:04:05.000Z'),
    paymentMethod: 'bank_transfer',
    collector: { username: 'clerk', displayName: 'Trần Văn Bình' },
  });
}

async function freshKeys(kid: string, previousPublicKeys?: JSONWebKeySet): Promise<ReceiptKeys> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return receiptKeysFrom({ kid, privateKeyPem: await exportPKCS8(privateKey), ...(previousPublicKeys ? { previousPublicKeys } : {}) });
}

function b64(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

function replaceAt(token: string, i: number, c: string): string {
  return token.slice(0, i) + c + token.slice(i + 1);
}

let keys: ReceiptKeys;
let content: ReceiptContent;
let token: string;

beforeAll(async () => {
  keys = await devReceiptKeys();
  content = receipt();
  token = await signReceipt(content, keys);
});

describe('a genuine receipt', () => {
  it('verifies and gives back exactly the content that was signed', async () => {
    const result = await verifyReceiptToken(token, keys);
    expect(result).toEqual({ ok: true, content, kid: DEV_RECEIPT_KEY_ID });
    if (!result.ok) return;
    expect(canonicalReceiptJson(result.content)).toBe(canonicalReceiptJson(content));
  });

  it('is a compact JWS with header {alg: EdDSA, kid, typ: receipt+jws} over the canonical JSON', () => {
    const [header, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'EdDSA', kid: DEV_RECEIPT_KEY_ID, typ: RECEIPT_JWS_TYPE });
    expect(Buffer.from(payload!, 'base64url').toString('utf8')).toBe(canonicalReceiptJson(content));
    expect(Buffer.from(signature!, 'base64url')).toHaveLength(64);
  });

  it('leaves verifyUrl out of what is signed (the URL holds the token) and out of what verification returns', async () => {
    const withUrl = { ...content, verifyUrl: verifyUrlFor(token) };
    const again = await signReceipt(withUrl, keys);
    expect(again).toBe(token); // Ed25519 is deterministic: same bytes, same signature
    const result = await verifyReceiptToken(again, keys);
    expect(result.ok && result.content).toEqual(content);
  });

  it('links to the verification route with the token as it is', () => {
    expect(verifyUrlFor(token)).toBe(`/api/receipts/verify?token=${token}`);
    expect(new URL(verifyUrlFor(token), 'https://example.gov.vn').searchParams.get('token')).toBe(token);
  });

  it('is short enough for a QR code, even with the longest fee name of the catalogue', async () => {
    // A fee name of 95 characters (the catalogue's names average about 75) and the
    // certified-copy name (266 characters, the longest, and one of the most used). Measured:
    // 1,084 and about 1,390 characters; QR versions 28 (ECC M) and 27 (ECC L) for a full URL.
    const typical = await signReceipt(content, keys);
    const longest = await signReceipt(receipt({ feeName: procedureWithFee('tiered').name }), keys);
    expect(typical.length).toBeLessThan(1100);
    expect(longest.length).toBeLessThan(1600);
    const url = `https://motcua.example.gov.vn${verifyUrlFor(longest)}`;
    expect(QRCode.create(url, { errorCorrectionLevel: 'L' }).version).toBeLessThanOrEqual(28);
    expect(QRCode.create(`https://motcua.example.gov.vn${verifyUrlFor(typical)}`, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(28);
  });

  it('refuses to sign content that is not a valid receipt', async () => {
    await expect(signReceipt({ ...content, amountInWords: 'Một triệu đồng' }, keys)).rejects.toThrow(RangeError);
    await expect(signReceipt({ ...content, number: 0 }, keys)).rejects.toThrow(RangeError);
  });
});

describe('a receipt altered by one character', () => {
  const segments = () => {
    const firstDot = token.indexOf('.');
    const secondDot = token.indexOf('.', firstDot + 1);
    return { firstDot, secondDot };
  };

  async function expectAllRejected(alterations: Array<[number, string]>): Promise<void> {
    // In batches: verification is asynchronous and the batches keep the thread pool busy.
    for (let start = 0; start < alterations.length; start += 256) {
      const batch = alterations.slice(start, start + 256);
      const results = await Promise.all(batch.map(([i, c]) => verifyReceiptToken(replaceAt(token, i, c), keys)));
      results.forEach((result, k) => {
        if (result.ok) expect.fail(`position ${batch[k]![0]} changed to "${batch[k]![1]}" still verifies`);
      });
    }
  }

  function everyOther(i: number): Array<[number, string]> {
    return [...BASE64URL].filter((c) => c !== token[i]).map((c) => [i, c]);
  }

  it('fails for every other character at every position of the header, both dots and the signature', async () => {
    const { firstDot, secondDot } = segments();
    const positions = [
      ...Array.from({ length: firstDot + 1 }, (_, i) => i), // header and first dot
      ...Array.from({ length: token.length - secondDot }, (_, i) => secondDot + i), // second dot and signature
      secondDot - 2, // the last two characters of the payload carry its padding bits
      secondDot - 1,
    ];
    const alterations = positions.flatMap(everyOther);
    // 63 other characters where a base64url one stands, all 64 where a dot does.
    expect(alterations.length).toBe(positions.length * 63 + 2);
    await expectAllRejected(alterations);
  });

  it('fails at every position of the payload (two characters each; all 63 with RECEIPT_TAMPER_EXHAUSTIVE=1)', async () => {
    const { firstDot, secondDot } = segments();
    const alterations: Array<[number, string]> = [];
    for (let i = firstDot + 1; i < secondDot; i++) {
      if (EXHAUSTIVE) {
        alterations.push(...everyOther(i));
      } else {
        // Flip the lowest bit and the highest bit of the character's 6-bit value.
        const v = BASE64URL.indexOf(token[i]!);
        alterations.push([i, BASE64URL[v ^ 1]!], [i, BASE64URL[v ^ 32]!]);
      }
    }
    await expectAllRejected(alterations);
  }, EXHAUSTIVE ? 600_000 : undefined);

  it('fails for any character at any position (sampled)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: token.length - 1 }), fc.constantFrom(...BASE64URL), async (i, c) => {
        fc.pre(token[i] !== c);
        return !(await verifyReceiptToken(replaceAt(token, i, c), keys)).ok;
      }),
      { numRuns: 300 },
    );
  });

  it('fails even where base64url padding bits decode the altered text to the very same bytes', async () => {
    // A segment whose length is not a multiple of 4 ends in a character with unused low
    // bits. A JWS signs the header and payload as written, so their spelling is covered;
    // the signature's spelling is not, and 15 other spellings of its last character decode
    // to the same 64 bytes (jose alone accepts them). verifyReceiptToken refuses any
    // base64url that is not in canonical form, so these fail as 'malformed'.
    const sameBytes: Array<[number, string]> = [];
    const parts = token.split('.');
    let offset = 0;
    for (const part of parts) {
      const bytes = Buffer.from(part, 'base64url');
      for (let j = 0; j < part.length; j++) {
        for (const c of BASE64URL) {
          if (c !== part[j] && Buffer.from(replaceAt(part, j, c), 'base64url').equals(bytes)) sameBytes.push([offset + j, c]);
        }
      }
      offset += part.length + 1;
    }
    const signatureLast = token.length - 1;
    expect(sameBytes.filter(([i]) => i === signatureLast)).toHaveLength(15); // 86 characters for 64 bytes: 4 spare bits
    for (const [i, c] of sameBytes) {
      expect(await verifyReceiptToken(replaceAt(token, i, c), keys)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});

describe('tokens that are not ours', () => {
  it('fails for a receipt signed by another key, under our kid or its own', async () => {
    const other = await freshKeys(DEV_RECEIPT_KEY_ID);
    expect(await verifyReceiptToken(await signReceipt(content, other), keys)).toEqual({ ok: false, reason: 'bad_signature' });
    const stranger = await freshKeys('receipt-2026-1');
    expect(await verifyReceiptToken(await signReceipt(content, stranger), keys)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('fails for alg none, with or without a signature', async () => {
    const payload = token.split('.')[1]!;
    const header = b64({ alg: 'none', kid: DEV_RECEIPT_KEY_ID, typ: RECEIPT_JWS_TYPE });
    expect((await verifyReceiptToken(`${header}.${payload}.`, keys)).ok).toBe(false);
    expect(await verifyReceiptToken(`${header}.${payload}.${token.split('.')[2]}`, keys)).toEqual({ ok: false, reason: 'unsupported_header' });
    expect((await verifyReceiptToken(`${b64({ alg: 'none' })}.${payload}.`, keys)).ok).toBe(false);
  });

  it('fails for an HMAC token keyed with our public key (algorithm confusion)', async () => {
    const x = keys.jwks.keys[0]!.x!;
    const forged = await new CompactSign(Buffer.from(canonicalReceiptJson(content)))
      .setProtectedHeader({ alg: 'HS256', kid: DEV_RECEIPT_KEY_ID, typ: RECEIPT_JWS_TYPE })
      .sign(new TextEncoder().encode(x));
    expect(await verifyReceiptToken(forged, keys)).toEqual({ ok: false, reason: 'unsupported_header' });
  });

  it('fails for a header with anything more or other than alg, kid and typ', async () => {
    const sign = (header: Record<string, unknown>) =>
      new CompactSign(Buffer.from(canonicalReceiptJson(content))).setProtectedHeader({ alg: 'EdDSA', ...header }).sign(keys.privateKey);
    for (const header of [
      { kid: DEV_RECEIPT_KEY_ID }, // no typ
      { kid: DEV_RECEIPT_KEY_ID, typ: 'JWT' },
      { kid: DEV_RECEIPT_KEY_ID, typ: RECEIPT_JWS_TYPE, jwk: keys.jwks.keys[0] },
      { kid: DEV_RECEIPT_KEY_ID, typ: RECEIPT_JWS_TYPE, x5u: 'https://attacker.example/keys' },
      { typ: RECEIPT_JWS_TYPE }, // no kid
    ]) {
      expect(await verifyReceiptToken(await sign(header), keys), JSON.stringify(header)).toEqual({ ok: false, reason: 'unsupported_header' });
    }
  });

  it('fails for a staff login token signed with the same key', async () => {
    const jwt = await new SignJWT({ sub: 'clerk', role: 'admin' }).setProtectedHeader({ alg: 'EdDSA', kid: DEV_RECEIPT_KEY_ID }).sign(keys.privateKey);
    expect((await verifyReceiptToken(jwt, keys)).ok).toBe(false);
  });

  it('fails for a genuinely signed payload that is not a canonical, valid receipt', async () => {
    const sign = (payload: string) =>
      new CompactSign(Buffer.from(payload)).setProtectedHeader({ alg: 'EdDSA', kid: DEV_RECEIPT_KEY_ID, typ: RECEIPT_JWS_TYPE }).sign(keys.privateKey);
    const wrongWords = canonicalReceiptJson({ ...content, amount: 2_500_000 });
    const extraField = canonicalReceiptJson({ ...content, refund: 0 } as ReceiptContent);
    for (const payload of [
      JSON.stringify(content), // valid, but not in canonical key order
      JSON.stringify(JSON.parse(canonicalReceiptJson(content)), null, 1),
      wrongWords,
      extraField,
      canonicalReceiptJson({ ...content, verifyUrl: '/elsewhere' } as ReceiptContent).replace('{', '{"verifyUrl":"/elsewhere",'),
      'null',
      '[]',
      'not json',
    ]) {
      expect(await verifyReceiptToken(await sign(payload), keys), payload.slice(0, 40)).toEqual({ ok: false, reason: 'invalid_content' });
    }
  });

  it('answers malformed input without throwing', async () => {
    for (const bad of [undefined, null, 42, {}, '', '.', '..', 'a.b', 'a.b.c.d', `${token}.`, `${token} `, token.replace('.', '+'), 'x'.repeat(5000)]) {
      expect(await verifyReceiptToken(bad, keys), String(bad).slice(0, 20)).toEqual({ ok: false, reason: 'malformed' });
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (s) => !(await verifyReceiptToken(s, keys)).ok),
      { numRuns: 300 },
    );
  });
});

describe('key rotation', () => {
  it('verifies receipts of a retired key listed among the previous public keys, and signs with the new one', async () => {
    const old = await freshKeys('receipt-2026-1');
    const oldToken = await signReceipt(content, old);
    const current = await freshKeys('receipt-2027-1', { keys: old.jwks.keys });
    const newToken = await signReceipt(receipt({ number: 1 }), current);

    expect(JSON.parse(Buffer.from(newToken.split('.')[0]!, 'base64url').toString()).kid).toBe('receipt-2027-1');
    expect(await verifyReceiptToken(oldToken, current)).toEqual({ ok: true, content, kid: 'receipt-2026-1' });
    expect((await verifyReceiptToken(newToken, current)).ok).toBe(true);
    expect(current.jwks.keys.map((k) => k.kid)).toEqual(['receipt-2027-1', 'receipt-2026-1']);
    expect(current.jwks.keys.every((k) => !('d' in k))).toBe(true);

    // Once the old key is dropped from the list, its receipts no longer verify.
    const withoutOld = await freshKeys('receipt-2027-1');
    expect(await verifyReceiptToken(oldToken, withoutOld)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('does not let a previous key that is listed under another kid verify a receipt it did not sign', async () => {
    const old = await freshKeys('receipt-2026-1');
    const other = await freshKeys('receipt-2026-2');
    const current = await freshKeys('receipt-2027-1', { keys: [...old.jwks.keys, ...other.jwks.keys] });
    // Signed by receipt-2026-2, relabelled as receipt-2026-1.
    const [, payload, signature] = (await signReceipt(content, other)).split('.');
    const relabelled = `${b64({ alg: 'EdDSA', kid: 'receipt-2026-1', typ: RECEIPT_JWS_TYPE })}.${payload}.${signature}`;
    expect(await verifyReceiptToken(relabelled, current)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});

describe('keys from configuration', () => {
  it('derives the development key from the documented seed: Ed25519 private key = SHA-256(seed)', async () => {
    const viaNode = createPublicKey(createPrivateKey(devReceiptPrivateKeyPem())).export({ format: 'jwk' });
    expect(viaNode).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(keys.jwks.keys[0]).toMatchObject({ kid: DEV_RECEIPT_KEY_ID, x: viaNode.x });
    // Pinned, so a change of seed or encoding (which would orphan every dev receipt) is noticed.
    expect(viaNode.x).toBe('4up8d-JUM0mKgEvOqcHzl19QNYpqrCRTNQ0vkAVWfV4');
  });

  it('uses the development key in development when no key is configured', async () => {
    const loaded = await loadReceiptKeys({ NODE_ENV: 'development' });
    expect(loaded.kid).toBe(DEV_RECEIPT_KEY_ID);
    expect((await verifyReceiptToken(token, loaded)).ok).toBe(true);
  });

  it('refuses to start in production without a key, with the dev key, or with the dev kid', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const real = await exportPKCS8(privateKey);
    const devPublic = JSON.stringify({ keys: [{ ...keys.jwks.keys[0], kid: 'receipt-old' }] });
    for (const env of [
      { NODE_ENV: 'production' },
      { NODE_ENV: 'production', RECEIPT_PRIVATE_KEY: real },
      { NODE_ENV: 'production', RECEIPT_PRIVATE_KEY: devReceiptPrivateKeyPem(), RECEIPT_KEY_ID: 'receipt-2026-1' },
      { NODE_ENV: 'production', RECEIPT_PRIVATE_KEY: real, RECEIPT_KEY_ID: DEV_RECEIPT_KEY_ID },
      { NODE_ENV: 'production', RECEIPT_PRIVATE_KEY: real, RECEIPT_KEY_ID: 'receipt-2026-1', RECEIPT_PREVIOUS_PUBLIC_KEYS: devPublic },
    ]) {
      await expect(loadReceiptKeys(env), JSON.stringify(Object.keys(env))).rejects.toThrow(ConfigError);
    }
  });

  it('loads a real key in production, with "\\n" escapes, and the previous public keys', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const old = await freshKeys('receipt-2026-1');
    const loaded = await loadReceiptKeys({
      NODE_ENV: 'production',
      RECEIPT_PRIVATE_KEY: (await exportPKCS8(privateKey)).replace(/\n/g, '\\n'),
      RECEIPT_KEY_ID: 'receipt-2027-1',
      RECEIPT_PREVIOUS_PUBLIC_KEYS: JSON.stringify(old.jwks),
    });
    expect(loaded.kid).toBe('receipt-2027-1');
    expect([...loaded.publicKeys.keys()]).toEqual(['receipt-2027-1', 'receipt-2026-1']);
    expect((await verifyReceiptToken(await signReceipt(content, old), loaded)).ok).toBe(true);
    expect((await verifyReceiptToken(token, loaded)).ok).toBe(false); // dev receipts are not genuine in production
  });

  it('refuses unusable keys with a ConfigError that names the variable', async () => {
    const ec = await generateKeyPair('ES256', { extractable: true });
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const real = await exportPKCS8(privateKey);
    const privateJwk = { ...(await freshKeys('k')).jwks.keys[0], kid: 'receipt-old', d: 'AAAA' };
    const cases: Array<[NodeJS.ProcessEnv, RegExp]> = [
      [{ RECEIPT_PRIVATE_KEY: await exportPKCS8(ec.privateKey), RECEIPT_KEY_ID: 'k1' }, /RECEIPT_PRIVATE_KEY/],
      [{ RECEIPT_PRIVATE_KEY: 'not a pem', RECEIPT_KEY_ID: 'k1' }, /RECEIPT_PRIVATE_KEY/],
      [{ RECEIPT_PRIVATE_KEY: real }, /RECEIPT_KEY_ID/],
      [{ RECEIPT_PRIVATE_KEY: real, RECEIPT_KEY_ID: 'has space' }, /key id/],
      [{ RECEIPT_PRIVATE_KEY: real, RECEIPT_KEY_ID: 'k1', RECEIPT_PREVIOUS_PUBLIC_KEYS: '{not json' }, /RECEIPT_PREVIOUS_PUBLIC_KEYS/],
      [{ RECEIPT_PRIVATE_KEY: real, RECEIPT_KEY_ID: 'k1', RECEIPT_PREVIOUS_PUBLIC_KEYS: '[]' }, /RECEIPT_PREVIOUS_PUBLIC_KEYS/],
      [{ RECEIPT_PRIVATE_KEY: real, RECEIPT_KEY_ID: 'k1', RECEIPT_PREVIOUS_PUBLIC_KEYS: JSON.stringify({ keys: [privateJwk] }) }, /private key/],
      [{ RECEIPT_PRIVATE_KEY: real, RECEIPT_KEY_ID: 'k1', RECEIPT_PREVIOUS_PUBLIC_KEYS: JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: keys.jwks.keys[0]!.x }] }) }, /kid/],
      [{ RECEIPT_PRIVATE_KEY: real, RECEIPT_KEY_ID: 'k1', RECEIPT_PREVIOUS_PUBLIC_KEYS: JSON.stringify({ keys: [{ ...keys.jwks.keys[0], kid: 'k1' }] }) }, /twice/],
    ];
    for (const [env, message] of cases) {
      const attempt = loadReceiptKeys(env);
      await expect(attempt).rejects.toThrow(ConfigError);
      await expect(attempt).rejects.toThrow(message);
    }
  });
});
