/**
 * The payment configuration read once by the composition root: the payment-code prefix
 * (PAYMENT_CODE_PREFIX) and how SePay's webhooks are authenticated (SEPAY_WEBHOOK_AUTH,
 * SEPAY_API_KEY, SEPAY_WEBHOOK_SECRET, SEPAY_WEBHOOK_AGENCIES), with clear refusals.
 */
import { describe, expect, it } from 'vitest';
import { composeRoot, configFromEnv } from '../../functions/composition/root';
import { publicDeps } from '../../functions/composition/public';
import { webhookDeps } from '../../functions/composition/webhooks';
import {
  ConfigError, DEFAULT_PAYMENT_CODE_PREFIX, DEV_SECRETS, paymentCodePrefix, providerSecretsFromEnv, sepayAuthFor, sepayWebhookAuthFromEnv,
} from '../../functions/lib/platform/config';

const REAL = 'a-real-secret-from-the-dashboard-0123';

describe('PAYMENT_CODE_PREFIX', () => {
  it('defaults to MCP, in development and in production alike (it is no secret)', () => {
    expect(DEFAULT_PAYMENT_CODE_PREFIX).toBe('MCP');
    expect(paymentCodePrefix({})).toBe('MCP');
    expect(paymentCodePrefix({ PAYMENT_CODE_PREFIX: '' })).toBe('MCP');
    expect(paymentCodePrefix({ NODE_ENV: 'production' })).toBe('MCP');
  });

  it('takes 2 to 5 upper-case letters A-Z, as SePay does', () => {
    for (const ok of ['HC', 'UBND', 'BTGTR', 'QLO']) expect(paymentCodePrefix({ PAYMENT_CODE_PREFIX: ok })).toBe(ok);
    for (const bad of ['M', 'ABCDEF', 'mcp', 'Mcp', 'M1', 'MC P', 'MĐ', ' MCP', 'MCP-']) {
      expect(() => paymentCodePrefix({ PAYMENT_CODE_PREFIX: bad }), bad).toThrow(ConfigError);
      expect(() => paymentCodePrefix({ PAYMENT_CODE_PREFIX: bad }), bad).toThrow(/2 to 5 upper-case letters/);
    }
  });

  it('refuses a word banks write into memos themselves', () => {
    for (const word of ['CT', 'FT', 'GD', 'IBFT', 'MBVCB', 'REM']) expect(() => paymentCodePrefix({ PAYMENT_CODE_PREFIX: word }), word).toThrow(/banks write into memos/);
  });

  it('is read once by the composition root and handed to drafting and matching', () => {
    const config = configFromEnv({ PAYMENT_CODE_PREFIX: 'HCMC', DYNAMODB_ENDPOINT: 'http://127.0.0.1:1' });
    expect(config.paymentCodePrefix).toBe('HCMC');
    const root = composeRoot(config);
    expect(publicDeps(root).paymentCodePrefix).toBe('HCMC');
    expect(webhookDeps(root).paymentCodePrefix).toBe('HCMC');
    root.client.destroy();
    expect(() => configFromEnv({ PAYMENT_CODE_PREFIX: 'mcp' })).toThrow(ConfigError);
  });
});

describe('SePay webhook authentication', () => {
  it('defaults to the API key, for every agency', () => {
    const auth = sepayWebhookAuthFromEnv({});
    expect(auth).toEqual({ default: { method: 'apikey', secret: DEV_SECRETS.SEPAY_API_KEY }, agencies: {} });
    expect(sepayAuthFor(auth, 'any-agency')).toEqual(auth.default);
    expect(sepayAuthFor(auth, undefined)).toEqual(auth.default);
  });

  it('HMAC for the deployment takes SEPAY_WEBHOOK_SECRET, and providerSecret follows it', () => {
    expect(sepayWebhookAuthFromEnv({ SEPAY_WEBHOOK_AUTH: 'hmac' }).default).toEqual({ method: 'hmac', secret: DEV_SECRETS.SEPAY_WEBHOOK_SECRET });
    expect(providerSecretsFromEnv({ SEPAY_WEBHOOK_AUTH: 'hmac', SEPAY_WEBHOOK_SECRET: 'whsec-1' })('sepay')).toBe('whsec-1');
    expect(providerSecretsFromEnv({ SEPAY_API_KEY: 'key-1' })('sepay')).toBe('key-1');
    expect(() => sepayWebhookAuthFromEnv({ SEPAY_WEBHOOK_AUTH: 'oauth' })).toThrow(/"apikey" or "hmac"/);
    expect(() => sepayWebhookAuthFromEnv({ SEPAY_WEBHOOK_AUTH: 'HMAC' })).toThrow(ConfigError);
  });

  it('in production requires the secret of the method in use, and only that one', () => {
    expect(() => sepayWebhookAuthFromEnv({ NODE_ENV: 'production' })).toThrow(/SEPAY_API_KEY/);
    expect(() => sepayWebhookAuthFromEnv({ NODE_ENV: 'production', SEPAY_WEBHOOK_AUTH: 'hmac', SEPAY_API_KEY: REAL })).toThrow(/SEPAY_WEBHOOK_SECRET/);
    expect(() => sepayWebhookAuthFromEnv({ NODE_ENV: 'production', SEPAY_WEBHOOK_AUTH: 'hmac', SEPAY_WEBHOOK_SECRET: DEV_SECRETS.SEPAY_WEBHOOK_SECRET })).toThrow(ConfigError);
    expect(sepayWebhookAuthFromEnv({ NODE_ENV: 'production', SEPAY_WEBHOOK_AUTH: 'hmac', SEPAY_WEBHOOK_SECRET: REAL }).default).toEqual({ method: 'hmac', secret: REAL });
  });

  it('per agency: SEPAY_WEBHOOK_AGENCIES gives an agency its own method and secret', () => {
    const auth = sepayWebhookAuthFromEnv({
      SEPAY_WEBHOOK_AGENCIES: JSON.stringify({ 'ubnd-xa-a': { auth: 'hmac', secret: 'a-secret' }, 'ubnd-xa-b': { auth: 'apikey', secret: 'b-key' } }),
    });
    expect(sepayAuthFor(auth, 'ubnd-xa-a')).toEqual({ method: 'hmac', secret: 'a-secret' });
    expect(sepayAuthFor(auth, 'ubnd-xa-b')).toEqual({ method: 'apikey', secret: 'b-key' });
    expect(sepayAuthFor(auth, 'ubnd-xa-c')).toEqual(auth.default);
    // Not a way into the prototype.
    expect(sepayAuthFor(auth, 'constructor')).toEqual(auth.default);
  });

  it('refuses a malformed SEPAY_WEBHOOK_AGENCIES, and never repeats a secret in the message', () => {
    const bad = [
      'not json',
      '[]',
      'null',
      JSON.stringify({ 'ubnd-xa-a': 'hmac' }),
      JSON.stringify({ 'ubnd-xa-a': { auth: 'oauth', secret: 'leaky-secret-1' } }),
      JSON.stringify({ 'ubnd-xa-a': { auth: 'hmac' } }),
      JSON.stringify({ 'ubnd-xa-a': { auth: 'hmac', secret: '' } }),
      JSON.stringify({ 'ubnd-xa-a': { auth: 'hmac', secret: 'leaky-secret-1', extra: 1 } }),
      JSON.stringify({ 'UBND XA A': { auth: 'hmac', secret: 'leaky-secret-1' } }),
    ];
    for (const value of bad) {
      let error: unknown;
      try {
        sepayWebhookAuthFromEnv({ SEPAY_WEBHOOK_AGENCIES: value });
      } catch (err) {
        error = err;
      }
      expect(error, value).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain('leaky-secret-1');
    }
    // Production: each agency's secret is a real one too.
    const production = (secret: string) => ({ NODE_ENV: 'production', SEPAY_API_KEY: REAL, SEPAY_WEBHOOK_AGENCIES: JSON.stringify({ 'ubnd-xa-a': { auth: 'hmac', secret } }) });
    expect(() => sepayWebhookAuthFromEnv(production('short'))).toThrow(/too short/);
    expect(() => sepayWebhookAuthFromEnv(production(DEV_SECRETS.SEPAY_WEBHOOK_SECRET))).toThrow(/real secret/);
    expect(sepayWebhookAuthFromEnv(production(REAL)).agencies['ubnd-xa-a']).toEqual({ method: 'hmac', secret: REAL });
  });

  it('reaches the webhooks function through its builder', () => {
    const root = composeRoot(
      configFromEnv({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:1', SEPAY_WEBHOOK_AUTH: 'hmac', SEPAY_WEBHOOK_SECRET: 'whsec-2', SEPAY_WEBHOOK_AGENCIES: JSON.stringify({ 'ubnd-xa-a': { auth: 'apikey', secret: 'k' } }) }),
    );
    const deps = webhookDeps(root);
    expect(deps.sepayAuth).toEqual({ default: { method: 'hmac', secret: 'whsec-2' }, agencies: { 'ubnd-xa-a': { method: 'apikey', secret: 'k' } } });
    expect(deps.providerSecret('sepay')).toBe('whsec-2');
    root.client.destroy();
  });
});
