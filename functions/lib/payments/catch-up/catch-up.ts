/**
 * Catch-up: ask each configured provider's pull API what arrived since its cursor and
 * settle every record through settleTransfer, under the very transfer key its webhook
 * gives, so a webhook after a catch-up is a duplicate and a catch-up after a webhook finds
 * duplicates. Runs every 10 minutes (the sweeper Lambda's schedule on AWS, a timer under
 * `npm start`) and on an admin's `POST /api/staff/catch-up`.
 *
 * Each source runs on its own: a provider that is slow, answers 429 (its Retry-After is
 * kept in the cursor and honoured), 5xx or something malformed is logged with the reason
 * and asked again at a later run; the others go on. A cursor moves only forwards, only
 * once everything before it is settled, and only by a write conditional on the version
 * read (cursor-store.ts), so a crash, two runs at once, repeated or out-of-order pages, or
 * a provider reaching back before the cursor can neither lose a transfer nor settle one
 * twice (settlement itself records a key once).
 */
import type { BaseDeps } from '../../deps';
import { log } from '../../platform/log';
import { settleTransfer, type Settlement } from '../settlement';
import type { CatchUpCursor, CursorStore } from './ports';
import { describeFailure, PullError } from './pull-http';
import type { Pulled, PullSource } from './source';

export interface CatchUpDeps extends Pick<BaseDeps, 'store' | 'catalogue' | 'now' | 'paymentCodePrefix'> {
  cursors: CursorStore;
  sources: readonly PullSource[];
  /** Records settled at once per source (default 8). */
  concurrency?: number;
}

export interface Tally {
  /** Records the pull APIs returned (readable or not). */
  found: number;
  /** Transfers that paid an order now. */
  settled: number;
  /** Already recorded (by a webhook or an earlier run). */
  duplicates: number;
  /** Recorded now for a clerk to match. */
  unmatched: number;
  /** Recorded now as not a payment (outgoing, another account). */
  ignored: number;
  /** Records that could not be read (logged with the provider's id and the reason). */
  unreadable: number;
  /** Records whose settlement failed (tried again at the next run: the cursor stayed before them). */
  failed: number;
}

export type SourceStatus = 'ok' | 'waiting' | 'failed' | 'busy';
export interface SourceOutcome extends Tally {
  status: SourceStatus;
  reason?: string;
  /** The cursor after the run. */
  position?: string;
}

export interface CatchUpResult extends Tally {
  sources: Record<string, SourceOutcome>;
}

const emptyTally = (): Tally => ({ found: 0, settled: 0, duplicates: 0, unmatched: 0, ignored: 0, unreadable: 0, failed: 0 });
const TALLY_KEYS = Object.keys(emptyTally()) as (keyof Tally)[];

export async function runCatchUp(deps: CatchUpDeps): Promise<CatchUpResult> {
  const outcomes = await Promise.all(deps.sources.map((source) => runSource(deps, source)));
  const result: CatchUpResult = { ...emptyTally(), sources: {} };
  deps.sources.forEach((source, i) => {
    const outcome = outcomes[i]!;
    result.sources[source.name] = outcome;
    for (const k of TALLY_KEYS) result[k] += outcome[k];
  });
  return result;
}

async function runSource(deps: CatchUpDeps, source: PullSource): Promise<SourceOutcome> {
  const tally = emptyTally();
  const now = deps.now();
  let cursor: CatchUpCursor;
  try {
    cursor = await deps.cursors.getCursor(source.name);
  } catch (err) {
    log.error('catch-up could not read its cursor', { source: source.name, err });
    return { ...tally, status: 'failed', reason: 'cursor unreadable' };
  }
  if (cursor.notBefore && cursor.notBefore > now.toISOString()) {
    return { ...tally, status: 'waiting', reason: `rate limited until ${cursor.notBefore}`, ...position(cursor) };
  }
  // Writes the cursor as read plus `change`; false when another run moved it meanwhile.
  const save = async (change: Partial<CatchUpCursor>): Promise<boolean> => {
    const next: CatchUpCursor = { source: source.name, version: cursor.version, lastRunAt: now.toISOString(), ...position(cursor), ...change };
    if (!(await deps.cursors.saveCursor(next))) return false;
    cursor = { ...next, version: next.version + 1 };
    return true;
  };

  try {
    for await (const batch of source.pull(cursor.position, now)) {
      const failedBefore = tally.failed;
      await settleAll(deps, source.name, batch.items, tally);
      if (tally.failed > failedBefore) {
        await save({ lastError: 'a transfer could not be settled' });
        return { ...tally, status: 'failed', reason: 'a transfer could not be settled; tried again next run', ...position(cursor) };
      }
      if (batch.position !== undefined) {
        const forward = cursor.position === undefined || source.after(batch.position, cursor.position) ? batch.position : cursor.position;
        if (!(await save({ position: forward }))) {
          log.warn('catch-up cursor moved by another run', { source: source.name });
          return { ...tally, status: 'busy', reason: 'another run moved the cursor' };
        }
      }
    }
    if (cursor.lastError || cursor.notBefore || cursor.lastRunAt !== now.toISOString()) await save({ lastError: undefined, notBefore: undefined });
    log.info('catch-up source read', { source: source.name, ...tally, position: cursor.position });
    return { ...tally, status: 'ok', ...position(cursor) };
  } catch (err) {
    const reason = err instanceof PullError ? describeFailure(err.failure) : 'unexpected error';
    log.warn('catch-up source failed; tried again next run', { source: source.name, reason, ...(err instanceof PullError ? {} : { err }) });
    const notBefore = err instanceof PullError && err.failure.kind === 'rate_limited' ? new Date(now.getTime() + err.failure.retryAfterMs).toISOString() : undefined;
    await save({ lastError: reason, notBefore }).catch((e: unknown) => log.error('catch-up could not save its cursor', { source: source.name, err: e }));
    return { ...tally, status: 'failed', reason, ...position(cursor) };
  }
}

const position = (c: Pick<CatchUpCursor, 'position'>) => (c.position === undefined ? {} : { position: c.position });

/** Settles the records of one page, a few at a time, counting each outcome. */
async function settleAll(deps: CatchUpDeps, source: string, items: readonly Pulled[], tally: Tally): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      tally.found++;
      if (!item.ok) {
        tally.unreadable++;
        log.warn('catch-up record unreadable; skipped', { source, id: item.id, reason: item.reason });
        continue;
      }
      let settlement: Settlement;
      try {
        settlement = await settleTransfer(deps, item.transfer, item.raw);
      } catch (err) {
        tally.failed++;
        log.warn('catch-up could not settle a transfer', { source, id: item.transfer.providerId, err });
        continue;
      }
      if (settlement.kind === 'settled') tally.settled++;
      else if (settlement.kind === 'duplicate') tally.duplicates++;
      else if (settlement.kind === 'unmatched') tally.unmatched++;
      else tally.ignored++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 8) }, worker));
}
