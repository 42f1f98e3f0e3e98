/**
 * Vietnam time: UTC+7 all year (no daylight saving), so a fixed offset is exact.
 * Stored times are UTC; days, reports and receipt years are Vietnamese days.
 */
const OFFSET_MS = 7 * 3_600_000;

/** The Vietnamese calendar date (YYYY-MM-DD) of an instant. */
export function vietnamDate(at: string | Date): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instants bounding a Vietnamese day: [start, end). */
export function vietnamDayBounds(day: string): { start: string; end: string } {
  const start = Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS;
  return { start: new Date(start).toISOString(), end: new Date(start + 86_400_000).toISOString() };
}

/**
 * An instant as Vietnam wall-clock time with its offset, to the second:
 * '2026-07-15T10:04:05+07:00'. What e-receipts and their signatures print (Circular
 * 91/2026/TT-BTC: times are Vietnam time).
 */
export function vietnamDateTime(at: string | Date): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a valid instant: ${String(at)}`);
  return `${new Date(ms + OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}
