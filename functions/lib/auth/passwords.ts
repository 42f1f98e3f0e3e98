/**
 * Staff passwords: scrypt from node:crypto, stored as a self-describing string
 * `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>`, so the cost can be raised later while old
 * hashes still verify with the parameters they were made with.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import * as z from 'zod';
import { bilingual } from '../../../shared/errors';

/**
 * N = 2^15, r = 8, p = 1: the scrypt paper's interactive-login setting (RFC 7914 §2).
 * It needs 128·N·r = 32 MiB and ~50–100 ms per guess, which a 512 MB Lambda affords on
 * every login while an attacker with a stolen table pays the same per guess. Node's
 * default `maxmem` is exactly 32 MiB, which scrypt's own bookkeeping overflows, so maxmem
 * is always set from the parameters.
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** What scrypt allocates (OpenSSL: 128·r·p for B plus 128·r·(N+2) for V), with room to spare. */
function maxmemFor({ N, r, p }: ScryptParams): number {
  return 128 * r * (N + p + 2) + 1024 * 1024;
}

function derive(password: string, salt: Buffer, keylen: number, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: maxmemFor(params) };
  return new Promise((resolve, reject) => {
    // NFC: the same Vietnamese password typed with a composing or a precomposed keyboard
    // (Telex/VNI input methods differ) must give the same bytes.
    scrypt(password.normalize('NFC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, HASH_BYTES, SCRYPT_PARAMS);
  const { N, r, p } = SCRYPT_PARAMS;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

interface ParsedHash extends ScryptParams {
  salt: Buffer;
  hash: Buffer;
}

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The stored string, or undefined when it is not one this code made. Parameters are
 * bounded so a corrupted or planted record cannot make one login allocate gigabytes.
 */
function parseHash(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!/^\d+$/.test(n) || !/^\d+$/.test(r) || !/^\d+$/.test(p)) return undefined;
  if (params.N < 2 ** 14 || params.N > 2 ** 17 || (params.N & (params.N - 1)) !== 0) return undefined;
  if (params.r < 1 || params.r > 16 || params.p < 1 || params.p > 4) return undefined;
  if (!B64.test(salt) || !B64.test(hash)) return undefined;
  const parsed = { ...params, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
  // A shorter hash would be a prefix of the real one: a truncated record must not verify.
  if (parsed.salt.length < SALT_BYTES || parsed.hash.length !== HASH_BYTES) return undefined;
  return parsed;
}

/** A hash no password matches in practice (zero hash bytes), made with today's parameters. */
const DUMMY_HASH = `scrypt$${SCRYPT_PARAMS.N}$${SCRYPT_PARAMS.r}$${SCRYPT_PARAMS.p}$${Buffer.alloc(SALT_BYTES, 0x5a).toString('base64')}$${Buffer.alloc(HASH_BYTES).toString('base64')}`;

/** True when `password` matches the stored hash; compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) {
    // Same cost as a real check, so a broken record does not stand out by its timing.
    await verifyAgainstDummy(password);
    return false;
  }
  const candidate = await derive(password, parsed.salt, parsed.hash.length, parsed);
  return timingSafeEqual(candidate, parsed.hash);
}

/**
 * Exactly the work of verifying against a real hash, always false: what login does for an
 * unknown or malformed username, so "no such user" answers like a wrong password, in
 * words and in time.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  const parsed = parseHash(DUMMY_HASH)!;
  const candidate = await derive(password, parsed.salt, parsed.hash.length, parsed);
  timingSafeEqual(candidate, parsed.hash);
  return false;
}

/** True when the hash was made with weaker parameters than today's (worth re-hashing at the next login). */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.N < SCRYPT_PARAMS.N || parsed.r < SCRYPT_PARAMS.r || parsed.p < SCRYPT_PARAMS.p;
}

/** The rule for every new or reset password (not for checking an existing one at login). */
export const passwordSchema = z
  .string(bilingual('Mật khẩu phải là chuỗi ký tự.', 'The password must be a string.'))
  .min(PASSWORD_MIN_LENGTH, bilingual(`Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`, `The password must be at least ${PASSWORD_MIN_LENGTH} characters.`))
  .max(PASSWORD_MAX_LENGTH, bilingual(`Mật khẩu tối đa ${PASSWORD_MAX_LENGTH} ký tự.`, `The password must be at most ${PASSWORD_MAX_LENGTH} characters.`))
  .refine((pw) => new Set(pw).size > 1, bilingual('Mật khẩu không được chỉ gồm một ký tự lặp lại.', 'The password must not be one character repeated.'));
