/**
 * An integration's credentials. The API key is `mcpk.<integration id>.<43 characters>`:
 * 256 random bits, stored only as the SHA-256 of its secret part (a fast hash suffices for
 * so much entropy) and compared in constant time. The signing secret is a Standard
 * Webhooks secret: `whsec_` + base64 of 32 random bytes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyRecord, IntegrationRecord } from './ports';

const KEY = /^mcpk\.(int_[0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

export const newIntegrationId = (randomBytes: (n: number) => Uint8Array) => `int_${Buffer.from(randomBytes(8)).toString('hex')}`;

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function newApiKey(integrationId: string, randomBytes: (n: number) => Uint8Array, now: Date): { apiKey: string; record: ApiKeyRecord } {
  const secret = Buffer.from(randomBytes(32)).toString('base64url');
  const apiKey = `mcpk.${integrationId}.${secret}`;
  return { apiKey, record: { hash: digest(secret), prefix: `mcpk.${integrationId}.${secret.slice(0, 4)}`, createdAt: now.toISOString() } };
}

export const newSigningSecret = (randomBytes: (n: number) => Uint8Array) => `whsec_${Buffer.from(randomBytes(32)).toString('base64')}`;

/** The integration id a key names, and its secret part; undefined for anything else. */
export function parseApiKey(header: string | undefined): { integrationId: string; secret: string } | undefined {
  const match = header ? KEY.exec(header) : null;
  return match ? { integrationId: match[1]!, secret: match[2]! } : undefined;
}

/**
 * Whether the secret is one of the integration's keys that work now (the current one, or
 * the old one until its overlap ends). Every key is compared, each in constant time.
 * Returns the matching key's hash (the rate limit counts per key).
 */
export function matchingKey(integration: Pick<IntegrationRecord, 'keys' | 'status'> | undefined, secret: string, now: Date): string | undefined {
  const given = Buffer.from(digest(secret), 'hex');
  let found: string | undefined;
  // An unknown integration still costs one comparison, so timing tells nothing.
  const keys = integration?.keys.length ? integration.keys : [{ hash: '0'.repeat(64), prefix: '', createdAt: '' }];
  for (const key of keys) {
    const same = timingSafeEqual(given, Buffer.from(key.hash, 'hex'));
    const valid = integration?.status === 'ACTIVE' && (key.validUntil === undefined || Date.parse(key.validUntil) > now.getTime());
    if (same && valid) found = key.hash;
  }
  return found;
}
