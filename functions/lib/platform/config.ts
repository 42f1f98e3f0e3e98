/**
 * Configuration, read once from the environment. Development secrets have documented
 * defaults so `npm start` works on a fresh clone; in production (NODE_ENV=production)
 * a missing or default secret stops the service instead of weakening it.
 */
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

/** The secret each payment provider signs its notifications with. */
export const PROVIDER_SECRET: Record<Provider, 'PAYOS_CHECKSUM_KEY' | 'SEPAY_API_KEY' | 'CASSO_SECRET'> = {
  payos: 'PAYOS_CHECKSUM_KEY',
  sepay: 'SEPAY_API_KEY',
  casso: 'CASSO_SECRET',
};

/** Every provider's secret, read (and checked) at once. */
export function providerSecretsFromEnv(env: NodeJS.ProcessEnv = process.env): (provider: Provider) => string {
  const secrets = Object.fromEntries(Object.entries(PROVIDER_SECRET).map(([p, name]) => [p, secret(name, env)])) as Record<Provider, string>;
  return (provider) => secrets[provider];
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
