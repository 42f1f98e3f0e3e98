/**
 * Configuration, read once from the environment. Development secrets have documented
 * defaults so `npm start` works on a fresh clone; in production (NODE_ENV=production)
 * a missing or default secret stops the service instead of weakening it.
 */
import { isPaymentCodePrefix } from '../../../shared/memo';
import type { Provider } from '../../../shared/transfer';
import { DEFAULT_TABLE_NAME } from '../storage/table';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Development defaults, documented in the README. Never valid in production. */
export const DEV_SECRETS = {
  ORDER_TOKEN_SECRET: 'dev-order-token-secret-change-me',
  PAYOS_CHECKSUM_KEY: 'dev-payos-checksum-key',
  SEPAY_API_KEY: 'dev-sepay-api-key',
  SEPAY_WEBHOOK_SECRET: 'dev-sepay-webhook-secret',
  CASSO_SECRET: 'dev-casso-secret',
  SEED_PASSWORD: 'motcua-demo-2026',
} as const;

export type SecretName = keyof typeof DEV_SECRETS;

export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/** A secret from the environment; in production it must be set and differ from the dev default. */
export function secret(name: SecretName, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (isProduction(env)) {
    if (!value || value === DEV_SECRETS[name]) throw new ConfigError(`${name} must be set to a real secret when NODE_ENV=production`);
    if (value.length < 16) throw new ConfigError(`${name} is too short (at least 16 characters)`);
    return value;
  }
  return value || DEV_SECRETS[name];
}

/** The secret each payment provider signs its notifications with (SePay: with its API-key method). */
export const PROVIDER_SECRET: Record<Provider, 'PAYOS_CHECKSUM_KEY' | 'SEPAY_API_KEY' | 'CASSO_SECRET'> = {
  payos: 'PAYOS_CHECKSUM_KEY',
  sepay: 'SEPAY_API_KEY',
  casso: 'CASSO_SECRET',
};

/**
 * Every provider's secret, read (and checked) at once. SePay's is the one its default
 * method uses (SEPAY_WEBHOOK_AUTH): SEPAY_API_KEY, or SEPAY_WEBHOOK_SECRET for HMAC.
 */
export function providerSecretsFromEnv(env: NodeJS.ProcessEnv = process.env): (provider: Provider) => string {
  const secrets: Record<Provider, string> = {
    payos: secret('PAYOS_CHECKSUM_KEY', env),
    sepay: sepayWebhookAuthFromEnv(env).default.secret,
    casso: secret('CASSO_SECRET', env),
  };
  return (provider) => secrets[provider];
}

// ---- SePay webhook authentication ---------------------------------------------------------

/** The two ways SePay can prove a notification genuine that we accept (its "none" and OAuth are not). */
export const SEPAY_AUTH_METHODS = ['apikey', 'hmac'] as const;
export type SepayAuthMethod = (typeof SEPAY_AUTH_METHODS)[number];

export interface SepayAuth {
  method: SepayAuthMethod;
  secret: string;
}

/**
 * How SePay's notifications are authenticated, per receiving agency: each SePay webhook
 * (one per agency's account, or one for all) is configured in SePay's dashboard with a
 * method and a secret, and the same must be set here.
 */
export interface SepayWebhookAuth {
  /** Every agency without an entry of its own: SEPAY_WEBHOOK_AUTH with SEPAY_API_KEY or SEPAY_WEBHOOK_SECRET. */
  default: SepayAuth;
  /** Agencies with a SePay webhook of their own: SEPAY_WEBHOOK_AGENCIES, agency id → method and secret. */
  agencies: Readonly<Record<string, SepayAuth>>;
}

function sepayMethod(value: unknown, name: string): SepayAuthMethod {
  if (typeof value === 'string' && (SEPAY_AUTH_METHODS as readonly string[]).includes(value)) return value as SepayAuthMethod;
  throw new ConfigError(`${name} must be "apikey" or "hmac" (the method chosen in SePay's webhook settings)`);
}

/** A secret given inline (SEPAY_WEBHOOK_AGENCIES): never empty; in production long and not a development value. Never echoed. */
function inlineSecret(value: unknown, name: string, env: NodeJS.ProcessEnv): string {
  if (typeof value !== 'string' || value === '') throw new ConfigError(`${name} must be a non-empty string`);
  if (isProduction(env)) {
    if ((Object.values(DEV_SECRETS) as string[]).includes(value)) throw new ConfigError(`${name} must be set to a real secret when NODE_ENV=production`);
    if (value.length < 16) throw new ConfigError(`${name} is too short (at least 16 characters)`);
  }
  return value;
}

const AGENCY_ID = /^[a-z0-9-]{1,64}$/;

/**
 * SePay's authentication from the environment, checked at once: SEPAY_WEBHOOK_AUTH
 * (`apikey`, the default, or `hmac`) with its secret (SEPAY_API_KEY, or
 * SEPAY_WEBHOOK_SECRET), and SEPAY_WEBHOOK_AGENCIES, optional JSON
 * `{"<agencyId>": {"auth": "apikey"|"hmac", "secret": "..."}}` for agencies whose SePay
 * webhook has its own method or secret. Only the secret the default method uses is
 * required in production.
 */
export function sepayWebhookAuthFromEnv(env: NodeJS.ProcessEnv = process.env): SepayWebhookAuth {
  const method = env.SEPAY_WEBHOOK_AUTH ? sepayMethod(env.SEPAY_WEBHOOK_AUTH, 'SEPAY_WEBHOOK_AUTH') : 'apikey';
  const fallback: SepayAuth = { method, secret: secret(method === 'hmac' ? 'SEPAY_WEBHOOK_SECRET' : 'SEPAY_API_KEY', env) };
  const agencies: Record<string, SepayAuth> = {};
  const raw = env.SEPAY_WEBHOOK_AGENCIES;
  if (raw) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new ConfigError('SEPAY_WEBHOOK_AGENCIES must be a JSON object {"<agencyId>": {"auth": "apikey"|"hmac", "secret": "..."}}');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new ConfigError('SEPAY_WEBHOOK_AGENCIES must be a JSON object {"<agencyId>": {"auth": "apikey"|"hmac", "secret": "..."}}');
    }
    for (const [agencyId, entry] of Object.entries(parsed)) {
      const name = `SEPAY_WEBHOOK_AGENCIES["${AGENCY_ID.test(agencyId) ? agencyId : '…'}"]`;
      if (!AGENCY_ID.test(agencyId)) throw new ConfigError(`${name}: an agency id is lower-case letters, digits and hyphens`);
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new ConfigError(`${name} must be {"auth": "apikey"|"hmac", "secret": "..."}`);
      const { auth, secret: value, ...rest } = entry as Record<string, unknown>;
      if (Object.keys(rest).length) throw new ConfigError(`${name} has unknown keys: ${Object.keys(rest).join(', ')}`);
      agencies[agencyId] = { method: sepayMethod(auth, `${name}.auth`), secret: inlineSecret(value, `${name}.secret`, env) };
    }
  }
  return { default: fallback, agencies };
}

/** The method and secret SePay uses for an agency's account (the default for an account that is no agency's). */
export function sepayAuthFor(config: SepayWebhookAuth, agencyId: string | undefined): SepayAuth {
  return (agencyId !== undefined && Object.hasOwn(config.agencies, agencyId) ? config.agencies[agencyId] : undefined) ?? config.default;
}

// ---- The payment code ---------------------------------------------------------------------

/** The development payment-code prefix: "MCP", for motcua-pay. A deployment sets its own. */
export const DEFAULT_PAYMENT_CODE_PREFIX = 'MCP';

/**
 * What banks write into memos themselves (test/shared/memo-corpus.ts): as a prefix, the
 * bank's own text would read as the start of a payment code, to SePay and to us.
 */
const BANK_WORDS = new Set(['CT', 'CK', 'FT', 'GD', 'TK', 'TT', 'REM', 'TFR', 'IBFT', 'MBVCB', 'IBVCB', 'NAPAS']);

/**
 * PAYMENT_CODE_PREFIX: what every order's memo starts with, and the prefix configured as
 * the payment code in SePay's dashboard (2 to 5 upper-case letters A–Z, as SePay takes).
 * Not a secret; the development default is allowed in production too, as long as SePay
 * is configured with the same.
 */
export function paymentCodePrefix(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.PAYMENT_CODE_PREFIX;
  if (raw === undefined || raw === '') return DEFAULT_PAYMENT_CODE_PREFIX;
  if (!isPaymentCodePrefix(raw)) throw new ConfigError(`PAYMENT_CODE_PREFIX must be 2 to 5 upper-case letters A-Z (SePay's payment-code prefix), not "${raw}"`);
  if (BANK_WORDS.has(raw)) throw new ConfigError(`PAYMENT_CODE_PREFIX "${raw}" is a word banks write into memos themselves: choose another`);
  return raw;
}

export interface DatabaseConfig {
  tableName: string;
  endpoint?: string;
  region: string;
}

export function databaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return {
    tableName: env.TABLE_NAME || DEFAULT_TABLE_NAME,
    ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'ap-southeast-1',
  };
}

/** Longest staff session a deployment may configure: one working day. */
export const MAX_STAFF_TOKEN_TTL_MINUTES = 12 * 60;

/**
 * Minutes a staff token stays valid (STAFF_TOKEN_TTL_MINUTES, default 30): short, because
 * a bearer token cannot be recalled once it leaves the counter's browser.
 */
export function staffTokenTtlMinutes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.STAFF_TOKEN_TTL_MINUTES;
  if (raw === undefined || raw === '') return 30;
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_STAFF_TOKEN_TTL_MINUTES) {
    throw new ConfigError(`STAFF_TOKEN_TTL_MINUTES must be a whole number of minutes from 1 to ${MAX_STAFF_TOKEN_TTL_MINUTES}`);
  }
  return minutes;
}
