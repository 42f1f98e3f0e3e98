/**
 * The composition root: the one place where configuration becomes the dependencies the
 * functions are handed. One DynamoDB client and one table per process (the root, here);
 * on it, the store and the cached catalogue every function shares, and each function's
 * own adapters and keys, built by its builder beside this file (public.ts, webhooks.ts,
 * staff.ts, jobs.ts). One builder a file, so a Lambda's bundle holds only what its own
 * builder reaches.
 *
 * Who configures: a Lambda entry, from its environment at the first request (`configured`,
 * after withSecrets has read the secrets into it); the local server (local/server.ts), from
 * the options it was started with; tests, from a table of their own.
 */
import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { cachedCatalogue, type BaseDeps, type Catalogue } from '../lib/deps';
import { databaseConfig, paymentCodePrefix, type DatabaseConfig } from '../lib/platform/config';
import { lazy } from '../lib/platform/lazy';
import { dynamoClient } from '../lib/storage/dynamo';
import { DynamoStore } from '../lib/storage/dynamo-store';
import type { Store } from '../lib/storage/store';

/** What the functions are configured by. */
export interface Config {
  database: DatabaseConfig;
  /** Where secrets and signing keys are read, when a function first needs them. */
  secrets: NodeJS.ProcessEnv;
  /** PAYMENT_CODE_PREFIX: what every memo starts with (orders), and what matching looks for (payments). */
  paymentCodePrefix: string;
}

/** The configuration a Lambda is deployed with (TABLE_NAME, the secrets...): read once. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return { database: databaseConfig(env), secrets: env, paymentCodePrefix: paymentCodePrefix(env) };
}

/** One client, one table, and what every function on it shares. */
export interface Root {
  config: Config;
  client: DynamoDBClient;
  tableName: string;
  store: Store;
  catalogue: Catalogue;
}

export function composeRoot(config: Config, client: DynamoDBClient = dynamoClient(config.database)): Root {
  const store = new DynamoStore(client, config.database.tableName);
  return { config, client, tableName: config.database.tableName, store, catalogue: cachedCatalogue(store) };
}

/** What every function needs: the store, the catalogue, a clock, randomness and the payment-code prefix. */
export function baseDeps(root: Root): BaseDeps {
  return { store: root.store, catalogue: root.catalogue, now: () => new Date(), randomBytes: (n) => randomBytes(n), paymentCodePrefix: root.config.paymentCodePrefix };
}

/** The Lambdas' root: configured from the environment when first asked for. */
const fromEnvironment = lazy(() => composeRoot(configFromEnv()));

/** A Lambda's deps, built by `build` at the first request (after withSecrets), then kept. */
export function configured<T>(build: (root: Root) => T): () => T {
  return lazy(() => build(fromEnvironment()));
}
