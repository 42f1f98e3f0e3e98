/**
 * payOS credentials, per agency. payOS gives each merchant channel (one bank account) a
 * client id, an API key and a checksum key; payouts (refunds) run on a channel of their
 * own with its own three. An agency whose account is watched by payOS
 * (shared/watcher.ts) uses its entry in PAYOS_AGENCIES, or the deployment's
 * PAYOS_CLIENT_ID / PAYOS_API_KEY / PAYOS_CHECKSUM_KEY. All arrive from Secrets Manager
 * (platform/secrets.ts, the `payos` secret of infra/secrets.ts).
 *
 * Development (npm start, tests): without PAYOS_CLIENT_ID and PAYOS_AGENCIES, payOS is
 * off and a payOS agency's orders show our own VietQR (a warning says so once).
 * Production: payOS credentials must be set, or the function refuses to start.
 */
import { ConfigError, isProduction, secret, DEV_SECRETS } from './config';

export interface PayosCredentials {
  clientId: string;
  apiKey: string;
  checksumKey: string;
}

export interface PayosAgencyCredentials extends PayosCredentials {
  /** The payout channel's credentials, when the agency refunds through payOS payouts. */
  payouts?: PayosCredentials;
}

export interface PayosConfig {
  /** PAYOS_API_URL: payOS's merchant API (default https://api-merchant.payos.vn); tests point it at a stand-in. */
  apiUrl: string;
  /** PUBLIC_SITE_URL: the site's origin, where payOS sends the payer back (the pay page). */
  siteUrl: string;
  /** How long one call may take (PAYOS_TIMEOUT_MS, default 10 s): an order waits for it. */
  timeoutMs: number;
  /** The deployment's channel, for payOS agencies without an entry of their own. */
  default?: PayosAgencyCredentials;
  agencies: Readonly<Record<string, PayosAgencyCredentials>>;
}

export const DEFAULT_PAYOS_API_URL = 'https://api-merchant.payos.vn';
const AGENCY_ID = /^[a-z0-9-]{1,64}$/;

function text(value: unknown, name: string, env: NodeJS.ProcessEnv): string {
  if (typeof value !== 'string' || value === '') throw new ConfigError(`${name} must be a non-empty string`);
  if (isProduction(env)) {
    if ((Object.values(DEV_SECRETS) as string[]).includes(value)) throw new ConfigError(`${name} must be set to a real secret when NODE_ENV=production`);
    if (value.length < 16) throw new ConfigError(`${name} is too short (at least 16 characters)`);
  }
  return value;
}

function credentials(value: unknown, name: string, env: NodeJS.ProcessEnv, allowPayouts: boolean): PayosAgencyCredentials {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${name} must be {"clientId", "apiKey", "checksumKey"${allowPayouts ? ', "payouts"?' : ''}}`);
  const { clientId, apiKey, checksumKey, payouts, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length) throw new ConfigError(`${name} has unknown keys: ${Object.keys(rest).join(', ')}`);
  if (payouts !== undefined && !allowPayouts) throw new ConfigError(`${name}.payouts cannot be nested`);
  return {
    clientId: text(clientId, `${name}.clientId`, env),
    apiKey: text(apiKey, `${name}.apiKey`, env),
    checksumKey: text(checksumKey, `${name}.checksumKey`, env),
    ...(payouts !== undefined ? { payouts: credentials(payouts, `${name}.payouts`, env, false) } : {}),
  };
}

function apiUrl(raw: string | undefined, env: NodeJS.ProcessEnv): string {
  if (!raw) return DEFAULT_PAYOS_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PAYOS_API_URL must be a URL');
  }
  if (isProduction(env) && url.protocol !== 'https:') throw new ConfigError('PAYOS_API_URL must be https in production');
  return raw.replace(/\/+$/, '');
}

/** PUBLIC_SITE_URL, the origin of the pages (development: the local server's). */
function siteUrl(env: NodeJS.ProcessEnv): string {
  const raw = env.PUBLIC_SITE_URL;
  if (!raw) {
    if (isProduction(env)) throw new ConfigError('PUBLIC_SITE_URL (the site origin payOS returns the payer to) must be set when NODE_ENV=production');
    return 'http://localhost:3000';
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_SITE_URL must be a URL such as https://motcua.example.vn');
  }
  if (isProduction(env) && url.protocol !== 'https:') throw new ConfigError('PUBLIC_SITE_URL must be https in production');
  return url.origin;
}

/**
 * payOS's configuration, checked at once; undefined when payOS is off (development
 * only). PAYOS_AGENCIES is optional JSON `{"<agencyId>": {"clientId", "apiKey",
 * "checksumKey", "payouts"?: {"clientId", "apiKey", "checksumKey"}}}`; the deployment's
 * payout channel is PAYOS_PAYOUT_CLIENT_ID / _API_KEY / _CHECKSUM_KEY. No value is echoed.
 */
export function payosConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PayosConfig | undefined {
  const agencies: Record<string, PayosAgencyCredentials> = {};
  if (env.PAYOS_AGENCIES) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.PAYOS_AGENCIES);
    } catch {
      throw new ConfigError('PAYOS_AGENCIES must be a JSON object {"<agencyId>": {"clientId", "apiKey", "checksumKey"}}');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError('PAYOS_AGENCIES must be a JSON object {"<agencyId>": {"clientId", "apiKey", "checksumKey"}}');
    for (const [agencyId, entry] of Object.entries(parsed)) {
      if (!AGENCY_ID.test(agencyId)) throw new ConfigError('PAYOS_AGENCIES: an agency id is lower-case letters, digits and hyphens');
      agencies[agencyId] = credentials(entry, `PAYOS_AGENCIES["${agencyId}"]`, env, true);
    }
  }
  const hasDefault = Boolean(env.PAYOS_CLIENT_ID || env.PAYOS_API_KEY);
  if (!hasDefault && Object.keys(agencies).length === 0) {
    if (isProduction(env)) throw new ConfigError('payOS credentials must be set when NODE_ENV=production: PAYOS_CLIENT_ID, PAYOS_API_KEY and PAYOS_CHECKSUM_KEY (or PAYOS_AGENCIES)');
    return undefined;
  }
  const payoutSet = Boolean(env.PAYOS_PAYOUT_CLIENT_ID || env.PAYOS_PAYOUT_API_KEY || env.PAYOS_PAYOUT_CHECKSUM_KEY);
  const timeoutMs = env.PAYOS_TIMEOUT_MS ? Number(env.PAYOS_TIMEOUT_MS) : 10_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000) throw new ConfigError('PAYOS_TIMEOUT_MS must be a whole number of milliseconds from 100 to 60000');
  return {
    apiUrl: apiUrl(env.PAYOS_API_URL, env),
    siteUrl: siteUrl(env),
    timeoutMs,
    ...(hasDefault
      ? {
          default: {
            clientId: text(env.PAYOS_CLIENT_ID, 'PAYOS_CLIENT_ID', env),
            apiKey: text(env.PAYOS_API_KEY, 'PAYOS_API_KEY', env),
            checksumKey: secret('PAYOS_CHECKSUM_KEY', env),
            ...(payoutSet
              ? {
                  payouts: {
                    clientId: text(env.PAYOS_PAYOUT_CLIENT_ID, 'PAYOS_PAYOUT_CLIENT_ID', env),
                    apiKey: text(env.PAYOS_PAYOUT_API_KEY, 'PAYOS_PAYOUT_API_KEY', env),
                    checksumKey: text(env.PAYOS_PAYOUT_CHECKSUM_KEY, 'PAYOS_PAYOUT_CHECKSUM_KEY', env),
                  },
                }
              : {}),
          },
        }
      : {}),
    agencies,
  };
}

/** The credentials payOS knows an agency's channel by (its own, else the deployment's); undefined when none. */
export function payosCredentialsFor(config: PayosConfig | undefined, agencyId: string): PayosAgencyCredentials | undefined {
  if (!config) return undefined;
  return (Object.hasOwn(config.agencies, agencyId) ? config.agencies[agencyId] : undefined) ?? config.default;
}
