/** A fresh table on the run's DynamoDB Local, seeded with the catalogue, and deps bound to it. */
import { randomBytes, randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { cachedCatalogue, type Deps } from '../../functions/lib/deps';
import { dynamoClient } from '../../functions/lib/storage/dynamo';
import { DynamoStore } from '../../functions/lib/storage/dynamo-store';
import { DynamoUserStore } from '../../functions/lib/storage/user-store';
import { orderTokens } from '../../functions/lib/orders/order-token';
import { DEFAULT_PAYMENT_CODE_PREFIX } from '../../functions/lib/platform/config';
import { ensureTable } from '../../local/table';
import { seedIfEmpty } from '../../local/seed';

export interface TestDb {
  endpoint: string;
  tableName: string;
  client: ReturnType<typeof dynamoClient>;
  store: DynamoStore;
}

export async function testDb(options: { seed?: boolean } = {}): Promise<TestDb> {
  const endpoint = inject('dynamodbEndpoint');
  const tableName = `test-${randomUUID().slice(0, 8)}`;
  const client = dynamoClient({ tableName, endpoint, region: 'ap-southeast-1' });
  await ensureTable(client, tableName);
  const store = new DynamoStore(client, tableName);
  if (options.seed !== false) await seedIfEmpty(store, new Date(), { users: new DynamoUserStore(client, tableName) });
  return { endpoint, tableName, client, store };
}

export function testDeps(db: TestDb, overrides: Partial<Deps> = {}): Deps {
  return {
    store: db.store,
    catalogue: cachedCatalogue(db.store),
    orderTokens: orderTokens('test-order-token-secret'),
    now: () => new Date(),
    randomBytes: (n) => randomBytes(n),
    paymentCodePrefix: DEFAULT_PAYMENT_CODE_PREFIX,
    ...overrides,
  };
}
