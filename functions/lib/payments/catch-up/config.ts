/**
 * Which pull APIs catch-up reads, from the environment (the contract's names): a provider
 * takes part when its credential is set. SEPAY_API_URL / CASSO_API_URL point elsewhere
 * than the providers' own hosts (tests: local stand-ins).
 *
 * payOS has no transaction list: catching up there means asking about each open payment
 * request (`GET /v2/payment-requests/{paymentLinkId}`), which needs orders that carry a
 * `paymentLinkId`. Orders do not carry one yet (per-agency payOS is being added
 * separately), so PAYOS_API_URL / PAYOS_CLIENT_ID / PAYOS_API_KEY are not read here.
 */
import { ConfigError } from '../../platform/config';
import { cassoSource } from './casso-pull';
import { sepaySource, SEPAY_MAX_LIMIT } from './sepay-pull';
import type { PullSource } from './source';

export const SEPAY_API_DEFAULT = 'https://my.sepay.vn';
export const CASSO_API_DEFAULT = 'https://oauth.casso.vn';
/** How long one request to a pull API may take. */
export const DEFAULT_PULL_TIMEOUT_MS = 15_000;

function baseUrl(name: string, value: string | undefined, fallback: string): string {
  const text = value?.trim() || fallback;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${name} must be a URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))) {
    throw new ConfigError(`${name} must be https (http only to this machine)`);
  }
  return url.toString();
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new ConfigError(`${name} must be a positive integer`);
  return n;
}

export function pullSourcesFromEnv(env: NodeJS.ProcessEnv): PullSource[] {
  const timeoutMs = positiveInt('CATCHUP_TIMEOUT_MS', env.CATCHUP_TIMEOUT_MS, DEFAULT_PULL_TIMEOUT_MS);
  const sources: PullSource[] = [];
  if (env.SEPAY_API_TOKEN) {
    sources.push(sepaySource({ baseUrl: baseUrl('SEPAY_API_URL', env.SEPAY_API_URL, SEPAY_API_DEFAULT), token: env.SEPAY_API_TOKEN, limit: positiveInt('SEPAY_API_LIMIT', env.SEPAY_API_LIMIT, SEPAY_MAX_LIMIT), timeoutMs }));
  }
  if (env.CASSO_API_KEY) {
    sources.push(cassoSource({ baseUrl: baseUrl('CASSO_API_URL', env.CASSO_API_URL, CASSO_API_DEFAULT), apiKey: env.CASSO_API_KEY, pageSize: positiveInt('CASSO_API_PAGE_SIZE', env.CASSO_API_PAGE_SIZE, 100), timeoutMs }));
  }
  return sources;
}
