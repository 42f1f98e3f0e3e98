/** payOS's configuration (platform/payos-config.ts): per-agency credentials, development off, production strict. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../functions/lib/platform/config';
import { DEFAULT_PAYOS_API_URL, payosConfigFromEnv, payosCredentialsFor } from '../../functions/lib/platform/payos-config';
import { createDeps } from '../support/composition';

const real = {
  NODE_ENV: 'production',
  ORDER_TOKEN_SECRET: 'a-real-order-token-secret-0123456789',
  PAYOS_CLIENT_ID: 'a3b1c2d4-real-client-id-0000',
  PAYOS_API_KEY: 'e5f6a7b8-real-api-key-00000',
  PAYOS_CHECKSUM_KEY: 'a-real-checksum-key-0123456789',
  PUBLIC_SITE_URL: 'https://motcua.example.vn',
};

describe('payOS configuration', () => {
  it('is off in development without credentials: payOS agencies then show a plain VietQR', () => {
    expect(payosConfigFromEnv({})).toBeUndefined();
    expect(createDeps({}).paymentRequests).toBeUndefined();
  });

  it('in development, takes the channel with documented defaults (checksum key, site, payOS URL)', () => {
    const config = payosConfigFromEnv({ PAYOS_CLIENT_ID: 'dev-client', PAYOS_API_KEY: 'dev-api-key' })!;
    expect(config).toMatchObject({ apiUrl: DEFAULT_PAYOS_API_URL, siteUrl: 'http://localhost:3000', timeoutMs: 10_000 });
    expect(config.default).toMatchObject({ clientId: 'dev-client', apiKey: 'dev-api-key', checksumKey: 'dev-payos-checksum-key' });
    expect(createDeps({ PAYOS_CLIENT_ID: 'dev-client', PAYOS_API_KEY: 'dev-api-key' }).paymentRequests?.available('xa-giong-trom')).toBe(true);
  });

  it('refuses to start in production without payOS credentials, with development values, or over http', () => {
    expect(() => payosConfigFromEnv({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => createDeps({ NODE_ENV: 'production', ORDER_TOKEN_SECRET: real.ORDER_TOKEN_SECRET })).toThrow(/payOS credentials/);
    expect(() => payosConfigFromEnv({ ...real, PAYOS_CHECKSUM_KEY: 'dev-payos-checksum-key' })).toThrow(ConfigError);
    expect(() => payosConfigFromEnv({ ...real, PAYOS_API_KEY: 'short' })).toThrow(/too short/);
    expect(() => payosConfigFromEnv({ ...real, PUBLIC_SITE_URL: undefined })).toThrow(/PUBLIC_SITE_URL/);
    expect(() => payosConfigFromEnv({ ...real, PAYOS_API_URL: 'http://payos.example' })).toThrow(/https/);
    expect(payosConfigFromEnv(real)!.default!.clientId).toBe(real.PAYOS_CLIENT_ID);
    expect(() => createDeps(real)).not.toThrow();
  });

  it('gives an agency its own channel (and payout channel), the deployment’s to the rest', () => {
    const own = { clientId: 'own-client-id-0000000001', apiKey: 'own-api-key-00000000001', checksumKey: 'own-checksum-key-0000001' };
    const config = payosConfigFromEnv({ ...real, PAYOS_AGENCIES: JSON.stringify({ 'xa-giong-trom': { ...own, payouts: own } }) })!;
    expect(payosCredentialsFor(config, 'xa-giong-trom')).toEqual({ ...own, payouts: own });
    expect(payosCredentialsFor(config, 'xa-luong-hoa')!.clientId).toBe(real.PAYOS_CLIENT_ID);
    // Only agencies of its own: no default.
    const only = payosConfigFromEnv({ NODE_ENV: 'production', PUBLIC_SITE_URL: real.PUBLIC_SITE_URL, PAYOS_AGENCIES: JSON.stringify({ 'xa-giong-trom': own }) })!;
    expect(payosCredentialsFor(only, 'xa-luong-hoa')).toBeUndefined();
  });

  it('refuses malformed PAYOS_AGENCIES without echoing a secret', () => {
    for (const bad of ['not json', '[]', '{"Bad Id": {}}', '{"xa-a": {"clientId": "x"}}', '{"xa-a": {"clientId": "a", "apiKey": "b", "checksumKey": "c", "extra": 1}}']) {
      expect(() => payosConfigFromEnv({ PAYOS_AGENCIES: bad }), bad).toThrow(ConfigError);
    }
    try {
      payosConfigFromEnv({ ...real, PAYOS_AGENCIES: JSON.stringify({ 'xa-a': { clientId: 'secret-value-xyz', apiKey: 'k', checksumKey: 'c' } }) });
    } catch (error) {
      expect(String(error)).not.toContain('secret-value-xyz');
    }
  });
});
