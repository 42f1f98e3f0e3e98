/**
 * The DynamoDB adapter of the user port (accounts/ports.ts): one item per account, and
 * every account in GSI1's USERS partition for listing (keys.ts).
 */
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import type { UserStore } from '../accounts/ports';
import type { StaffUser } from '../accounts/users';
import { ApiError } from '../platform/errors';
import { DynamoTable, keyItem, NEW_ITEM, toItem, type Item } from './dynamo';
import { PARTITION, PREFIX, userKey } from './keys';

function userItem(user: StaffUser): Item {
  return toItem({ ...userKey(user.username), type: 'USER', GSI1PK: PARTITION.users, GSI1SK: user.username, user });
}

export class DynamoUserStore extends DynamoTable implements UserStore {
  async getUser(username: string): Promise<StaffUser | undefined> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(userKey(username)), ConsistentRead: true }));
    return res.Item ? (unmarshall(res.Item) as { user: StaffUser }).user : undefined;
  }

  async createUser(user: StaffUser): Promise<'created' | 'exists'> {
    try {
      await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: userItem(user), ConditionExpression: NEW_ITEM }));
      return 'created';
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return 'exists';
      throw err;
    }
  }

  async updateUser(user: StaffUser, readVersion: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: userItem(user),
          ConditionExpression: '#u.#v = :v',
          ExpressionAttributeNames: { '#u': 'user', '#v': 'version' },
          ExpressionAttributeValues: { ':v': { N: String(readVersion) } },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async listUsers(cursor?: string, limit = 100): Promise<{ items: StaffUser[]; nextCursor?: string }> {
    const res = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': { S: PARTITION.users } },
        Limit: Math.min(Math.max(1, limit), 100),
        ...(cursor !== undefined ? { ExclusiveStartKey: decodeUserCursor(cursor) } : {}),
      }),
    );
    const items = (res.Items ?? []).map((item) => (unmarshall(item) as { user: StaffUser }).user);
    return { items, ...(res.LastEvaluatedKey ? { nextCursor: Buffer.from(JSON.stringify(unmarshall(res.LastEvaluatedKey))).toString('base64url') } : {}) };
  }
}

/** A cursor is only ever a position in the USERS index; anything else is a bad query. */
function decodeUserCursor(cursor: string): Item {
  const shape = z.strictObject({ PK: z.string().startsWith(PREFIX.user), SK: z.literal(userKey('').SK), GSI1PK: z.literal(PARTITION.users), GSI1SK: z.string().max(64) });
  try {
    const key = shape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return marshall(key);
  } catch {
    throw new ApiError('INVALID_QUERY');
  }
}
