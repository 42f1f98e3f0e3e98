/**
 * The keys that sign and check staff tokens: Ed25519 (JWS alg EdDSA), each with a `kid`
 * so keys can be rotated without logging everybody out.
 *
 *   JWT_PRIVATE_KEY           the current private key, PKCS8 PEM ("\n" escapes accepted)
 *   JWT_KEY_ID                its kid
 *   JWT_PREVIOUS_PUBLIC_KEYS  optional JSON JWKS {"keys":[{"kty":"OKP","crv":"Ed25519","x":"...","kid":"..."}]}
 *                             of earlier public keys: tokens they signed keep verifying
 *                             until they expire (at most STAFF_TOKEN_TTL_MINUTES).
 *
 * Rotation: make a new key (`openssl genpkey -algorithm ed25519`), move the current
 * public key (see `SigningKeys.jwks`) into JWT_PREVIOUS_PUBLIC_KEYS, set the new one with a
 * new kid; drop the old public key after one token lifetime.
 *
 * Outside production, a missing key falls back to a development key derived from
 * DEV_JWT_KEY_SEED (kid `dev-1`): stable across restarts, published, never accepted in
 * production.
 */
import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import * as z from 'zod';
import { ConfigError, isProduction } from '../platform/config';

/** The published seed of the development key: SHA-256 of this text is the Ed25519 seed. */
export const DEV_JWT_KEY_SEED = 'motcua-pay development staff-token key; public, never valid in production';
export const DEV_JWT_KEY_ID = 'dev-1';

export interface SigningKeys {
  current: { kid: string; privateKey: KeyObject };
  /** The public key for a token's kid (current or previous); undefined for any other kid. */
  publicKeyFor(kid: string): KeyObject | undefined;
  /** Every public key as a JWKS, current first: what to publish or carry into JWT_PREVIOUS_PUBLIC_KEYS. */
  jwks: { keys: JsonWebKey[] };
}

// PKCS#8 PrivateKeyInfo for Ed25519 (RFC 8410 §7): version 0, algorithm id 1.3.101.112,
// then the 32-byte seed as an OCTET STRING inside the privateKey OCTET STRING.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An Ed25519 private key from a 32-byte seed. */
export function ed25519PrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function devPrivateKey(): KeyObject {
  return ed25519PrivateKeyFromSeed(createHash('sha256').update(DEV_JWT_KEY_SEED, 'utf8').digest());
}

const KID = /^[A-Za-z0-9._:-]{1,64}$/;

const jwksSchema = z.strictObject({
  keys: z.array(
    z.looseObject({
      kty: z.literal('OKP'),
      crv: z.literal('Ed25519'),
      x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
      kid: z.string().regex(KID),
      // A previous key is public: a private part here would be a leak, not a key.
      d: z.never().optional(),
    }),
  ),
});

function currentKey(env: NodeJS.ProcessEnv): { kid: string; privateKey: KeyObject } {
  const pem = env.JWT_PRIVATE_KEY?.trim();
  if (!pem) {
    if (isProduction(env)) throw new ConfigError('JWT_PRIVATE_KEY (Ed25519, PKCS8 PEM) and JWT_KEY_ID must be set when NODE_ENV=production');
    return { kid: DEV_JWT_KEY_ID, privateKey: devPrivateKey() };
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem.replace(/\\n/g, '\n'), format: 'pem' });
  } catch {
    throw new ConfigError('JWT_PRIVATE_KEY is not a PKCS8 PEM private key');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new ConfigError('JWT_PRIVATE_KEY must be an Ed25519 key');
  const kid = env.JWT_KEY_ID;
  if (!kid || !KID.test(kid)) throw new ConfigError('JWT_KEY_ID must be set (1–64 letters, digits or . _ : -) with JWT_PRIVATE_KEY');
  if (isProduction(env) && samePublicKey(privateKey, devPrivateKey())) {
    throw new ConfigError('JWT_PRIVATE_KEY is the published development key; set a real one when NODE_ENV=production');
  }
  return { kid, privateKey };
}

function samePublicKey(a: KeyObject, b: KeyObject): boolean {
  return createPublicKey(a).export({ format: 'jwk' }).x === createPublicKey(b).export({ format: 'jwk' }).x;
}

function previousKeys(env: NodeJS.ProcessEnv): Map<string, KeyObject> {
  const out = new Map<string, KeyObject>();
  const raw = env.JWT_PREVIOUS_PUBLIC_KEYS?.trim();
  if (!raw) return out;
  let parsed: z.infer<typeof jwksSchema>;
  try {
    parsed = jwksSchema.parse(JSON.parse(raw));
  } catch {
    throw new ConfigError('JWT_PREVIOUS_PUBLIC_KEYS must be a JWKS of public Ed25519 keys, each with a kid');
  }
  for (const jwk of parsed.keys) {
    if (out.has(jwk.kid)) throw new ConfigError(`JWT_PREVIOUS_PUBLIC_KEYS has kid ${jwk.kid} twice`);
    out.set(jwk.kid, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }));
  }
  return out;
}

/** The keys from this environment, uncached (tests, tools). */
export function buildSigningKeys(env: NodeJS.ProcessEnv = process.env): SigningKeys {
  const current = currentKey(env);
  const previous = previousKeys(env);
  if (previous.has(current.kid)) throw new ConfigError(`JWT_PREVIOUS_PUBLIC_KEYS reuses the current kid ${current.kid}; every key needs its own kid`);
  const publicKeys = new Map<string, KeyObject>([[current.kid, createPublicKey(current.privateKey)], ...previous]);
  return {
    current,
    publicKeyFor: (kid) => publicKeys.get(kid),
    jwks: { keys: [...publicKeys].map(([kid, key]) => ({ ...key.export({ format: 'jwk' }), kid, alg: 'EdDSA', use: 'sig' })) },
  };
}

const cache = new Map<string, SigningKeys>();

/**
 * The signing keys, parsed once per process (per distinct key configuration, so tests
 * can vary the environment). Throws ConfigError on a missing or unusable key.
 */
export function loadSigningKeys(env: NodeJS.ProcessEnv = process.env): SigningKeys {
  const id = JSON.stringify([isProduction(env), env.JWT_PRIVATE_KEY ?? '', env.JWT_KEY_ID ?? '', env.JWT_PREVIOUS_PUBLIC_KEYS ?? '']);
  let keys = cache.get(id);
  if (!keys) {
    keys = buildSigningKeys(env);
    cache.set(id, keys);
  }
  return keys;
}
