/**
 * One in-memory DynamoDB Local for the whole run (real DynamoDB semantics over HTTP);
 * every test file makes tables of its own on it. DYNAMODB_ENDPOINT reuses a running one.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../local/dynamodb-local';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.DYNAMODB_ENDPOINT) {
    project.provide('dynamodbEndpoint', process.env.DYNAMODB_ENDPOINT);
    return async () => {};
  }
  const db = await startDynamoDbLocal();
  project.provide('dynamodbEndpoint', db.endpoint);
  return () => db.stop();
}
