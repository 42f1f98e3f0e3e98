/**
 * The DynamoDB adapter of the login limiter (accounts/ports.ts): one counter item per
 * username or client address and 15-minute window (keys.ts), deleted by TTL.
 */
import { ConditionalCheckFailedException, DeleteItemCommand, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { LOGIN_WINDOW_SECONDS, MAX_FAILURES_PER_IP, MAX_FAILURES_PER_USERNAME, type LoginLimiter } from '../accounts/ports';
import { DynamoTable, keyItem, type Item } from './dynamo';
import { loginFailuresKey } from './keys';

/**
 * Fixed windows: simple, one item per key and window, and exact under concurrency with
 * conditional updates. A guesser can at most double a limit across one window boundary.
 */
export class DynamoLoginLimiter extends DynamoTable implements LoginLimiter {
  private window(now: Date): { start: number; ttl: number } {
    const start = Math.floor(now.getTime() / 1000 / LOGIN_WINDOW_SECONDS) * LOGIN_WINDOW_SECONDS;
    // Kept an hour past its window, then DynamoDB may delete it; reads only ever look at the current window.
    return { start, ttl: start + LOGIN_WINDOW_SECONDS + 3600 };
  }

  private key(kind: 'user' | 'ip', id: string, now: Date): Item {
    return keyItem(loginFailuresKey(kind, id, this.window(now).start));
  }

  private async count(kind: 'user' | 'ip', id: string, now: Date): Promise<number> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: this.key(kind, id, now), ConsistentRead: true }));
    return Number(res.Item?.count?.N ?? 0);
  }

  /** Adds `delta`; with `below`, only while the count is under it (false: it was not). */
  private async add(kind: 'user' | 'ip', id: string, now: Date, delta: number, below?: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key(kind, id, now),
          UpdateExpression: 'ADD #count :delta SET #ttl = :ttl',
          ...(below !== undefined ? { ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit' } : {}),
          ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':delta': { N: String(delta) },
            ':ttl': { N: String(this.window(now).ttl) },
            ...(below !== undefined ? { ':limit': { N: String(below) } } : {}),
          },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async isBlocked(username: string, ip: string, now: Date): Promise<boolean> {
    const [byUser, byIp] = await Promise.all([this.count('user', username, now), this.count('ip', ip, now)]);
    return byUser >= MAX_FAILURES_PER_USERNAME || byIp >= MAX_FAILURES_PER_IP;
  }

  async claimAttempt(username: string, ip: string, now: Date): Promise<boolean> {
    if (!(await this.add('user', username, now, 1, MAX_FAILURES_PER_USERNAME))) return false;
    if (await this.add('ip', ip, now, 1, MAX_FAILURES_PER_IP)) return true;
    // The address is blocked: this attempt does not count against the username.
    await this.add('user', username, now, -1);
    return false;
  }

  async recordFailure(username: string, ip: string, now: Date): Promise<void> {
    await Promise.all([this.add('user', username, now, 1), this.add('ip', ip, now, 1)]);
  }

  async reset(username: string, now: Date, ip?: string): Promise<void> {
    await Promise.all([
      this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: this.key('user', username, now) })),
      ip !== undefined ? this.giveBack(ip, now) : Promise.resolve(),
    ]);
  }

  private async giveBack(ip: string, now: Date): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key('ip', ip, now),
          UpdateExpression: 'ADD #count :minus',
          ConditionExpression: '#count > :zero',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':minus': { N: '-1' }, ':zero': { N: '0' } },
        }),
      );
    } catch (err) {
      // Nothing to give back (a new window began meanwhile).
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }
}
