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

export function createContext(session: StaffSession, data: StaffPageData): CounterContext {
  const isAdmin = session.user.role === 'admin';
  const agencySelect = $('agencyId') as HTMLSelectElement;
  return { session, data, isAdmin, agencySelect, agencyId: () => (isAdmin ? agencySelect.value : (session.user.agencyId ?? '')) };
}
