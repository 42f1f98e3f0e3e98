/** What every part of counter mode shares: who works, for which agency, and the words. */
import type { StaffPageData } from '../lib/page-data';
import type { StaffSession } from '../lib/staff-session';

export interface CounterContext {
  session: StaffSession;
  data: StaffPageData;
  /** An admin serves any agency and chooses which; the others their own. */
  isAdmin: boolean;
  agencySelect: HTMLSelectElement;
  /** The agency the order is for: the chosen one (admin) or one's own. */
  agencyId(): string;
}

export const $ = (id: string) => document.getElementById(id);

/**
 * The everyday name of a procedure (the page's data carries it, shared/short-names.ts at
 * build time), else the name the order stores: counter mode does not download the table.
 */
export function procedureLabel(data: StaffPageData, code: string | undefined, stored: string): string {
  return data.procedures.find((p) => p.code === code)?.name ?? stored;
}

export function createContext(session: StaffSession, data: StaffPageData): CounterContext {
  const isAdmin = session.user.role === 'admin';
  const agencySelect = $('agencyId') as HTMLSelectElement;
  return { session, data, isAdmin, agencySelect, agencyId: () => (isAdmin ? agencySelect.value : (session.user.agencyId ?? '')) };
}
