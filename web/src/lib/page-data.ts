/**
 * Data the build embeds in a page as `<script type="application/json">`, read by the
 * page's script. One definition for both sides.
 */
import type { AgencyLevel, ProcedureLevel } from '../../../shared/agency-tree';
import type { Fee } from '../../../shared/fees';
import type { FeeSource } from '../../../shared/fee-rules';

/** Guide page: what the fee form needs to compute the amount live. */
export interface FeeFormData {
  procedureCode: string;
  fee: Fee;
  maxQuantity: number;
  maxCopies: number;
  /** The fee over time and its reliefs: the form computes what is due today with feeDue. */
  source?: FeeSource;
}

/** Pay page: names for codes an order carries, in case the API answer lacks them. */
export interface PayPageData {
  procedures: Record<string, { name: string; nameEn: string }>;
  agencies: Record<string, string>;
  /** BIN → bank name. */
  banks: Record<string, string>;
}

export function readPageData<T>(id: string): T | null {
  const el = document.getElementById(id);
  if (!el?.textContent) return null;
  try {
    return JSON.parse(el.textContent) as T;
  } catch {
    return null;
  }
}

/** Staff pages: the agencies, and (counter) the procedures a fee order can be made for. */
export interface StaffPageData {
  agencies: { id: string; name: string; level: AgencyLevel; parentId?: string }[];
  procedures: {
    code: string;
    name: string;
    nameEn: string;
    level: ProcedureLevel;
    fee: Fee;
    /** Folded words (no diacritics, lower case) the search matches against. */
    search: string;
  }[];
  maxQuantity: number;
  maxCopies: number;
}
