/** The audit trail: one partition per Vietnamese day, newest first, filtered by actor or action. */
import { ConditionalCheckFailedException, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { ANY_USERNAME, type AuditAction, type AuditEntry } from '../../../shared/audit';
import { DynamoTable, NEW_ITEM, type Item } from './dynamo';
import { auditEntryOf, auditItem, refusedLoginUpdate } from './items';
import { auditPartition } from './keys';
import type { Page, RefusedLogin } from './store';

export class AuditTable extends DynamoTable {
  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: auditItem(entry), ConditionExpression: NEW_ITEM }));
  }

  async countRefusedLogin(refusal: RefusedLogin): Promise<void> {
    const count = async (username: string, existing: boolean) => {
      try {
        await this.client.send(new UpdateItemCommand(refusedLoginUpdate(this.tableName, refusal, username, existing)));
        return true;
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) return false;
        throw err;
      }
    };
    if (refusal.code === 'INVALID_CREDENTIALS') {
      if (!(await count(refusal.username, false))) throw new Error('an audit item that is not a refused-logins entry has its key');
      return;
    }
    if (!(await count(refusal.username, true))) await count(ANY_USERNAME, false);
  }

  async listAudit(query: { day: string; actor?: string; action?: AuditAction; cursor?: string; limit: number }): Promise<Page<AuditEntry>> {
    const names: Record<string, string> = {};
    const values: Item = { ':pk': { S: auditPartition(query.day) } };
    const filters: string[] = [];
    if (query.actor) {
      names['#actor'] = 'actor';
      values[':actor'] = { S: query.actor };
      filters.push('#e.#actor = :actor');
      names['#e'] = 'entry';
    }
    if (query.action) {
      names['#action'] = 'action';
      values[':action'] = { S: query.action };
      filters.push('#e.#action = :action');
      names['#e'] = 'entry';
    }
    return this.collect(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk',
        ...(filters.length ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
      },
      query,
      'PK',
      auditPartition(query.day),
      auditEntryOf,
    );
  }
}
