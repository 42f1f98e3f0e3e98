/** How the dashboard writes its numbers, dates, shares and durations. */
import { t, type Lang } from '../i18n';

/** 2026-03-14 → 14/03/2026. */
export function dayText(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** 0.9524 → "95,24 %" (Vietnamese) or "95.24%"; null (nothing to divide) → "—". */
export function percentText(share: number | null | undefined, lang: Lang): string {
  if (share === null || share === undefined) return '—';
  const n = Math.round(share * 10_000) / 100;
  return lang === 'vi' ? `${String(n).replace('.', ',')} %` : `${n}%`;
}

/** 1890 → "31 phút 30 giây"; null → "—". */
export function durationText(seconds: number | null | undefined, lang: Lang): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  if (s < 60) return t(lang, 'dur.s', { n: s });
  if (s < 3600) return t(lang, 'dur.m', { m: Math.floor(s / 60), s: s % 60 });
  if (s < 86_400) return t(lang, 'dur.h', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
  return t(lang, 'dur.d', { d: Math.floor(s / 86_400), h: Math.floor((s % 86_400) / 3600) });
}

/** 12345 → "12.345" (Vietnamese thousands separator). */
export const countText = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
