/** The one retry-on-conflict loop: pure, with the wait and the randomness handed in. */
import { describe, expect, it } from 'vitest';
import { backoffMs, MAX_ATTEMPTS, RACE_LOST, retryOnConflict, type RaceLost } from '../../functions/lib/platform/retry';

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('retryOnConflict', () => {
  it('answers the first attempt that did not lose a race, without waiting when there was none', async () => {
    const { waits, sleep } = recorder();
    const seen: number[] = [];
    const result = await retryOnConflict(async (n) => (seen.push(n), 'done'), { sleep });
    expect(result).toBe('done');
    expect(seen).toEqual([0]);
    expect(waits).toEqual([]);
  });

  it('runs again after each lost race, waiting the backoff in between', async () => {
    const { waits, sleep } = recorder();
    const seen: number[] = [];
    const result = await retryOnConflict<string>(async (n) => (seen.push(n), n < 3 ? RACE_LOST : `won on ${n}`), { sleep, random: () => 1 });
    expect(result).toBe('won on 3');
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(waits).toEqual([10, 20, 30]);
  });

  it('gives up after MAX_ATTEMPTS lost races with RACE_LOST, and does not wait after the last', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const result: string | RaceLost = await retryOnConflict<string>(async () => (calls++, RACE_LOST), { sleep, random: () => 0.5 });
    expect(result).toBe(RACE_LOST);
    expect(calls).toBe(MAX_ATTEMPTS);
    expect(waits).toHaveLength(MAX_ATTEMPTS - 1);
  });

  it('lets what an attempt throws through at once (a refusal is an answer, not a race)', async () => {
    const { sleep } = recorder();
    let calls = 0;
    await expect(
      retryOnConflict(async () => {
        calls++;
        throw new Error('refused');
      }, { sleep }),
    ).rejects.toThrow('refused');
    expect(calls).toBe(1);
  });

  it('a falsy answer is an answer', async () => {
    expect(await retryOnConflict(async () => false)).toBe(false);
    expect(await retryOnConflict(async () => undefined)).toBe(undefined);
  });
});

describe('backoffMs', () => {
  it('grows 10 ms an attempt up to 250 ms, scaled by the random draw', () => {
    expect(backoffMs(0, () => 1)).toBe(10);
    expect(backoffMs(4, () => 1)).toBe(50);
    expect(backoffMs(24, () => 1)).toBe(250);
    expect(backoffMs(59, () => 1)).toBe(250);
    expect(backoffMs(59, () => 0.5)).toBe(125);
    expect(backoffMs(10, () => 0)).toBe(0);
  });

  it('is at least as patient as both loops it replaced (settlement: 40 × min(250, 10n); staff: 60 × min(200, 5n))', () => {
    const window = (attempts: number, ceiling: (n: number) => number) => Array.from({ length: attempts - 1 }, (_, n) => ceiling(n)).reduce((a, b) => a + b, 0);
    const ours = window(MAX_ATTEMPTS, (n) => backoffMs(n, () => 1));
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(60);
    expect(ours).toBeGreaterThanOrEqual(window(40, (n) => Math.min(250, 10 * (n + 1))));
    expect(ours).toBeGreaterThanOrEqual(window(60, (n) => Math.min(200, 5 * (n + 1))));
  });
});
