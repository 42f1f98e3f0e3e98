/**
 * One GET to a provider's pull API, with a deadline, read as JSON: every way it can fail
 * becomes a PullError that says why (logged, never the credentials), so the catch-up run
 * records the reason and tries that provider again later without stopping the others.
 */

export type PullFailure =
  /** 429: the provider said when to come back (Retry-After), or a default wait. */
  | { kind: 'rate_limited'; retryAfterMs: number }
  /** Any other status outside 2xx. */
  | { kind: 'http'; status: number }
  /** No answer within the deadline. */
  | { kind: 'timeout' }
  /** Connection refused, reset, DNS... */
  | { kind: 'network' }
  /** An answer that is not what the protocol says (not JSON, wrong shape, a refused credential's error body). */
  | { kind: 'malformed'; reason: string };

export class PullError extends Error {
  constructor(readonly failure: PullFailure) {
    super(describeFailure(failure));
    this.name = 'PullError';
  }
}

export function describeFailure(f: PullFailure): string {
  switch (f.kind) {
    case 'rate_limited': return `rate limited (429), retry after ${Math.ceil(f.retryAfterMs / 1000)} s`;
    case 'http': return `HTTP ${f.status}`;
    case 'timeout': return 'no answer in time';
    case 'network': return 'could not connect';
    case 'malformed': return `malformed answer: ${f.reason}`;
  }
}

/** When a 429 names no time: a minute. Bounded, so a hostile header cannot park a provider for a year. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;
const MAX_RETRY_AFTER_MS = 60 * 60_000;
/** A page of 5,000 SePay transactions is about 3 MB; anything far beyond is not a page. */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/** Retry-After as seconds or as an HTTP date (RFC 9110), bounded to [0, 1 h]. */
export function retryAfterMs(header: string | null, now: Date): number {
  if (!header) return DEFAULT_RETRY_AFTER_MS;
  const text = header.trim();
  const ms = /^\d{1,9}$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now.getTime();
  if (!Number.isFinite(ms)) return DEFAULT_RETRY_AFTER_MS;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

export interface PullRequest {
  url: URL;
  headers: Record<string, string>;
  timeoutMs: number;
  now: Date;
}

export async function getJson({ url, headers, timeoutMs, now }: PullRequest): Promise<unknown> {
  let res: Response;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    res = await fetch(url, { headers: { accept: 'application/json', ...headers }, signal, redirect: 'error' });
  } catch (err) {
    throw new PullError(signal.aborted || (err as Error).name === 'TimeoutError' ? { kind: 'timeout' } : { kind: 'network' });
  }
  try {
    if (res.status === 429) throw new PullError({ kind: 'rate_limited', retryAfterMs: retryAfterMs(res.headers.get('retry-after'), now) });
    if (res.status < 200 || res.status > 299) throw new PullError({ kind: 'http', status: res.status });
    const text = await res.text();
    if (text.length > MAX_ANSWER_BYTES) throw new PullError({ kind: 'malformed', reason: 'answer too large' });
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new PullError({ kind: 'malformed', reason: 'not JSON' });
    }
  } catch (err) {
    if (err instanceof PullError) throw err;
    // The body stopped arriving before the deadline.
    throw new PullError(signal.aborted ? { kind: 'timeout' } : { kind: 'network' });
  } finally {
    // Whatever was not read is let go, so the connection does not linger.
    if (!res.bodyUsed) await res.body?.cancel().catch(() => undefined);
  }
}
