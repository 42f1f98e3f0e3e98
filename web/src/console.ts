/**
 * The clerk's console: paid orders awaiting confirmation (confirm, then print the
 * receipt), transfers that matched no order (match by hand), money owed back (mark
 * refunded, with a note), cash paid at the counter, and the day's report with its files (.xlsx, CSV).
 * One view at a time, chosen by the address's #fragment so the browser's back works.
 * Each view is a module of console/; this entry wires them and switches between them.
 */
import { consoleWords } from './i18n/console';
import { staffWords } from './i18n/staff';
import { onLang } from './lib/lang';
import type { StaffPageData } from './lib/page-data';
import { startStaffPage } from './lib/staff-page';
import type { StaffSession } from './lib/staff-session';
import { initCash } from './console/cash';
import { loadConfirm } from './console/confirm';
import { $, createContext, VIEWS, type ViewId } from './console/context';
import { initDayReport } from './console/day-report';
import { loadReceipts } from './console/receipts';
import { loadTransfers } from './console/transfers';
import { initIntegrations } from './console/integrations';
import { integrationsWords } from './i18n/integrations';

function start(s: StaffSession, data: StaffPageData): void {
  const ctx = createContext(s, data, () => void load(currentView()));

  const currentView = (): ViewId => {
    const id = window.location.hash.slice(1) as ViewId;
    // Integrations are an admin's: a clerk's console has no such view.
    return VIEWS.includes(id) && (id !== 'tich-hop' || ctx.areaWide) ? id : 'cho-xac-nhan';
  };
  const showView = (focus: boolean) => {
    const view = currentView();
    for (const id of VIEWS) {
      const section = $(id);
      if (section) section.hidden = id !== view;
      const link = $(`tab-${id}`)?.querySelector('a');
      if (link) {
        if (id === view) link.setAttribute('aria-current', 'true');
        else link.removeAttribute('aria-current');
      }
    }
    if (focus) $(`${view}-h`)?.focus();
    if (!ctx.loaded.has(view)) void load(view);
  };
  window.addEventListener('hashchange', () => showView(true));
  document.querySelectorAll<HTMLButtonElement>('[data-refresh]').forEach((b) => {
    b.addEventListener('click', () => void load(b.getAttribute('data-refresh') as ViewId));
  });

  initCash(ctx);
  const loadReport = initDayReport(ctx);
  const loadIntegrations = initIntegrations(ctx);
  if (ctx.areaWide) $('tab-tich-hop')?.removeAttribute('hidden');
  // Cash at the counter has nothing to load: it starts from a reference typed in.
  const loaders: Partial<Record<ViewId, () => Promise<void>>> = {
    'cho-xac-nhan': () => loadConfirm(ctx),
    'chua-khop': () => loadTransfers(ctx, 'UNMATCHED'),
    'hoan-tien': () => loadTransfers(ctx, 'REFUND_DUE'),
    'bien-lai': () => loadReceipts(ctx),
    'bao-cao': loadReport,
    'tich-hop': loadIntegrations,
  };
  async function load(view: ViewId): Promise<void> {
    ctx.loaded.add(view);
    await loaders[view]?.();
  }

  onLang(() => {
    for (const e of ctx.errorSets) e.render();
  });
  showView(false);
}

startStaffPage('console', [staffWords, consoleWords, integrationsWords], start);
