/**
 * What every staff page after login shares: how it starts, and the bar with who is logged
 * in, the nav, logout.
 */
import { t, type Family, type MessageKey } from '../i18n';
import { currentLang, initLang, onLang } from './lang';
import { readPageData, type StaffPageData } from './page-data';
import { COUNTER_PAGE, CONSOLE_PAGE, DASHBOARD_PAGE, leave, requireSession, type StaffRole, type StaffSession } from './staff-session';

const ROLE_KEYS: Record<StaffRole, MessageKey> = {
  admin: 'role.admin',
  clerk: 'role.clerk',
  volunteer: 'role.volunteer',
  leader: 'role.leader',
};

/** Roles that may open each staff page (as the API allows their routes). */
export const PAGE_ROLES = {
  counter: ['admin', 'clerk', 'volunteer'] as readonly StaffRole[],
  console: ['admin', 'clerk'] as readonly StaffRole[],
  dashboard: ['admin', 'leader'] as readonly StaffRole[],
};

export type StaffPage = keyof typeof PAGE_ROLES;

export function agencyName(data: StaffPageData, id: string | null | undefined): string {
  return data.agencies.find((a) => a.id === id)?.name ?? id ?? '';
}

export function initStaffBar(session: StaffSession, data: StaffPageData, here: StaffPage): void {
  const bar = document.getElementById('staff-bar');
  if (!bar) return;
  bar.hidden = false;
  const name = document.getElementById('staff-name');
  if (name) name.textContent = session.user.displayName ? `${session.user.displayName} (${session.user.username})` : session.user.username;
  const role = document.getElementById('staff-role');
  const renderRole = () => {
    if (!role) return;
    const agency = session.user.agencyId ? agencyName(data, session.user.agencyId) : '';
    role.textContent = `${t(currentLang(), ROLE_KEYS[session.user.role])}${agency ? ` · ${agency}` : ''}`;
  };
  onLang(renderRole);
  const items: Array<[StaffPage, string, string]> = [
    ['counter', 'nav-counter-item', COUNTER_PAGE],
    ['console', 'nav-console-item', CONSOLE_PAGE],
    ['dashboard', 'nav-dashboard-item', DASHBOARD_PAGE],
  ];
  for (const [page, itemId] of items) {
    const item = document.getElementById(itemId);
    if (item) item.hidden = !PAGE_ROLES[page].includes(session.user.role);
    const link = item?.querySelector('a');
    if (link && page === here) link.setAttribute('aria-current', 'page');
  }
  document.getElementById('logout')?.addEventListener('click', () => leave('logout'));
}

/**
 * Starts a staff page: its words (the families it names), the data the build embedded,
 * the session (or off to the login page, or to the role's own page), the staff bar; then
 * shows the page's section (id = the page's name) and hands over to `start`.
 */
export function startStaffPage(here: StaffPage, families: readonly Family[], start: (session: StaffSession, data: StaffPageData) => void): void {
  initLang(...families);
  const data = readPageData<StaffPageData>('staff-data') ?? { agencies: [], procedures: [], maxQuantity: 1000, maxCopies: 100 };
  const session = requireSession(PAGE_ROLES[here]);
  if (!session) return;
  initStaffBar(session, data, here);
  const root = document.getElementById(here);
  if (root) root.hidden = false;
  start(session, data);
}
