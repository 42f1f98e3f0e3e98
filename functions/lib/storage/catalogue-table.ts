/** The catalogue (agencies and procedures) and the seeding mark, in one partition. */
import { BatchWriteItemCommand, DescribeTableCommand, GetItemCommand, PutItemCommand, QueryCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Agency, Procedure } from '../../../shared/catalogue';
import { DynamoTable, keyItem, toItem, type Item } from './dynamo';
import { CATALOGUE_SEEDED, catalogueAgencySk, catalogueProcedureSk, PARTITION, PREFIX } from './keys';

export class CatalogueTable extends DynamoTable {
  async ping(): Promise<void> {
    await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
  }

  async listAgencies(): Promise<Agency[]> {
    return (await this.queryCatalogue(PREFIX.agency)) as Agency[];
  }

  async listProcedures(): Promise<Procedure[]> {
    return (await this.queryCatalogue(PREFIX.procedure)) as Procedure[];
  }

  private async queryCatalogue(prefix: string): Promise<unknown[]> {
    const out: { position: number; data: unknown }[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': { S: PARTITION.catalogue }, ':prefix': { S: prefix } },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const { position, data } = unmarshall(item) as { position: number; data: string };
        out.push({ position, data: JSON.parse(data) });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    // Kept in the order they were saved (district first, catalogue order), not key order.
    return out.sort((a, b) => a.position - b.position).map((e) => e.data);
  }

  async saveCatalogue(agencies: readonly Agency[], procedures: readonly Procedure[]): Promise<void> {
    const items = [
      ...agencies.map((a, i) => ({ PK: PARTITION.catalogue, SK: catalogueAgencySk(a.id), position: i, data: JSON.stringify(a) })),
      ...procedures.map((p, i) => ({ PK: PARTITION.catalogue, SK: catalogueProcedureSk(p.code), position: i, data: JSON.stringify(p) })),
    ];
    for (let i = 0; i < items.length; i += 25) {
      let requests: WriteRequest[] = items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: toItem(item) } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        const res = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = res.UnprocessedItems?.[this.tableName] ?? [];
        if (requests.length && attempt > 8) throw new Error('catalogue write kept being throttled');
        if (requests.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  }

  async isSeeded(): Promise<boolean> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(CATALOGUE_SEEDED), ConsistentRead: true }));
    return Boolean(res.Item);
  }

  async markSeeded(at: Date): Promise<void> {
    await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: toItem({ ...CATALOGUE_SEEDED, at: at.toISOString() }) }));
  }
}
