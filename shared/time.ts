/**
 * Vietnam's clock, the one place that knows it: UTC+7 all year (no daylight saving since
 * 1975), so a fixed offset is exact and needs no time-zone database, in Node or in the
 * browser. Stored times are UTC; days, reports, receipt years and the providers' local
 * timestamps are Vietnamese.
 */
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

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

/** The inverse: a Vietnamese wall-clock reading held in a Date's UTC fields → the instant it names. */
export function fromVietnamWallClock(wall: Date): Date {
  return new Date(wall.getTime() - OFFSET_MS);
}

/** The Vietnamese calendar date (YYYY-MM-DD) of an instant. */
export function vietnamDate(at: string | Date): string {
  return vietnamWallClock(at).toISOString().slice(0, 10);
}

/** The UTC instants bounding a Vietnamese day: [start, end). */
export function vietnamDayBounds(day: string): { start: string; end: string } {
  const start = Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS;
  return { start: new Date(start).toISOString(), end: new Date(start + DAY_MS).toISOString() };
}

// ---- Calendar days (YYYY-MM-DD) ---------------------------------------------------------

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** '2026-03-14' → '14/03/2026', as Vietnamese forms write dates. */
export function vnDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** An instant as a Vietnamese wall-clock time: '14/03/2026 08:05:03'. */
export function vnDateTime(iso: string): string {
  const local = vietnamWallClock(iso).toISOString();
  return `${vnDay(local.slice(0, 10))} ${local.slice(11, 19)}`;
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
