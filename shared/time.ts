/**
 * Vietnam time: UTC+7 all year (no daylight saving), so a fixed offset is exact.
 * Stored times are UTC; days, reports and receipt years are Vietnamese days.
 */
const OFFSET_MS = 7 * 3_600_000;

/** Vietnam's IANA time-zone name, as reports state it. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * The instant as Vietnam's wall clock reads it, held in a Date's UTC fields: read it with
 * getUTCFullYear(), toISOString() and the like (its 'Z' then means Vietnam time).
 */
export function vietnamWallClock(at: string | Date): Date {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + OFFSET_MS);
}

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
