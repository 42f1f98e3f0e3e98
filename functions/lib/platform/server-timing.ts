/**
 * `Server-Timing: db;dur=…, app;dur=…` on every API answer, so a browser's network panel
 * (and a page's PerformanceResourceTiming.serverTiming) or a load test see where a
 * request's time went, in production too. `db` is the time the request spent in DynamoDB
 * calls (the whole SDK call: serialising, signing, the round trip, reading the answer;
 * calls that overlap count once), `app` the rest of the handler's time (validation, the
 * domain, JSON). HTTP parsing and writing the answer out are in neither, nor is a
 * Lambda's time before the app is called (secrets, cold start).
 *
 * The DynamoDB client reports its calls through `databaseCall()` (storage/dynamo.ts adds it
 * to the client's middleware stack); the request they belong to is found by
 * AsyncLocalStorage, so no port or use case carries a timer. Outside a request (jobs,
 * scripts, tests of the store) a call is not timed at all.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';

class RequestTiming {
  /** Milliseconds in database calls, overlapping calls counted once. */
  db = 0;
  private open = 0;
  private since = 0;

  begin(): void {
    if (this.open++ === 0) this.since = performance.now();
  }

  end(): void {
    if (--this.open === 0) this.db += performance.now() - this.since;
  }
}

const current = new AsyncLocalStorage<RequestTiming>();
const ignore = () => {};

/** Marks a database call's start; call what it returns when the call has ended. */
export function databaseCall(): () => void {
  const timing = current.getStore();
  if (!timing) return ignore;
  timing.begin();
  return () => timing.end();
}

/** The header's value: durations in milliseconds, to the hundredth. */
export function serverTimingHeader(dbMs: number, appMs: number): string {
  return `db;dur=${dbMs.toFixed(2)}, app;dur=${appMs.toFixed(2)}`;
}

/**
 * The middleware every app registers first. Where apps are mounted together (the local
 * server), the first one to see a request times it and the others pass it on.
 */
export const serverTiming: MiddlewareHandler = async (c, next) => {
  if (current.getStore()) return next();
  const timing = new RequestTiming();
  const started = performance.now();
  await current.run(timing, next);
  const total = performance.now() - started;
  c.res.headers.append('Server-Timing', serverTimingHeader(timing.db, Math.max(0, total - timing.db)));
};
