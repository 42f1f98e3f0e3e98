/**
 * The outbox of documents for the tax authority (functions/lib/receipts/tax-documents.ts)
 * in the one table: one partition per agency, a summary's sort key by day and amendment, a
 * notice's by time. The signed XML is kept gzipped (a day's summary of 2,000 receipts is
 * about 430 KB, over DynamoDB's 400 KB item limit; gzipped, about a tenth).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { ReceiptRegistration, RegistrationStore } from '../receipts/registration';
import type { TaxDocument, TaxDocumentKind, TaxDocumentStore } from '../receipts/tax-documents';
import { DynamoTable, keyItem, NEW_ITEM, type Item } from './dynamo';
import { taxDocumentPartition, taxNoticeSk, taxRegistrationSk, taxSummarySk, type Key } from './keys';

function keyOf(agencyId: string, kind: TaxDocumentKind, id: string): Key {
  if (kind === 'summary') {
    const [day, amendment] = id.split('#');
    return { PK: taxDocumentPartition(agencyId), SK: taxSummarySk(day!, Number(amendment)) };
  }
  const cut = id.lastIndexOf('#');
  return { PK: taxDocumentPartition(agencyId), SK: taxNoticeSk(id.slice(0, cut), id.slice(cut + 1)) };
}

function itemOf(doc: TaxDocument): Item {
  const { xml, ...rest } = doc;
  return {
    ...keyItem(keyOf(doc.agencyId, doc.kind, doc.id)),
    ...marshall({ type: 'TAXDOC', status: doc.status, document: rest }, { removeUndefinedValues: true }),
    xml: { B: gzipSync(Buffer.from(xml, 'utf8')) },
  };
}

function documentOf(item: Item): TaxDocument {
  const { document } = unmarshall({ document: item.document! }) as { document: Omit<TaxDocument, 'xml'> };
  const xml = item.xml?.B ? gunzipSync(Buffer.from(item.xml.B)).toString('utf8') : '';
  return { ...document, xml };
}

function registrationItem(r: ReceiptRegistration): Item {
  const { xml, ...rest } = r;
  return {
    PK: { S: taxDocumentPartition(r.agencyId) },
    SK: { S: taxRegistrationSk(r.id) },
    ...marshall({ type: 'REGISTRATION', status: r.status, registration: rest }, { removeUndefinedValues: true }),
    xml: { B: gzipSync(Buffer.from(xml, 'utf8')) },
  };
}

function registrationOf(item: Item): ReceiptRegistration {
  const { registration } = unmarshall({ registration: item.registration! }) as { registration: Omit<ReceiptRegistration, 'xml'> };
  return { ...registration, xml: item.xml?.B ? gunzipSync(Buffer.from(item.xml.B)).toString('utf8') : '' };
}

/** The outbox (TaxDocumentStore) and the agency's registration declarations (RegistrationStore), in the agency's partition. */
export class TaxDocumentsTable extends DynamoTable implements TaxDocumentStore, RegistrationStore {
  async createRegistration(r: ReceiptRegistration): Promise<boolean> {
    try {
      await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: registrationItem(r), ConditionExpression: NEW_ITEM }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async updateRegistration(r: ReceiptRegistration, expectedVersion: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: registrationItem(r),
          ConditionExpression: '#r.#v = :v',
          ExpressionAttributeNames: { '#r': 'registration', '#v': 'version' },
          ExpressionAttributeValues: { ':v': { N: String(expectedVersion) } },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async registrations(agencyId: string): Promise<ReceiptRegistration[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': { S: taxDocumentPartition(agencyId) }, ':sk': { S: taxRegistrationSk() } },
      ConsistentRead: true,
    });
    return items.map(registrationOf);
  }

  async createTaxDocument(doc: TaxDocument): Promise<boolean> {
    try {
      await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: itemOf(doc), ConditionExpression: NEW_ITEM }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async updateTaxDocument(doc: TaxDocument, expectedVersion: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: itemOf(doc),
          ConditionExpression: '#d.#v = :v',
          ExpressionAttributeNames: { '#d': 'document', '#v': 'version' },
          ExpressionAttributeValues: { ':v': { N: String(expectedVersion) } },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async getTaxDocument(agencyId: string, kind: TaxDocumentKind, id: string): Promise<TaxDocument | undefined> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(keyOf(agencyId, kind, id)), ConsistentRead: true }));
    return res.Item ? documentOf(res.Item) : undefined;
  }

  daySummaries(agencyId: string, day: string): Promise<TaxDocument[]> {
    return this.all({ KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)', ExpressionAttributeValues: { ':pk': { S: taxDocumentPartition(agencyId) }, ':sk': { S: taxSummarySk(day) } } });
  }

  async openTaxDocuments(agencyId: string, sinceDay: string): Promise<TaxDocument[]> {
    // Only the window's items are read (a year of tables is not read every run).
    const open = (lo: string, hi: string) =>
      this.all({
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :lo AND :hi',
        FilterExpression: '#st IN (:pending, :sent)',
        ExpressionAttributeNames: { '#st': 'status' },
        ExpressionAttributeValues: { ':pk': { S: taxDocumentPartition(agencyId) }, ':lo': { S: lo }, ':hi': { S: hi }, ':pending': { S: 'pending' }, ':sent': { S: 'sent' } },
      });
    const [summaries, notices] = await Promise.all([open(taxSummarySk(sinceDay), taxSummarySk('~')), open(taxNoticeSk(sinceDay), taxNoticeSk('~'))]);
    return [...summaries, ...notices];
  }

  notices(agencyId: string, since: string): Promise<TaxDocument[]> {
    return this.all({
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':pk': { S: taxDocumentPartition(agencyId) }, ':lo': { S: taxNoticeSk(since) }, ':hi': { S: taxNoticeSk('~') } },
    });
  }

  private async all(input: Omit<QueryCommandInput, 'TableName'>): Promise<TaxDocument[]> {
    return (await this.queryAll({ ...input, ConsistentRead: true })).map(documentOf);
  }
}
