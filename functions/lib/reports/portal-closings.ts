/**
 * Orders closed as paid on the national public-service portal (issue 14, item 6), for the
 * day report: read from the day's audit entries (ORDER_PAID_ON_PORTAL, written in the same
 * transaction as the closing), so they are counted apart from the money received here.
 */
import type { AuditEntry } from '../../../shared/audit';
import type { DailyReport, PortalClosing } from '../../../shared/report-views';

export function portalClosings(entries: readonly AuditEntry[], agencyId: string): DailyReport['paidOnPortal'] {
  const items: PortalClosing[] = entries
    .filter((e) => e.action === 'ORDER_PAID_ON_PORTAL' && e.target.agencyId === agencyId)
    .map((e) => {
      const after = e.after ?? {};
      return {
        orderId: e.target.id,
        dossierCode: typeof after.dossierCode === 'string' ? after.dossierCode : null,
        amount: typeof after.amount === 'number' ? after.amount : 0,
        reference: typeof after.portalReference === 'string' ? after.portalReference : '',
        at: e.at,
        by: e.actor,
      };
    })
    .sort((a, b) => a.at.localeCompare(b.at) || a.orderId.localeCompare(b.orderId));
  return { count: items.length, amount: items.reduce((sum, i) => sum + i.amount, 0), items };
}
