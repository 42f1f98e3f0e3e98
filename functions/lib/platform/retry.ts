/**
 * Retry on a lost race: the one loop behind every "read, advance, write conditionally"
 * (settlement, the staff's money actions, the expiry sweeper). An attempt reads afresh,
 * moves the order with `advance` and writes conditional on the version it read; when the
 * write finds the order changed meanwhile, the attempt answers RACE_LOST and runs again
 * after a short random wait.
 */

/** What an attempt answers when its conditional write lost to another writer. */
export const RACE_LOST: unique symbol = Symbol('race lost');
export type RaceLost = typeof RACE_LOST;

/**
 * Sized for the worst contention the tests drive: fifty clerks confirming at once in one
 * agency (one receipt counter) and a storm of notifications splitting one order's
 * payment. Past this, the caller says "busy, try again" (409 to staff, 503 to a provider).
 */
export const MAX_ATTEMPTS = 60;

/**
 * "Full jitter": a random wait below a ceiling that grows 10 ms an attempt up to 250 ms,
 * so racers spread out instead of colliding again in step. Up to about 12 s in all.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return random() * Math.min(250, 10 * (attempt + 1));
}

export interface RetryHooks {
  /** Waits; tests hand in one that records instead. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` (given its 0-based number) until it answers anything but RACE_LOST, at
 * most MAX_ATTEMPTS times; RACE_LOST if every attempt lost. What an attempt throws
 * propagates at once: a refusal is an answer, not a race.
 */
export async function retryOnConflict<T>(attempt: (n: number) => Promise<T | RaceLost>, hooks: RetryHooks = {}): Promise<T | RaceLost> {
  const sleep = hooks.sleep ?? sleepFor;
  for (let n = 0; n < MAX_ATTEMPTS; n++) {
    const result = await attempt(n);
    if (result !== RACE_LOST) return result;
    if (n + 1 < MAX_ATTEMPTS) await sleep(backoffMs(n, hooks.random));
  }
  return RACE_LOST;
}
