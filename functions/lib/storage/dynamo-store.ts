/**
 * The DynamoDB adapter of the storage port (store.ts): the port's operations, each handed
 * to the part of the one table it concerns. Keys come from keys.ts, items from items.ts;
 * indexes and condition expressions are spelled only in these adapters.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AuditAction, AuditEntry } from '../../../shared/audit';
import type { Agency, Procedure } from '../../../shared/catalogue';
import type { FeeOrder } from '../../../shared/order';
import type { TransferRecord } from '../../../shared/transfer';
import { AuditTable } from './audit-table';
import { CatalogueTable } from './catalogue-table';
import { OrdersTable } from './orders-table';
import { ReceiptsTable } from './receipts-table';
import type { AssumedPayment, IdempotencyClaim, OrderQuery, PageQuery, RefusedLogin, Store, StoredReceipt } from './store';
import { TransfersTable } from './transfers-table';

export class DynamoStore implements Store {
  private readonly catalogue: CatalogueTable;
  private readonly orders: OrdersTable;
  private readonly transfers: TransfersTable;
  private readonly receipts: ReceiptsTable;
  private readonly audit: AuditTable;

  constructor(
    readonly client: DynamoDBClient,
    readonly tableName: string,
  ) {
    this.catalogue = new CatalogueTable(client, tableName);
    this.orders = new OrdersTable(client, tableName);
    this.transfers = new TransfersTable(client, tableName);
    this.receipts = new ReceiptsTable(client, tableName);
    this.audit = new AuditTable(client, tableName);
  }

  // The catalogue
  ping() { return this.catalogue.ping(); }
  listAgencies() { return this.catalogue.listAgencies(); }
  listProcedures() { return this.catalogue.listProcedures(); }
  saveCatalogue(agencies: readonly Agency[], procedures: readonly Procedure[]) { return this.catalogue.saveCatalogue(agencies, procedures); }
  isSeeded() { return this.catalogue.isSeeded(); }
  markSeeded(at: Date) { return this.catalogue.markSeeded(at); }

  // Orders
  createOrder(order: FeeOrder, idempotency?: IdempotencyClaim, now?: Date) { return this.orders.createOrder(order, idempotency, now); }
  findIdempotency(key: string, now: Date) { return this.orders.findIdempotency(key, now); }
  getOrder(id: string) { return this.orders.getOrder(id); }
  updateOrder(order: FeeOrder, readVersion: number) { return this.orders.updateOrder(order, readVersion); }
  updateOrderAudited(order: FeeOrder, readVersion: number, audit: AuditEntry) { return this.orders.updateOrderAudited(order, readVersion, audit); }
  dueForExpiry(day: string, until: string, page: { limit: number; cursor?: string }) { return this.orders.dueForExpiry(day, until, page); }
  listAgencyOrders(agencyId: string, query: OrderQuery) { return this.orders.listAgencyOrders(agencyId, query); }
  listAssistedOrders(username: string, query: OrderQuery) { return this.orders.listAssistedOrders(username, query); }

  // Transfers and payments
  recordTransfer(record: TransferRecord) { return this.transfers.recordTransfer(record); }
  recordPayment(record: TransferRecord, order: FeeOrder, readVersion: number) { return this.transfers.recordPayment(record, order, readVersion); }
  recordAssumedPayment(record: TransferRecord, payment: AssumedPayment) { return this.transfers.recordAssumedPayment(record, payment); }
  getTransfer(key: string) { return this.transfers.getTransfer(key); }
  listTransfers(agencyId: string, kind: 'UNMATCHED' | 'REFUND_DUE', page: PageQuery) { return this.transfers.listTransfers(agencyId, kind, page); }
  matchTransfer(record: TransferRecord, order: FeeOrder, readVersion: number, audit: AuditEntry) { return this.transfers.matchTransfer(record, order, readVersion, audit); }
  recordRefund(record: TransferRecord, audit: AuditEntry) { return this.transfers.recordRefund(record, audit); }
  confirmRefund(record: TransferRecord, audit?: AuditEntry) { return this.transfers.confirmRefund(record, audit); }
  recordCash(record: TransferRecord, order: FeeOrder, readVersion: number, audit: AuditEntry) { return this.transfers.recordCash(record, order, readVersion, audit); }

  // Receipts
  receiptCounter(agencyId: string, symbol: string) { return this.receipts.receiptCounter(agencyId, symbol); }
  issueReceipt(receipt: StoredReceipt, expectedLast: number, order: FeeOrder, readVersion: number, audit: AuditEntry) { return this.receipts.issueReceipt(receipt, expectedLast, order, readVersion, audit); }
  getReceipt(id: string) { return this.receipts.getReceipt(id); }
  cancelReceipt(receipt: StoredReceipt, order: FeeOrder, readVersion: number, audit: AuditEntry) { return this.receipts.cancelReceipt(receipt, order, readVersion, audit); }

  // The audit trail
  appendAudit(entry: AuditEntry) { return this.audit.appendAudit(entry); }
  countRefusedLogin(refusal: RefusedLogin) { return this.audit.countRefusedLogin(refusal); }
  listAudit(query: { day: string; actor?: string; action?: AuditAction; cursor?: string; limit: number }) { return this.audit.listAudit(query); }
}
