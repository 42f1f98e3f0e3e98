/** Number and date formatting the same way at build time and in the browser. */
import { vietnamWallClock } from '../../../shared/time';

/** 25000 → "25.000 ₫" (Vietnamese thousands separator, đồng sign after). */
export function formatVnd(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(Math.round(amount)));
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}

/** "2025-11-22T07:30:00Z" → "14:30 22/11/2025" in Asia/Ho_Chi_Minh, whatever the device's zone. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // Vietnam's clock is a fixed offset: no dependence on an old browser's Intl time zone data.
  const local = vietnamWallClock(date);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} ${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

/** Time of day only, for "updated at". */
export function formatTime(date: Date): string {
  const local = vietnamWallClock(date);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
}
