/**
 * The key grammar of the one table (table.ts gives its attributes and indexes): every
 * partition key, sort key and index key any item carries is built here and nowhere else.
 * The DynamoDB adapters beside this file write and read them; infra/table-access.ts grants
 * IAM `dynamodb:LeadingKeys` by the same prefixes; test/functions/key-grammar.test.ts
 * fails when a prefix is spelled anywhere else. Plain TypeScript without imports, so the
 * CDK app can use it too.
 *
 *   PK                                    SK              indexes
 *   CATALOGUE                             AGENCY#<id> | PROCEDURE#<code> | META#SEEDED
 *   ORDER#<id>                            ORDER           GSI1 AGENCY#<agency> / ORDER#<createdAt>#<id>
 *                                                         GSI2 EXPIRES#<yyyy-mm-dd> / <expiresAt>#<id> (only while unpaid)
 *                                                         GSI3 ASSISTED#<volunteer> / <createdAt>#<id> (assisted orders)
 *   TRANSFER#<provider>:<id>              TRANSFER        GSI1 AGENCY#<agency|NONE> / TRANSFER#<receivedAt>#<key>
 *                                                         GSI2 UNMATCHED#<agency|NONE> / <receivedAt>#<key> (only while unmatched)
 *                                                         GSI3 REFUND#<agency|NONE> / <receivedAt>#<key> (only while a refund is due)
 *                                                         GSI3 REFUNDED#<agency> / <refund.at>#<key> (once refunded)
 *   RECEIPT#<agency>-<symbol>-<number>    RECEIPT         GSI1 AGENCY#<agency> / RECEIPT#<issuedAt>#<id>
 *                                                         GSI2 RCANCELLED#<agency> / <issuedAt>#<id> (cancelled)
 *                                                         GSI3 RCANCELLEDAT#<agency> / <cancelledAt>#<id> (cancelled)
 *   COUNTER#RECEIPT#<agency>#<symbol>     COUNTER         n: the last receipt number issued (gapless)
 *   AUDIT#<yyyy-mm-dd>                    <at>#<id>       GSI1 AUDITBY#<actor> / <at>#<id>
 *   AUDIT#<yyyy-mm-dd>                    <window start>#LOGINFAIL#<window>#<username>#<address>
 *                                                         the refused logins of one username from one address in one
 *                                                         15-minute window, one entry, counted (GSI1 as above)
 *   IDEM#<key>                            IDEM            ttl: 24 h
 *   DAYSUM#<agency>                       <yyyy-mm-dd>    a closed day's report summary
 *   USER#<username>                       USER            GSI1 USERS / <username>
 *   TAXDOC#<agency>                       SUMMARY#<yyyy-mm-dd>#<nn> | NOTICE#<at>#<id> | REGISTRATION#<at>#<id>
 *                                                         documents for the tax authority and their outbox state
 *                                                         (01/TH-BLĐT, 04/SS-CTĐT; functions/lib/receipts/tax-documents.ts)
 *   LOGINFAIL#user#<username>             W#<window>      count, ttl (failed logins in one 15-minute window, any address)
 *   LOGINFAIL#user#<username>             W#<window>#FROM#<address>   count, ttl (from one address)
 *   LOGINFAIL#ip#<address>                W#<window>      count, ttl (any username)
 *   CURSOR#<source>                       CURSOR          catch-up: how far a provider's pull API was read (versioned)
 *   EVENT#<id>                            EVENT           GSI2 OUTBOX / <at>#<id> (only until fanned out to the integrations)
 *                                                         an outgoing event, written in the transaction of its change
 *   INTEGRATION#<id>                      INTEGRATION     GSI1 INTEGRATIONS / <createdAt>#<id> (a machine client)
 *   INTEGRATION#<id>                      DELIVERY#<event id>   GSI2 DELIVERIESDUE / <next attempt>#<integration>#<event> (while due)
 *   DOSSIER#<integration>#<dossier code>  DOSSIER         the order an integration made for a dossier (idempotency, lookup)
 *   APIRATE#<integration>                 W#<window>      count, ttl (requests of one key in one minute)
 */

/** The prefixes keys begin with, by what follows them. */
export const PREFIX = {
  agency: 'AGENCY#',
  procedure: 'PROCEDURE#',
  meta: 'META#',
  order: 'ORDER#',
  transfer: 'TRANSFER#',
  receipt: 'RECEIPT#',
  counter: 'COUNTER#',
  audit: 'AUDIT#',
  auditBy: 'AUDITBY#',
  idempotency: 'IDEM#',
  daySummary: 'DAYSUM#',
  taxDocument: 'TAXDOC#',
  taxSummary: 'SUMMARY#',
  taxNotice: 'NOTICE#',
  taxRegistration: 'REGISTRATION#',
  user: 'USER#',
  loginFailures: 'LOGINFAIL#',
  loginWindow: 'W#',
  loginFrom: 'FROM#',
  expires: 'EXPIRES#',
  assisted: 'ASSISTED#',
  unmatched: 'UNMATCHED#',
  refundDue: 'REFUND#',
  refunded: 'REFUNDED#',
  receiptCancelled: 'RCANCELLED#',
  receiptCancelledAt: 'RCANCELLEDAT#',
  cursor: 'CURSOR#',
  event: 'EVENT#',
  integration: 'INTEGRATION#',
  delivery: 'DELIVERY#',
  dossier: 'DOSSIER#',
  apiRate: 'APIRATE#',
} as const;

/** Partition keys that are whole words, not prefixes. */
export const PARTITION = {
  /** Agencies and procedures, one partition. */
  catalogue: 'CATALOGUE',
  /** Every staff account, in GSI1 (listing users). */
  users: 'USERS',
  /** GSI2: outgoing events not yet fanned out to the integrations (the outbox). */
  outbox: 'OUTBOX',
  /** GSI2: deliveries of events waiting for their next attempt. */
  deliveriesDue: 'DELIVERIESDUE',
  /** GSI1: every integration (machine client). */
  integrations: 'INTEGRATIONS',
} as const;

/** A transfer paid into no known agency's account is filed under this agency. */
export const NO_AGENCY = 'NONE';

export interface Key {
  PK: string;
  SK: string;
}

// ---- Items of the table -----------------------------------------------------------------

export const catalogueAgencySk = (id: string) => `${PREFIX.agency}${id}`;
export const catalogueProcedureSk = (code: string) => `${PREFIX.procedure}${code}`;
export const CATALOGUE_SEEDED: Key = { PK: PARTITION.catalogue, SK: `${PREFIX.meta}SEEDED` };

export const orderKey = (id: string): Key => ({ PK: `${PREFIX.order}${id}`, SK: 'ORDER' });
/** The order id in an order's partition key. */
export const orderIdOfKey = (pk: string) => pk.slice(PREFIX.order.length);

export const transferKey = (key: string): Key => ({ PK: `${PREFIX.transfer}${key}`, SK: 'TRANSFER' });
export const receiptKey = (id: string): Key => ({ PK: `${PREFIX.receipt}${id}`, SK: 'RECEIPT' });
export const receiptCounterKey = (agencyId: string, symbol: string): Key => ({ PK: `${PREFIX.counter}RECEIPT#${agencyId}#${symbol}`, SK: 'COUNTER' });
/** Catch-up (lib/payments/catch-up): how far one provider's pull API has been read. */
export const catchUpCursorKey = (source: string): Key => ({ PK: `${PREFIX.cursor}${source}`, SK: 'CURSOR' });
export const idempotencyKey = (key: string): Key => ({ PK: `${PREFIX.idempotency}${key}`, SK: 'IDEM' });

/** Audit entries are partitioned by their Vietnamese day. */
export const auditPartition = (day: string) => `${PREFIX.audit}${day}`;
export const auditKey = (day: string, at: string, id: string): Key => ({ PK: auditPartition(day), SK: `${at}#${id}` });
/** The id of the one audit entry of a username's refused logins from one address in one window (epoch seconds). */
export const refusedLoginsId = (windowStart: number, username: string, address: string) => `${PREFIX.loginFailures}${windowStart}#${username}#${address}`;

export const daySummaryPartition = (agencyId: string) => `${PREFIX.daySummary}${agencyId}`;
export const daySummaryKey = (agencyId: string, day: string): Key => ({ PK: daySummaryPartition(agencyId), SK: day });

/** An agency's documents for the tax authority (its outbox). */
export const taxDocumentPartition = (agencyId: string) => `${PREFIX.taxDocument}${agencyId}`;
/** The sort key of a day's summary table, by its amendment (0 = the first time); without one, the day's prefix. */
export const taxSummarySk = (day: string, amendment?: number) => `${PREFIX.taxSummary}${day}#${amendment === undefined ? '' : String(amendment).padStart(3, '0')}`;
/** The sort key of an error notice; without an instant, the prefix of all of them. */
export const taxNoticeSk = (at?: string, id?: string) => `${PREFIX.taxNotice}${at === undefined ? '' : `${at}#${id ?? ''}`}`;

/** The sort key of an e-receipt registration declaration (01/ĐKTĐ-CTĐT); without an id, the prefix of all of them. */
export const taxRegistrationSk = (id?: string) => `${PREFIX.taxRegistration}${id ?? ''}`;

export const userKey = (username: string): Key => ({ PK: `${PREFIX.user}${username}`, SK: 'USER' });
/** Failed logins of one username or one client address in the window starting at `windowStart` (epoch seconds). */
export const loginFailuresKey = (kind: 'user' | 'ip', id: string, windowStart: number): Key => ({
  PK: `${PREFIX.loginFailures}${kind}#${id}`,
  SK: `${PREFIX.loginWindow}${windowStart}`,
});
/** Failed logins of one username from one client address: in the username's partition, so a password reset finds them. */
export const loginFailuresFromKey = (username: string, address: string, windowStart: number): Key => {
  const { PK, SK } = loginFailuresKey('user', username, windowStart);
  return { PK, SK: `${SK}#${PREFIX.loginFrom}${address}` };
};
/** Whether a sort key in a username's partition belongs to the window (its own count or one from an address). */
export const isLoginFailuresOfWindow = (sk: string, windowStart: number) => {
  const own = loginFailuresKey('user', '', windowStart).SK;
  return sk === own || sk.startsWith(`${own}#${PREFIX.loginFrom}`);
};

export const eventKey = (id: string): Key => ({ PK: `${PREFIX.event}${id}`, SK: 'EVENT' });
export const integrationPartition = (id: string) => `${PREFIX.integration}${id}`;
export const integrationKey = (id: string): Key => ({ PK: integrationPartition(id), SK: 'INTEGRATION' });
/** A delivery of one event to one integration, in the integration's partition. */
export const deliveryKey = (integrationId: string, eventId: string): Key => ({ PK: integrationPartition(integrationId), SK: `${PREFIX.delivery}${eventId}` });
export const DELIVERY_SK_PREFIX = PREFIX.delivery;
export const dossierKey = (integrationId: string, dossierCode: string): Key => ({ PK: `${PREFIX.dossier}${integrationId}#${dossierCode}`, SK: 'DOSSIER' });
/** Requests of one integration's keys in the minute starting at `windowStart` (epoch seconds). */
export const apiRateKey = (integrationId: string, windowStart: number): Key => ({ PK: `${PREFIX.apiRate}${integrationId}`, SK: `${PREFIX.loginWindow}${windowStart}` });

// ---- Index keys ---------------------------------------------------------------------------

/** A sort key that orders by time, the id breaking ties: `<ISO instant>#<id>`. */
export const timeSk = (at: string, id: string) => `${at}#${id}`;
/** With an instant alone: sorts after every `timeSk` of an earlier instant. */
export const timeBound = (at: string) => `${at}#~`;

/** GSI1: an agency's orders, transfers and receipts by time. */
export const agencyPartition = (agencyId: string) => `${PREFIX.agency}${agencyId}`;
export const AGENCY_ITEM = { order: PREFIX.order, transfer: PREFIX.transfer, receipt: PREFIX.receipt } as const;
/** `<kind prefix><time>#<id>`; without an id, the bound of a time window. */
export const agencyItemSk = (kind: keyof typeof AGENCY_ITEM, at: string, id?: string) => `${AGENCY_ITEM[kind]}${id === undefined ? at : timeSk(at, id)}`;
/** GSI1: audit entries by actor. */
export const auditByPartition = (actor: string) => `${PREFIX.auditBy}${actor}`;

/** GSI2: unpaid orders by the UTC day they expire. */
export const expiresPartition = (day: string) => `${PREFIX.expires}${day}`;
/** GSI2: an agency's transfers still unmatched. */
export const unmatchedPartition = (agencyId: string) => `${PREFIX.unmatched}${agencyId}`;
/** GSI2: an agency's cancelled receipts, by the time they were issued. */
export const receiptCancelledPartition = (agencyId: string) => `${PREFIX.receiptCancelled}${agencyId}`;

/** GSI3: orders a volunteer placed at the counter. */
export const assistedPartition = (username: string) => `${PREFIX.assisted}${username}`;
/** GSI3: an agency's transfers with a refund still due. */
export const refundDuePartition = (agencyId: string) => `${PREFIX.refundDue}${agencyId}`;
/** GSI3: an agency's transfers refunded, by the time of the refund. */
export const refundedPartition = (agencyId: string) => `${PREFIX.refunded}${agencyId}`;
/** GSI3: an agency's cancelled receipts, by the time of cancellation. */
export const receiptCancelledAtPartition = (agencyId: string) => `${PREFIX.receiptCancelledAt}${agencyId}`;
