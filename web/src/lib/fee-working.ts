/**
 * The working of an amount, in words the citizen can check: "2 trang × 2.000 ₫ × 3 bản =
 * 12.000 ₫". The numbers come from the one rule (shared/fees.ts feeFor); this only words them.
 */
import type { FeeUnit, FeeWorking } from '../../../shared/fees';
import { t, type Lang } from '../i18n';
import { formatVnd } from './format';

/** "2 trang × 2.000 ₫ × 3 bản = 12.000 ₫"; empty for a fee without units (free, flat). */
export function workingText(lang: Lang, w: FeeWorking, unit: FeeUnit): string {
  if (w.parts.length === 0) return '';
  const part = (units: number, unitAmount: number) => `${units} ${t(lang, units === 1 ? `unit.${unit}` : `units.${unit}`)} × ${formatVnd(unitAmount)}`;
  let perCopy: string;
  if (w.capped) {
    perCopy = `${formatVnd(w.perCopy)} (${t(lang, 'fee.capEach')})`;
  } else {
    const parts = w.parts.map((p) => part(p.units, p.unitAmount));
    perCopy = parts.length > 1 && w.copies > 1 ? `(${parts.join(' + ')})` : parts.join(' + ');
  }
  const copies = w.copies > 1 ? ` × ${t(lang, 'fee.copies', { n: w.copies })}` : '';
  return `${perCopy}${copies} = ${formatVnd(w.amount)}`;
}
