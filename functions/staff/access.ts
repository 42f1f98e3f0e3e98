/**
 * Every staff route, written once: method, path, who may call it, and whether it reads a
 * JSON body. The registrar (register.ts) attaches each entry's guard and its resource's
 * handler of the same name; the generated authorization test walks STAFF_ROUTES cell by
 * cell. Agency scope (own vs other agency) is enforced per object in the use cases:
 * another agency's object answers 404.
 */
import { STAFF_ROLES, type StaffRole } from '../../shared/roles';

const ALL: readonly StaffRole[] = STAFF_ROLES;
/**
 * Who works with individual orders. Leaders are not among them: the role exists for the
 * figures (the dashboard), which need no citizen's name, phone or order (issue 12,
 * finding 10: least privilege for personal data).
 */
const COUNTER: readonly StaffRole[] = ['admin', 'clerk', 'volunteer'];
const MONEY: readonly StaffRole[] = ['admin', 'clerk'];

export interface RouteEntry {
  method: 'GET' | 'POST';
  path: string;
  /** The route reads a JSON body (its size is limited before the handler runs). */
  body?: 'json';
}

/** The one staff route open to anyone: how a person gets a token. */
export const OPEN_ROUTES = {
  login: { method: 'POST', path: '/api/auth/login', body: 'json' },
} as const satisfies Record<string, RouteEntry>;

export const STAFF_ROUTES = {
  me: { method: 'GET', path: '/api/staff/me', roles: ALL },
  listOrders: { method: 'GET', path: '/api/staff/orders', roles: COUNTER },
  createOrder: { method: 'POST', path: '/api/staff/orders', roles: ['admin', 'clerk', 'volunteer'], body: 'json' },
  getOrder: { method: 'GET', path: '/api/staff/orders/:id', roles: COUNTER },
  confirmOrder: { method: 'POST', path: '/api/staff/orders/:id/confirm', roles: MONEY },
  recordCash: { method: 'POST', path: '/api/staff/orders/:id/cash', roles: MONEY, body: 'json' },
  cancelOrder: { method: 'POST', path: '/api/staff/orders/:id/cancel', roles: MONEY, body: 'json' },
  // Closed as paid on the national public-service portal (dossier filed online): never paid twice (use-cases/portal-payment.ts).
  markPaidOnPortal: { method: 'POST', path: '/api/staff/orders/:id/paid-on-portal', roles: MONEY, body: 'json' },
  listTransfers: { method: 'GET', path: '/api/staff/transactions', roles: MONEY },
  matchTransfer: { method: 'POST', path: '/api/staff/transactions/:id/match', roles: MONEY, body: 'json' },
  // The likely orders for an unmatched transfer (functions/staff/routes/suggestions.ts); the clerk then matches one.
  transferSuggestions: { method: 'GET', path: '/api/staff/transactions/:id/suggestions', roles: MONEY },
  recordRefund: { method: 'POST', path: '/api/staff/transactions/:id/refund', roles: MONEY, body: 'json' },
  // The refund's outgoing transfer seen on the statement, when no provider reported it.
  confirmRefund: { method: 'POST', path: '/api/staff/transactions/:id/refund/confirm', roles: MONEY, body: 'json' },
  // The day's summary for the tax authority (form 01/TH-BLĐT), before `:id` so its path is not taken for an id.
  dailySummary: { method: 'GET', path: '/api/staff/receipts/daily-summary', roles: MONEY },
  dailySummaryXml: { method: 'GET', path: '/api/staff/receipts/daily-summary.xml', roles: MONEY },
  // Sending it to the tax authority now (an admin; the schedule sends it otherwise), and the outbox's documents.
  sendDailySummary: { method: 'POST', path: '/api/staff/receipts/daily-summary/send', roles: ['admin'], body: 'json' },
  taxDocumentXml: { method: 'GET', path: '/api/staff/tax-documents/xml', roles: MONEY },
  recordTaxAnswer: { method: 'POST', path: '/api/staff/tax-documents/answer', roles: ['admin'], body: 'json' },
  getReceipt: { method: 'GET', path: '/api/staff/receipts/:id', roles: MONEY },
  // The lawful e-receipt: its XML, signed by the agency (application/xml).
  getReceiptXml: { method: 'GET', path: '/api/staff/receipts/:id/xml', roles: MONEY },
  cancelReceipt: { method: 'POST', path: '/api/staff/receipts/:id/cancel', roles: MONEY, body: 'json' },
  // A mistake in an issued receipt notified to the tax authority (04/SS-CTĐT, signed, sent through the outbox).
  noticeReceiptMistake: { method: 'POST', path: '/api/staff/receipts/:id/error-notice', roles: MONEY, body: 'json' },
  // Anyone who helps at the counter sees their own tally; an admin may ask for anyone's.
  tally: { method: 'GET', path: '/api/staff/tally', roles: ['admin', 'clerk', 'volunteer'] },
  audit: { method: 'GET', path: '/api/staff/audit', roles: ['admin'] },
  listUsers: { method: 'GET', path: '/api/staff/users', roles: ['admin'] },
  createUser: { method: 'POST', path: '/api/staff/users', roles: ['admin'], body: 'json' },
  disableUser: { method: 'POST', path: '/api/staff/users/:username/disable', roles: ['admin'] },
  enableUser: { method: 'POST', path: '/api/staff/users/:username/enable', roles: ['admin'] },
  resetPassword: { method: 'POST', path: '/api/staff/users/:username/password', roles: ['admin'], body: 'json' },
  // An agency's e-receipt registration with the tax authority (01/ĐKTĐ-CTĐT; routes/registration.ts).
  listRegistrations: { method: 'GET', path: '/api/staff/agencies/:id/e-receipt-registration', roles: ['admin'] },
  declareRegistration: { method: 'POST', path: '/api/staff/agencies/:id/e-receipt-registration', roles: ['admin'], body: 'json' },
  registrationXml: { method: 'GET', path: '/api/staff/agencies/:id/e-receipt-registration/xml', roles: ['admin'] },
  registrationPrint: { method: 'GET', path: '/api/staff/agencies/:id/e-receipt-registration/print', roles: ['admin'] },
  answerRegistration: { method: 'POST', path: '/api/staff/agencies/:id/e-receipt-registration/answer', roles: ['admin'], body: 'json' },
  // Reports (functions/staff/routes/reports.ts): a clerk's own agency, an admin's any; leaders read the district figures only.
  reportDaily: { method: 'GET', path: '/api/staff/reports/daily', roles: MONEY },
  receiptRegister: { method: 'GET', path: '/api/staff/reports/receipts', roles: MONEY },
  dashboard: { method: 'GET', path: '/api/staff/reports/dashboard', roles: ['admin', 'leader'] },
  // Phí, lệ phí and the State Treasury (routes/treasury.ts): the agency's money handlers; leaders read it.
  treasuryReport: { method: 'GET', path: '/api/staff/reports/treasury', roles: ['admin', 'clerk', 'leader'] },
  // Ask the providers' pull APIs for missed transfers now (functions/staff/routes/catch-up.ts).
  catchUp: { method: 'POST', path: '/api/staff/catch-up', roles: ['admin'] },
  // Machine clients (functions/staff/routes/integrations.ts): admins of every agency the integration serves.
  listIntegrations: { method: 'GET', path: '/api/staff/integrations', roles: ['admin'] },
  createIntegration: { method: 'POST', path: '/api/staff/integrations', roles: ['admin'], body: 'json' },
  getIntegration: { method: 'GET', path: '/api/staff/integrations/:id', roles: ['admin'] },
  rotateIntegrationKey: { method: 'POST', path: '/api/staff/integrations/:id/rotate', roles: ['admin'], body: 'json' },
  revokeIntegration: { method: 'POST', path: '/api/staff/integrations/:id/revoke', roles: ['admin'] },
  listDeliveries: { method: 'GET', path: '/api/staff/integrations/:id/deliveries', roles: ['admin'] },
  replayDelivery: { method: 'POST', path: '/api/staff/integrations/:id/deliveries/:deliveryId/replay', roles: ['admin'] },
} as const satisfies Record<string, RouteEntry & { roles: readonly StaffRole[] }>;

export type StaffRouteName = keyof typeof STAFF_ROUTES;
export type OpenRouteName = keyof typeof OPEN_ROUTES;

/** Every route the staff app serves, open or guarded, by name. */
export type StaffApiRoutes = typeof OPEN_ROUTES & typeof STAFF_ROUTES;

export function allows(route: StaffRouteName, role: StaffRole): boolean {
  return (STAFF_ROUTES[route].roles as readonly StaffRole[]).includes(role);
}
