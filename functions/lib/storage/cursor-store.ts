/**
 * The catch-up cursors (lib/payments/catch-up/ports.ts) on the one table: one item per
 * source, one key per source (keys.ts, catchUpCursorKey), versioned; every write is conditional on the
 * version read, so two runs at once never both move it.
 */
import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { CatchUpCursor, CursorStore } from '../payments/catch-up/ports';
import { DynamoTable, keyItem, NEW_ITEM, toItem } from './dynamo';
import { catchUpCursorKey } from './keys';

export class DynamoCursorStore extends DynamoTable implements CursorStore {
  async getCursor(source: string): Promise<CatchUpCursor> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(catchUpCursorKey(source)), ConsistentRead: true }));
    if (!res.Item) return { source, version: 0 };
    const { cursor } = unmarshall(res.Item) as { cursor: CatchUpCursor };
    return { ...cursor, source };
  }

  async saveCursor(cursor: CatchUpCursor): Promise<boolean> {
    const next = { ...cursor, version: cursor.version + 1 };
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: { ...keyItem(catchUpCursorKey(cursor.source)), ...toItem({ cursor: next }) },
          ...(cursor.version === 0
            ? { ConditionExpression: NEW_ITEM }
            : { ConditionExpression: '#c.#v = :v', ExpressionAttributeNames: { '#c': 'cursor', '#v': 'version' }, ExpressionAttributeValues: { ':v': { N: String(cursor.version) } } }),
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}
