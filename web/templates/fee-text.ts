/** Vietnamese words for a fee rule, for guide pages and the procedure list. */
import type { Fee, FeeUnit } from '../../shared/fees';
import { t } from '../src/i18n';
import { formatVnd } from '../src/lib/format';

/** The Vietnamese word for a fee unit: 'page' → "trang". */
export function unitWord(unit: FeeUnit): string {
  return t('vi', `unit.${unit}`);
}

/** Whether the amount depends on a number the citizen enters (pages, copies, cases). */
export function feeCountsUnits(fee: Fee): fee is Extract<Fee, { kind: 'per_unit' | 'tiered' }> {
  return fee.kind === 'per_unit' || fee.kind === 'tiered';
}

/** Short form for the list: "Miễn phí", "50.000 ₫", "2.000 ₫/trang", "từ 1.000 ₫/trang". */
export function feeSummary(fee: Fee): string {
  switch (fee.kind) {
    case 'free':
      return 'Miễn phí';
    case 'flat':
      return formatVnd(fee.amount);
    case 'per_unit':
      return `${formatVnd(fee.unitAmount)}/${unitWord(fee.unit)}`;
    case 'tiered': {
      const amounts = fee.tiers.map((tier) => tier.unitAmount);
      const min = amounts.length > 0 ? Math.min(...amounts) : 0;
      return `từ ${formatVnd(min)}/${unitWord(fee.unit)}`;
    }
  }
}

/**
 * The whole rule in a sentence or two. Tiers count cumulatively: `upTo` is the last
 * unit (1-based) the tier's price applies to, `null` for "and beyond".
 */
export function feeDescription(fee: Fee): string {
  switch (fee.kind) {
    case 'free':
      return 'Miễn phí: thủ tục này không thu lệ phí.';
    case 'flat':
      return `${formatVnd(fee.amount)} cho mỗi hồ sơ.`;
    case 'per_unit':
      return `${formatVnd(fee.unitAmount)} cho mỗi ${unitWord(fee.unit)}.`;
    case 'tiered': {
      const unit = unitWord(fee.unit);
      let from = 1;
      const parts: string[] = [];
      for (const tier of fee.tiers) {
        const price = `${formatVnd(tier.unitAmount)}/${unit}`;
        if (tier.upTo === null) {
          parts.push(from === 1 ? price : `${price} từ ${unit} thứ ${from} trở đi`);
          break;
        }
        parts.push(tier.upTo === from ? `${price} cho ${unit} thứ ${from}` : `${price} cho ${unit} thứ ${from} đến thứ ${tier.upTo}`);
        from = tier.upTo + 1;
      }
      const cap = fee.cap === null ? '' : ` Tối đa ${formatVnd(fee.cap)} cho một lần nộp.`;
      return `${capitalise(parts.join('; '))}.${cap}`;
    }
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
