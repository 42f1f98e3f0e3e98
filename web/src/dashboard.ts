/**
 * The dashboard of the agencies in scope (admin, leader): GET /api/staff/reports/dashboard for a period
 * (this month by default) and one agency or all, drawn as small SVG charts each beside a
 * table of the same numbers (the table is what a screen reader should read), printable,
 * with the files (.xlsx, CSV) the API writes. The period and agency live in the address
 * (?from=&to=&agencyId=), so a reload or a shared link shows the same figures. The
 * controls are dashboard/period.ts, the drawing dashboard/figures.ts.
 */
import { dashboardWords } from './i18n/dashboard';
import { staffWords } from './i18n/staff';
import { startStaffPage } from './lib/staff-page';
import { initDashboard } from './dashboard/period';

startStaffPage('dashboard', [staffWords, dashboardWords], (_session, data) => initDashboard(data));
