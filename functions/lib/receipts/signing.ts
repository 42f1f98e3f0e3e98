/**
 * The collector's digital signature on an electronic receipt (Decree 254/2026/NĐ-CP
 * requires one): a compact JWS, EdDSA over Ed25519, of the receipt's canonical JSON.
 * Anyone holding the token (it is in the receipt's QR and verification link) can check
 * the receipt with the public key; only the service can make one.
 *
 * Keys come from configuration:
 * - RECEIPT_PRIVATE_KEY: the Ed25519 private key, PKCS8 PEM ("\n" escapes accepted, as
 *   environment variables often carry them); RECEIPT_KEY_ID: its `kid`.
 * - RECEIPT_PREVIOUS_PUBLIC_KEYS (optional): a JWKS ({"keys":[...]}) of the public keys of
 *   retired signing keys, each with its kid, so receipts signed before a rotation still
 *   verify. Public keys only: a private member ("d") is refused.
 * In development, without RECEIPT_PRIVATE_KEY, a deterministic key is derived from the
 * public seed DEV_RECEIPT_KEY_SEED (the Ed25519 private key is SHA-256 of the seed), kid
 * 'receipt-dev-1'. Anyone can recompute it, so with NODE_ENV=production a missing key, the
 * dev kid or the dev key (as signer or among the previous keys) is a ConfigError.
 */
import { createHash } from 'node:crypto';
import { CompactSign, compactVerify, exportJWK, importJWK, importPKCS8, type JSONWebKeySet, type JWK } from 'jose';
import { canonicalReceiptJson, receiptContentSchema, type ReceiptContent } from '../../../shared/receipt';
import { ConfigError, isProduction } from '../platform/config';

export const DEV_RECEIPT_KEY_SEED = 'motcua-pay development receipt signing key: public, never valid in production';
export const DEV_RECEIPT_KEY_ID = 'receipt-dev-1';

/** The JWS `typ`: a receipt token is not a login token, even if keys were ever shared. */
export const RECEIPT_JWS_TYPE = 'receipt+jws';

/**
 * Far above any genuine receipt (about 1,000 characters for a catalogue fee name of median
 * length, 1,400 for the longest); refuses oversized input before any work.
 */
export const MAX_RECEIPT_TOKEN_LENGTH = 4096;

export interface ReceiptKeys {
  /** kid of the key that signs new receipts. */
  kid: string;
  privateKey: CryptoKey;
  /** kid → public key: the signing key's and every previous key still trusted. */
  publicKeys: ReadonlyMap<string, CryptoKey>;
  /** The same public keys as a JWKS, fit to publish. */
  jwks: JSONWebKeySet;
}

export type ReceiptRejection =
  /** Not three canonical base64url segments, or too long. */
  | 'malformed'
  /** Header other than exactly {alg:'EdDSA', kid, typ:'receipt+jws'} (alg none, HS256, crit, b64...). */
  | 'unsupported_header'
  /** A kid this service never signed with (or no longer trusts). */
  | 'unknown_key'
  | 'bad_signature'
  /** Genuinely signed, but not a receipt this version understands, or not in canonical form. */
  | 'invalid_content';

export type ReceiptVerification = { ok: true; content: ReceiptContent; kid: string } | { ok: false; reason: ReceiptRejection };

// ---------------------------------------------------------------------------------------
// Keys

// PKCS8 PrivateKeyInfo for Ed25519 (RFC 8410): this DER prefix, then the 32-byte seed.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const KID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

function pemFromDer(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The development private key as PKCS8 PEM: Ed25519 with seed SHA-256(DEV_RECEIPT_KEY_SEED). */
export function devReceiptPrivateKeyPem(): string {
  const seed = createHash('sha256').update(DEV_RECEIPT_KEY_SEED, 'utf8').digest();
  return pemFromDer(Buffer.concat([ED25519_PKCS8_PREFIX, seed]), 'PRIVATE KEY');
}

async function importPublicJwk(jwk: JWK, where: string): Promise<CryptoKey> {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new ConfigError(`${where}: only Ed25519 public keys (kty OKP, crv Ed25519) are accepted`);
  }
  if ('d' in jwk) throw new ConfigError(`${where}: a private key ("d") does not belong in a list of public keys`);
  try {
    const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, 'EdDSA');
    if (key instanceof Uint8Array) throw new Error('not an asymmetric key');
    return key;
  } catch (error) {
    throw new ConfigError(`${where}: not a valid Ed25519 public key (${(error as Error).message})`);
  }
}

function parseJwks(value: JSONWebKeySet | string, where: string): JWK[] {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new ConfigError(`${where} is not valid JSON (expected {"keys":[...]})`);
    }
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new ConfigError(`${where} must be a JWKS: {"keys":[...]}`);
  return keys as JWK[];
}

export interface ReceiptKeyInput {
  kid: string;
  /** PKCS8 PEM of an Ed25519 private key. */
  privateKeyPem: string;
  /** Public keys of retired signing keys (a JWKS object or its JSON text). */
  previousPublicKeys?: JSONWebKeySet | string;
}

/** Builds the key set from explicit values. Throws ConfigError for anything unusable. */
export async function receiptKeysFrom(input: ReceiptKeyInput): Promise<ReceiptKeys> {
  if (!KID_PATTERN.test(input.kid)) throw new ConfigError(`receipt key id must be 1–64 characters of A–Z a–z 0–9 . _ : -, got ${JSON.stringify(input.kid)}`);
  let privateKey: CryptoKey;
  try {
    privateKey = await importPKCS8(input.privateKeyPem.replace(/\\n/g, '\n').trim(), 'EdDSA', { extractable: true });
  } catch (error) {
    throw new ConfigError(`RECEIPT_PRIVATE_KEY is not an Ed25519 private key in PKCS8 PEM (${(error as Error).message})`);
  }
  const { x } = await exportJWK(privateKey);
  if (!x) throw new ConfigError('RECEIPT_PRIVATE_KEY is not an Ed25519 key');
  const currentJwk: JWK = { kty: 'OKP', crv: 'Ed25519', x, kid: input.kid, alg: 'EdDSA', use: 'sig' };

  const publicKeys = new Map<string, CryptoKey>([[input.kid, await importPublicJwk(currentJwk, 'RECEIPT_PRIVATE_KEY')]]);
  const jwks: JWK[] = [currentJwk];
  if (input.previousPublicKeys !== undefined) {
    for (const [i, jwk] of parseJwks(input.previousPublicKeys, 'RECEIPT_PREVIOUS_PUBLIC_KEYS').entries()) {
      const where = `RECEIPT_PREVIOUS_PUBLIC_KEYS.keys[${i}]`;
      if (typeof jwk.kid !== 'string' || !KID_PATTERN.test(jwk.kid)) throw new ConfigError(`${where} needs a kid`);
      if (publicKeys.has(jwk.kid)) throw new ConfigError(`${where}: kid ${jwk.kid} is used twice`);
      publicKeys.set(jwk.kid, await importPublicJwk(jwk, where));
      jwks.push({ kty: 'OKP', crv: 'Ed25519', x: jwk.x as string, kid: jwk.kid, alg: 'EdDSA', use: 'sig' });
    }
  }
  return { kid: input.kid, privateKey, publicKeys, jwks: { keys: jwks } };
}

let devKeys: Promise<ReceiptKeys> | undefined;

/** The development key set (deterministic, public: see DEV_RECEIPT_KEY_SEED). */
export function devReceiptKeys(): Promise<ReceiptKeys> {
  devKeys ??= receiptKeysFrom({ kid: DEV_RECEIPT_KEY_ID, privateKeyPem: devReceiptPrivateKeyPem() });
  return devKeys;
}

/**
 * The key set from the environment (read once at start and kept). Production without a
 * real key, or with the development key anywhere in it, is a ConfigError.
 */
export async function loadReceiptKeys(env: NodeJS.ProcessEnv = process.env): Promise<ReceiptKeys> {
  const pem = env.RECEIPT_PRIVATE_KEY;
  const kid = env.RECEIPT_KEY_ID;
  const previous = env.RECEIPT_PREVIOUS_PUBLIC_KEYS?.trim() ? env.RECEIPT_PREVIOUS_PUBLIC_KEYS : undefined;
  const production = isProduction(env);
  if (!pem) {
    if (production) throw new ConfigError('RECEIPT_PRIVATE_KEY and RECEIPT_KEY_ID must be set when NODE_ENV=production');
    return receiptKeysFrom({ kid: DEV_RECEIPT_KEY_ID, privateKeyPem: devReceiptPrivateKeyPem(), ...(previous ? { previousPublicKeys: previous } : {}) });
  }
  if (!kid) throw new ConfigError('RECEIPT_KEY_ID must be set with RECEIPT_PRIVATE_KEY');
  const keys = await receiptKeysFrom({ kid, privateKeyPem: pem, ...(previous ? { previousPublicKeys: previous } : {}) });
  if (production) {
    const devX = (await devReceiptKeys()).jwks.keys[0]?.x;
    for (const jwk of keys.jwks.keys) {
      if (jwk.kid === DEV_RECEIPT_KEY_ID || jwk.x === devX) {
        throw new ConfigError('the development receipt key is public and cannot sign or verify receipts when NODE_ENV=production');
      }
    }
  }
  return keys;
}

// ---------------------------------------------------------------------------------------
// Signing and verifying

/**
 * Signs the receipt: a compact JWS over its canonical JSON (keys sorted, verifyUrl left
 * out, since the URL holds this very token). Refuses content that is not a valid receipt.
 */
export async function signReceipt(content: ReceiptContent, keys: ReceiptKeys): Promise<string> {
  const checked = receiptContentSchema.safeParse(content);
  if (!checked.success) {
    const first = checked.error.issues[0];
    throw new RangeError(`refusing to sign an invalid receipt (${first?.path.join('.') ?? '?'}: ${first?.message ?? 'unknown'})`);
  }
  return new CompactSign(new TextEncoder().encode(canonicalReceiptJson(content)))
    .setProtectedHeader({ alg: 'EdDSA', kid: keys.kid, typ: RECEIPT_JWS_TYPE })
    .sign(keys.privateKey);
}

const SEGMENTS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/**
 * Decodes base64url only in its canonical form. base64url's last character can carry
 * unused low bits: two spellings of it decode to the same bytes. JWS signs the header and
 * payload as spelled, but not the signature's spelling, so without this check a token whose
 * last character was changed within those bits would still verify.
 */
function canonicalBase64url(segment: string): Buffer | undefined {
  const bytes = Buffer.from(segment, 'base64url');
  return bytes.toString('base64url') === segment ? bytes : undefined;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Whether a receipt token is genuine: signed by one of our keys, EdDSA only, and its
 * payload the canonical JSON of a valid receipt. Never throws; the content returned is
 * exactly what was signed (without verifyUrl).
 */
export async function verifyReceiptToken(token: unknown, keys: Pick<ReceiptKeys, 'publicKeys'>): Promise<ReceiptVerification> {
  if (typeof token !== 'string' || token.length > MAX_RECEIPT_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = SEGMENTS.exec(token);
  if (!parts) return { ok: false, reason: 'malformed' };
  const headerBytes = canonicalBase64url(parts[1]!);
  const payloadBytes = canonicalBase64url(parts[2]!);
  const signatureBytes = canonicalBase64url(parts[3]!);
  if (!headerBytes || !payloadBytes || !signatureBytes) return { ok: false, reason: 'malformed' };

  const header = parseJson(headerBytes);
  if (header === null || typeof header !== 'object' || Array.isArray(header)) return { ok: false, reason: 'malformed' };
  const { alg, kid, typ, ...rest } = header as Record<string, unknown>;
  if (alg !== 'EdDSA' || typ !== RECEIPT_JWS_TYPE || typeof kid !== 'string' || Object.keys(rest).length > 0) {
    return { ok: false, reason: 'unsupported_header' };
  }
  const key = keys.publicKeys.get(kid);
  if (!key) return { ok: false, reason: 'unknown_key' };

  try {
    await compactVerify(token, key, { algorithms: ['EdDSA'] });
  } catch {
    return { ok: false, reason: 'bad_signature' };
  }

  const text = payloadBytes.toString('utf8');
  const parsed = receiptContentSchema.safeParse(parseJson(payloadBytes));
  if (!parsed.success || canonicalReceiptJson(parsed.data) !== text) return { ok: false, reason: 'invalid_content' };
  return { ok: true, content: parsed.data, kid };
}

/** The verification link printed (and encoded as QR) on the receipt: a path, like the contract's links. */
export function verifyUrlFor(token: string): string {
  return `/api/receipts/verify?token=${encodeURIComponent(token)}`;
}
