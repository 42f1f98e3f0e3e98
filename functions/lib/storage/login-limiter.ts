/**
 * The DynamoDB adapter of the login limiter (accounts/ports.ts): one counter item per
 * username, per username and address, and per address, in each 15-minute window
 * (keys.ts), deleted by TTL.
 */
import { ConditionalCheckFailedException, DeleteItemCommand, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  LOGIN_WINDOW_SECONDS,
  MAX_FAILURES_PER_IP,
  MAX_FAILURES_PER_USERNAME,
  MAX_FAILURES_PER_USERNAME_AND_ADDRESS,
  loginWindowStart,
  type LoginClaim,
  type LoginLimiter,
} from '../accounts/ports';
import { DynamoTable, keyItem } from './dynamo';
import { isLoginFailuresOfWindow, loginFailuresFromKey, loginFailuresKey, type Key } from './keys';

type Count = { username: string } | { username: string; address: string } | { address: string };

/**
 * Fixed windows: simple, one item per count and window, and exact under concurrency with
 * conditional updates. A guesser can at most double a budget across one window boundary.
 */
export class DynamoLoginLimiter extends DynamoTable implements LoginLimiter {
  private key(count: Count, now: Date): Key {
    const start = loginWindowStart(now);
    if ('username' in count && 'address' in count) return loginFailuresFromKey(count.username, count.address, start);
    return 'username' in count ? loginFailuresKey('user', count.username, start) : loginFailuresKey('ip', count.address, start);
  }

  private async read(count: Count, now: Date): Promise<number> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(this.key(count, now)), ConsistentRead: true }));
    return Number(res.Item?.count?.N ?? 0);
  }

  /**
   * Adds `delta`; with `below`, only while the count is under it (false: it was not). A
   * negative delta only takes back what is there (never below zero).
   */
  private async add(count: Count, now: Date, delta: number, below?: number): Promise<boolean> {
    // Kept an hour past its window, then DynamoDB may delete it; reads only ever look at the current window.
    const ttl = loginWindowStart(now) + LOGIN_WINDOW_SECONDS + 3600;
    const condition = below !== undefined ? 'attribute_not_exists(#count) OR #count < :limit' : delta < 0 ? '#count >= :minus' : undefined;
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: keyItem(this.key(count, now)),
          UpdateExpression: delta < 0 ? 'ADD #count :delta' : 'ADD #count :delta SET #ttl = :ttl',
          ...(condition ? { ConditionExpression: condition } : {}),
          ExpressionAttributeNames: { '#count': 'count', ...(delta < 0 ? {} : { '#ttl': 'ttl' }) },
          ExpressionAttributeValues: {
            ':delta': { N: String(delta) },
            ...(delta < 0 ? { ':minus': { N: String(-delta) } } : { ':ttl': { N: String(ttl) } }),
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

  private retryAfter(now: Date): number {
    return Math.max(1, Math.ceil(loginWindowStart(now) + LOGIN_WINDOW_SECONDS - now.getTime() / 1000));
  }

  async isBlocked(username: string, address: string, now: Date): Promise<boolean> {
    const [byUser, byPair, byAddress] = await Promise.all([this.read({ username }, now), this.read({ username, address }, now), this.read({ address }, now)]);
    const pairBudget = byUser < MAX_FAILURES_PER_USERNAME ? MAX_FAILURES_PER_USERNAME_AND_ADDRESS : 1;
    return byPair >= pairBudget || byAddress >= MAX_FAILURES_PER_IP;
  }

  async claimAttempt(username: string, address: string, now: Date): Promise<LoginClaim> {
    const refused = (limit: 'username-and-address' | 'address' | 'username'): LoginClaim => ({ allowed: false, limit, retryAfterSeconds: this.retryAfter(now) });
    // 1. The username across addresses: under its budget, this attempt counts there; over
    //    it, the username is being guessed from many places and only a clean record may try.
    const usernameCounted = await this.add({ username }, now, 1, MAX_FAILURES_PER_USERNAME);
    // 2. This username from this address: its own budget, or, over the username's, none
    //    used yet (a clean record: one attempt, and exactly one even when sent in parallel).
    if (!(await this.add({ username, address }, now, 1, usernameCounted ? MAX_FAILURES_PER_USERNAME_AND_ADDRESS : 1))) {
      if (usernameCounted) await this.add({ username }, now, -1);
      return refused(usernameCounted ? 'username-and-address' : 'username');
    }
    // 3. The address across usernames.
    if (!(await this.add({ address }, now, 1, MAX_FAILURES_PER_IP))) {
      // Refused by the address: the attempt counts against neither the username nor the pair.
      await Promise.all([this.add({ username, address }, now, -1), usernameCounted ? this.add({ username }, now, -1) : Promise.resolve(true)]);
      return refused('address');
    }
    return { allowed: true, counted: { username: usernameCounted } };
  }

  async recordFailure(username: string, address: string, now: Date): Promise<void> {
    await Promise.all([this.add({ username }, now, 1), this.add({ username, address }, now, 1), this.add({ address }, now, 1)]);
  }

  async succeeded(username: string, address: string, now: Date, claim: LoginClaim & { allowed: true }): Promise<void> {
    await Promise.all([
      this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: keyItem(this.key({ username, address }, now)) })),
      // Nothing to give back when a new window began meanwhile (the condition fails quietly).
      this.add({ address }, now, -1),
      claim.counted.username ? this.add({ username }, now, -1) : Promise.resolve(true),
    ]);
  }

  async forgetUsername(username: string, now: Date): Promise<void> {
    const start = loginWindowStart(now);
    const { PK, SK } = loginFailuresKey('user', username, start);
    const found = await this.queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': { S: PK }, ':sk': { S: SK } },
      ProjectionExpression: 'PK, SK',
      ConsistentRead: true,
    });
    const keys: Key[] = found.flatMap((item) => (item.SK?.S && isLoginFailuresOfWindow(item.SK.S, start) ? [{ PK, SK: item.SK.S }] : []));
    await Promise.all(keys.map((key) => this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: keyItem(key) }))));
  }
}
