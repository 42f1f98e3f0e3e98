/**
 * Secrets from AWS Secrets Manager, read once per cold start and kept for the life of
 * the instance.
 *
 * In AWS each function gets SECRET_ARNS, the ARNs of its own secrets (its role may read
 * those and no other). Each secret is a JSON object whose keys are the configuration
 * names the code already reads: ORDER_TOKEN_SECRET, PAYOS_CHECKSUM_KEY, JWT_PRIVATE_KEY...
 * Before the first request is handled they are read in parallel and put in the
 * environment, where secret(), loadSigningKeys() and loadReceiptKeys() find them, and
 * where, with NODE_ENV=production, a missing or development value still stops the
 * function instead of weakening it. Only the names in SECRET_NAMES are taken, so a
 * secret cannot change TABLE_NAME or NODE_ENV. Without SECRET_ARNS (npm start, tests)
 * nothing is read and the environment is used as it is.
 *
 * A new value reaches an instance at its next cold start (see README, "Secrets").
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from './config';
import { log } from './log';

/** Every configuration name a secret may set. */
export const SECRET_NAMES = [
  'ORDER_TOKEN_SECRET',
  'PAYOS_CHECKSUM_KEY',
  'PAYOS_CLIENT_ID',
  'PAYOS_API_KEY',
  'PAYOS_AGENCIES',
  'PAYOS_PAYOUT_CLIENT_ID',
  'PAYOS_PAYOUT_API_KEY',
  'PAYOS_PAYOUT_CHECKSUM_KEY',
  // Not secret, but set with payOS's credentials: where payOS sends the payer back.
  'PUBLIC_SITE_URL',
  'SEPAY_API_KEY',
  'SEPAY_WEBHOOK_SECRET',
  // Not secret, but set with the secret it chooses, when the method changes in SePay's dashboard.
  'SEPAY_WEBHOOK_AUTH',
  'SEPAY_WEBHOOK_AGENCIES',
  'CASSO_SECRET',
  'JWT_PRIVATE_KEY',
  'JWT_KEY_ID',
  'JWT_PREVIOUS_PUBLIC_KEYS',
  'RECEIPT_PRIVATE_KEY',
  'RECEIPT_KEY_ID',
  'RECEIPT_PREVIOUS_PUBLIC_KEYS',
  'ORIGIN_VERIFY_SECRET',
  'RECEIPT_SIGNERS',
  'RECEIPT_TRUST_ANCHORS',
  // The T-VAN connector's API key (the tax job sends the day's summaries with it).
  'TAX_TVAN_API_KEY',
  // Catch-up: the providers' pull APIs (functions/lib/payments/catch-up/config.ts).
  'SEPAY_API_TOKEN',
  'CASSO_API_KEY',
] as const;

export type SecretConfigName = (typeof SECRET_NAMES)[number];

/** Reads one secret's text by ARN. */
export type SecretReader = (arn: string) => Promise<string | undefined>;

export function secretArns(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.SECRET_ARNS ?? '')
    .split(',')
    .map((arn) => arn.trim())
    .filter(Boolean);
}

/** The secret's name from its ARN, for messages (an ARN is not secret; its value is). */
function nameOf(arn: string): string {
  return arn.split(':secret:')[1] ?? arn;
}

/**
 * The names and values one secret sets. Refuses anything but a JSON object of strings
 * with known names; an empty string counts as not set. Never echoes a value.
 */
export function parseSecret(arn: string, text: string | undefined): Partial<Record<SecretConfigName, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    throw new ConfigError(`secret ${nameOf(arn)} is not a JSON object of configuration names`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`secret ${nameOf(arn)} is not a JSON object of configuration names`);
  }
  const out: Partial<Record<SecretConfigName, string>> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!(SECRET_NAMES as readonly string[]).includes(key)) {
      throw new ConfigError(`secret ${nameOf(arn)} sets ${key}, which is not one of ${SECRET_NAMES.join(', ')}`);
    }
    if (typeof value !== 'string') throw new ConfigError(`secret ${nameOf(arn)}: ${key} must be a string`);
    if (value !== '') out[key as SecretConfigName] = value;
  }
  return out;
}

function secretsManagerReader(): SecretReader {
  let client: SecretsManagerClient | undefined;
  return async (arn) => {
    client ??= new SecretsManagerClient({});
    return (await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
  };
}

/** Reads every secret in SECRET_ARNS into `env`; resolves to the names it set (never the values). */
export async function loadSecrets(env: NodeJS.ProcessEnv = process.env, read: SecretReader = secretsManagerReader()): Promise<SecretConfigName[]> {
  const arns = secretArns(env);
  if (arns.length === 0) return [];
  const values = await Promise.all(arns.map(async (arn) => parseSecret(arn, await read(arn))));
  const names: SecretConfigName[] = [];
  for (const entries of values) {
    for (const [name, value] of Object.entries(entries) as [SecretConfigName, string][]) {
      env[name] = value;
      names.push(name);
    }
  }
  return names;
}

/**
 * The Lambda entry's wrapper: the secrets are read before the first request (once per
 * instance; a failed read is tried again on the next request, not cached).
 */
export function withSecrets<A extends unknown[], R>(handler: (...args: A) => Promise<R>, env: NodeJS.ProcessEnv = process.env, read?: SecretReader): (...args: A) => Promise<R> {
  let loading: Promise<unknown> | undefined;
  return async (...args) => {
    loading ??= loadSecrets(env, read).catch((error: unknown) => {
      loading = undefined;
      log.error('secrets could not be read', { error: error as Error });
      throw error;
    });
    await loading;
    return handler(...args);
  };
}
