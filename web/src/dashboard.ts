/**
 * The district dashboard (admin, leader): GET /api/staff/reports/dashboard for a period
 * (this month by default) and one agency or all, drawn as small SVG charts each beside a
 * table of the same numbers (the table is what a screen reader should read), printable,
 * with the CSV the API writes. The period and agency live in the address (?from=&to=
 * &agencyId=), so a reload or a shared link shows the same figures. The controls are
 * dashboard/period.ts, the drawing dashboard/figures.ts.
 */
import { dashboardWords } from './i18n/dashboard';
import { staffWords } from './i18n/staff';
import { initLang } from './lib/lang';
import { readPageData, type StaffPageData } from './lib/page-data';
import { initStaffBar, PAGE_ROLES } from './lib/staff-page';
import { requireSession, type StaffSession } from './lib/staff-session';
import { initDashboard } from './dashboard/period';

initLang(staffWords, dashboardWords);

const data = readPageData<StaffPageData>('staff-data') ?? { agencies: [], procedures: [], maxQuantity: 0 };
const session = requireSession(PAGE_ROLES.dashboard);

function start(s: StaffSession): void {
  initStaffBar(s, data, 'dashboard');
  const root = document.getElementById('dashboard');
  if (root) root.hidden = false;
  initDashboard(data);
}

// Last, once every module-level constant above is initialised.
if (session) start(session);
