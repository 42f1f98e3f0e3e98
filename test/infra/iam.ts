/**
 * A small IAM evaluator for the policies in a synthesized template, enough for what this
 * stack writes (Allow statements; Action and Resource with wildcards; the conditions
 * ForAllValues:StringLike and Null on dynamodb:LeadingKeys). Anything else in a
 * statement throws, so a policy this cannot judge never passes by accident.
 *
 * And a translator from the DynamoDB commands the code sends to the IAM requests AWS
 * authorises them as: a TransactWriteItems is one PutItem/UpdateItem/... per item, a
 * Query on an index is authorised on the index's ARN with the index's partition key.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { TABLE_SHAPE } from '../../functions/lib/storage/table';

export interface IamRequest {
  action: string;
  /** `table` or `table/index/<name>` (resolved against the template below). */
  resource: string;
  /** Partition-key values the request touches (dynamodb:LeadingKeys); none for DescribeTable or Scan. */
  leadingKeys: string[];
}

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

/** IAM's wildcards: `*` any run of characters, `?` one. */
export function wildcard(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  return re.test(value);
}

/** Template values to strings: the table's ARN becomes `arn:table:<logicalId>`. */
function resolve(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v['Fn::GetAtt'])) return `arn:${(v['Fn::GetAtt'] as string[])[0]}:${(v['Fn::GetAtt'] as string[])[1]}`;
    if (typeof v.Ref === 'string') return `ref:${v.Ref}`;
    if (Array.isArray(v['Fn::Join'])) {
      const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(resolve).join(sep);
    }
  }
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}

function conditionHolds(condition: Statement['Condition'], request: IamRequest): boolean {
  for (const [operator, entries] of Object.entries(condition ?? {})) {
    for (const [key, expected] of Object.entries(entries)) {
      if (key !== 'dynamodb:LeadingKeys') throw new Error(`condition key ${key} not understood`);
      const patterns = ([] as string[]).concat(expected as string | string[]);
      if (operator === 'ForAllValues:StringLike') {
        if (!request.leadingKeys.every((k) => patterns.some((p) => wildcard(p, k)))) return false;
      } else if (operator === 'Null') {
        const absent = request.leadingKeys.length === 0;
        if (String(patterns[0]) !== String(absent)) return false;
      } else {
        throw new Error(`condition operator ${operator} not understood`);
      }
    }
  }
  return true;
}

/** The Allow statements of every inline policy attached to a role. */
export function roleStatements(resources: Resources, roleLogicalId: string): Statement[] {
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleLogicalId}"`))
    .flatMap((r) => r.Properties.PolicyDocument.Statement as Statement[]);
}

/**
 * Whether the statements allow the request. `tableArn` is how the table's ARN resolves
 * (`arn:<logicalId>:Arn`); request resources are relative to it.
 */
export function allows(statements: Statement[], tableArn: string, request: IamRequest): boolean {
  const resource = request.resource === 'table' ? tableArn : `${tableArn}/${request.resource.slice('table/'.length)}`;
  return statements.some((s) => {
    if (s.Effect !== 'Allow') throw new Error(`effect ${s.Effect} not understood`);
    const actions = ([] as string[]).concat(s.Action);
    if (!actions.some((a) => wildcard(a, request.action))) return false;
    const targets = ([] as unknown[]).concat(s.Resource).map(resolve);
    if (!targets.some((t) => wildcard(t, resource))) return false;
    return conditionHolds(s.Condition, request);
  });
}

// ---------------------------------------------------------------------------------------
// Commands → IAM requests

const PARTITION_OF: Record<string, string> = Object.fromEntries([
  ['table', TABLE_SHAPE.partitionKey],
  ...TABLE_SHAPE.globalIndexes.map((i) => [`table/index/${i.indexName}`, i.partitionKey]),
]);

const pk = (item: Record<string, AttributeValue> | undefined): string => {
  const value = item?.[TABLE_SHAPE.partitionKey]?.S;
  if (value === undefined) throw new Error(`no string partition key in ${JSON.stringify(item)}`);
  return value;
};

/** The partition-key value a Query's KeyConditionExpression asks for. */
function queryPartition(input: QueryCommand['input'], resource: string): string {
  const attribute = PARTITION_OF[resource];
  for (const clause of (input.KeyConditionExpression ?? '').split(/\s+AND\s+/i)) {
    const m = /^\s*\(?\s*([#\w]+)\s*=\s*(:\w+)\s*\)?\s*$/.exec(clause);
    if (!m) continue;
    const name = m[1]!.startsWith('#') ? input.ExpressionAttributeNames?.[m[1]!] : m[1];
    if (name === attribute) {
      const value = input.ExpressionAttributeValues?.[m[2]!]?.S;
      if (value !== undefined) return value;
    }
  }
  throw new Error(`no partition key equality on ${attribute} in "${input.KeyConditionExpression}"`);
}

export function iamRequestsOf(command: unknown): IamRequest[] {
  const table = 'table';
  if (command instanceof GetItemCommand) return [{ action: 'dynamodb:GetItem', resource: table, leadingKeys: [pk(command.input.Key)] }];
  if (command instanceof PutItemCommand) return [{ action: 'dynamodb:PutItem', resource: table, leadingKeys: [pk(command.input.Item)] }];
  if (command instanceof UpdateItemCommand) return [{ action: 'dynamodb:UpdateItem', resource: table, leadingKeys: [pk(command.input.Key)] }];
  if (command instanceof DeleteItemCommand) return [{ action: 'dynamodb:DeleteItem', resource: table, leadingKeys: [pk(command.input.Key)] }];
  if (command instanceof DescribeTableCommand) return [{ action: 'dynamodb:DescribeTable', resource: table, leadingKeys: [] }];
  if (command instanceof ScanCommand) {
    const resource = command.input.IndexName ? `table/index/${command.input.IndexName}` : table;
    return [{ action: 'dynamodb:Scan', resource, leadingKeys: [] }];
  }
  if (command instanceof QueryCommand) {
    const resource = command.input.IndexName ? `table/index/${command.input.IndexName}` : table;
    return [{ action: 'dynamodb:Query', resource, leadingKeys: [queryPartition(command.input, resource)] }];
  }
  if (command instanceof TransactWriteItemsCommand) {
    return (command.input.TransactItems ?? []).map((item) => {
      if (item.Put) return { action: 'dynamodb:PutItem', resource: table, leadingKeys: [pk(item.Put.Item)] };
      if (item.Update) return { action: 'dynamodb:UpdateItem', resource: table, leadingKeys: [pk(item.Update.Key)] };
      if (item.Delete) return { action: 'dynamodb:DeleteItem', resource: table, leadingKeys: [pk(item.Delete.Key)] };
      if (item.ConditionCheck) return { action: 'dynamodb:ConditionCheckItem', resource: table, leadingKeys: [pk(item.ConditionCheck.Key)] };
      throw new Error(`transaction item not understood: ${JSON.stringify(item)}`);
    });
  }
  if (command instanceof TransactGetItemsCommand) {
    return (command.input.TransactItems ?? []).map((item) => ({ action: 'dynamodb:GetItem', resource: table, leadingKeys: [pk(item.Get?.Key)] }));
  }
  if (command instanceof BatchGetItemCommand) {
    const keys = Object.values(command.input.RequestItems ?? {}).flatMap((r) => (r.Keys ?? []).map(pk));
    return [{ action: 'dynamodb:BatchGetItem', resource: table, leadingKeys: keys }];
  }
  if (command instanceof BatchWriteItemCommand) {
    const keys = Object.values(command.input.RequestItems ?? {}).flatMap((writes) => writes.map((w) => pk(w.PutRequest?.Item ?? w.DeleteRequest?.Key)));
    return [{ action: 'dynamodb:BatchWriteItem', resource: table, leadingKeys: keys }];
  }
  throw new Error(`DynamoDB command not understood: ${(command as object)?.constructor?.name}`);
}

/** `dynamodb:GetItem ORDER#*`: the first `#`-terminated part of a key, for summaries. */
export function keyPrefix(key: string): string {
  const i = key.indexOf('#');
  return i < 0 ? key : `${key.slice(0, i + 1)}*`;
}
