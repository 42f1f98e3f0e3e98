/**
 * What the deployed functions rely on at run time, beside the template: secrets read from
 * Secrets Manager once per cold start, JSON logs with only the fields passed (Powertools
 * Logger), and business metrics in Embedded Metric Format (Powertools Metrics).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSigningKeys } from '../../functions/lib/auth/keys';
import { ConfigError, DEV_SECRETS, providerSecretsFromEnv, secret } from '../../functions/lib/platform/config';
import { log } from '../../functions/lib/platform/log';
import { countNotification, countOrderCreated, flushMetrics, instrumented, METRIC, metrics } from '../../functions/lib/platform/metrics';
import { devReceiptPrivateKeyPem, loadReceiptKeys } from '../../functions/lib/receipts/signing';
import { loadSecrets, parseSecret, SECRET_NAMES, withSecrets, type SecretReader } from '../../functions/lib/platform/secrets';
import { generateKeyPairSync } from 'node:crypto';
import { createDeps } from '../support/composition';

const ARN = (name: string) => `arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:MotcuaPay/${name}-AbCdEf`;

function reader(values: Record<string, object | string>): SecretReader & { calls: string[] } {
  const calls: string[] = [];
  const read = async (arn: string) => {
    calls.push(arn);
    const name = arn.split(':secret:')[1]!.replace(/^MotcuaPay\//, '').replace(/-\w{6}$/, '');
    const v = values[name];
    if (v === undefined) throw Object.assign(new Error('Secrets Manager can\'t find the specified secret.'), { name: 'ResourceNotFoundException' });
    return typeof v === 'string' ? v : JSON.stringify(v);
  };
  return Object.assign(read, { calls });
}

const ed25519Pem = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

describe('secrets', () => {
  it('takes a JSON object of known configuration names; an empty value counts as unset', () => {
    expect(parseSecret(ARN('payos'), '{"PAYOS_CHECKSUM_KEY":"k-0123456789abcdef","CASSO_SECRET":""}')).toEqual({ PAYOS_CHECKSUM_KEY: 'k-0123456789abcdef' });
    expect(SECRET_NAMES).toEqual(expect.arrayContaining(['ORDER_TOKEN_SECRET', 'JWT_PRIVATE_KEY', 'RECEIPT_PRIVATE_KEY', 'SEPAY_API_KEY']));
  });

  it('refuses anything else, without ever echoing a value', () => {
    const cases = ['not json, s3cr3t-value', '"s3cr3t-value"', '["s3cr3t-value"]', '{"TABLE_NAME":"s3cr3t-value"}', '{"NODE_ENV":"s3cr3t-value"}', '{"ORDER_TOKEN_SECRET":42}'];
    for (const text of cases) {
      let error: unknown;
      try {
        parseSecret(ARN('orderToken'), text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(ConfigError);
      expect((error as Error).message, text).toContain('MotcuaPay/orderToken');
      expect((error as Error).message, text).not.toContain('s3cr3t-value');
    }
  });

  it('reads nothing without SECRET_ARNS (npm start, tests)', async () => {
    const read = reader({});
    const env: NodeJS.ProcessEnv = {};
    expect(await loadSecrets(env, read)).toEqual([]);
    expect(read.calls).toEqual([]);
  });

  it('puts every secret of SECRET_ARNS in the environment, where the code already looks', async () => {
    const jwt = ed25519Pem();
    const receipt = ed25519Pem();
    const read = reader({
      orderToken: { ORDER_TOKEN_SECRET: 'generated-order-token-secret-0123456789abcdef' },
      payos: { PAYOS_CHECKSUM_KEY: 'payos-key-from-the-dashboard-0123', PAYOS_CLIENT_ID: 'payos-client-id-from-the-dashboard', PAYOS_API_KEY: 'payos-api-key-from-the-dashboard-01', PUBLIC_SITE_URL: 'https://motcua.example.vn' },
      sepay: { SEPAY_API_KEY: 'sepay-key-from-the-dashboard-0123' },
      casso: { CASSO_SECRET: 'casso-token-from-the-dashboard-01' },
      staffTokenKey: { JWT_PRIVATE_KEY: jwt, JWT_KEY_ID: '2026-11' },
      receiptKey: { RECEIPT_PRIVATE_KEY: receipt, RECEIPT_KEY_ID: 'r-2026-11' },
    });
    const env: NodeJS.ProcessEnv = {
      NODE_ENV: 'production',
      SECRET_ARNS: ['orderToken', 'payos', 'sepay', 'casso', 'staffTokenKey', 'receiptKey'].map(ARN).join(','),
      TABLE_NAME: 'motcua-pay-test',
    };
    const names = await loadSecrets(env, read);
    expect(names.sort()).toEqual(['CASSO_SECRET', 'JWT_KEY_ID', 'JWT_PRIVATE_KEY', 'ORDER_TOKEN_SECRET', 'PAYOS_API_KEY', 'PAYOS_CHECKSUM_KEY', 'PAYOS_CLIENT_ID', 'PUBLIC_SITE_URL', 'RECEIPT_KEY_ID', 'RECEIPT_PRIVATE_KEY', 'SEPAY_API_KEY']);
    expect(read.calls).toHaveLength(6);
    // Production configuration now starts: every consumer finds its secret.
    expect(secret('ORDER_TOKEN_SECRET', env)).toBe('generated-order-token-secret-0123456789abcdef');
    expect(providerSecretsFromEnv(env)('sepay')).toBe('sepay-key-from-the-dashboard-0123');
    expect(loadSigningKeys(env).current.kid).toBe('2026-11');
    expect((await loadReceiptKeys(env)).kid).toBe('r-2026-11');
    expect(() => createDeps(env)).not.toThrow();
  });

  it('still refuses, in production, a secret left empty or set to a development value', async () => {
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', SECRET_ARNS: [ARN('staffTokenKey'), ARN('orderToken'), ARN('receiptKey')].join(',') };
    await loadSecrets(env, reader({ staffTokenKey: {}, orderToken: { ORDER_TOKEN_SECRET: DEV_SECRETS.ORDER_TOKEN_SECRET }, receiptKey: { RECEIPT_PRIVATE_KEY: devReceiptPrivateKeyPem(), RECEIPT_KEY_ID: 'r-1' } }));
    expect(() => loadSigningKeys(env)).toThrow(ConfigError);
    expect(() => secret('ORDER_TOKEN_SECRET', env)).toThrow(ConfigError);
    await expect(loadReceiptKeys(env)).rejects.toThrow(ConfigError);
  });

  it('reads once per instance, before the first request; a failed read is tried again', async () => {
    const env: NodeJS.ProcessEnv = { SECRET_ARNS: ARN('orderToken') };
    let fail = true;
    const calls: string[] = [];
    const read: SecretReader = async (arn) => {
      calls.push(arn);
      if (fail) throw new Error('throttled');
      return JSON.stringify({ ORDER_TOKEN_SECRET: 'a-fresh-order-token-secret-0123456789' });
    };
    const seen: (string | undefined)[] = [];
    const handler = withSecrets(async (n: number) => {
      seen.push(env.ORDER_TOKEN_SECRET);
      return n * 2;
    }, env, read);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await expect(handler(1)).rejects.toThrow('throttled');
    stderr.mockRestore();
    expect(seen).toEqual([]);
    fail = false;
    expect(await handler(2)).toBe(4);
    expect(await handler(3)).toBe(6);
    expect(calls).toHaveLength(2);
    expect(seen).toEqual(['a-fresh-order-token-secret-0123456789', 'a-fresh-order-token-secret-0123456789']);
  });
});

// ---------------------------------------------------------------------------------------

function capture() {
  const lines: { stream: 'stdout' | 'stderr'; json: Record<string, any> }[] = [];
  const spy = (stream: 'stdout' | 'stderr') =>
    vi.spyOn(process[stream], 'write').mockImplementation((chunk: unknown) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push({ stream, json: JSON.parse(line) });
      return true;
    });
  const spies = [spy('stdout'), spy('stderr')];
  return { lines, restore: () => spies.forEach((s) => s.mockRestore()) };
}

/** What Powertools adds to every line; the rest must be exactly the fields passed. */
const POWERTOOLS_KEYS = ['level', 'message', 'timestamp', 'service', 'sampling_rate'];

describe('logs (Powertools Logger)', () => {
  it('writes one JSON line per event, with only the fields passed', () => {
    const out = capture();
    try {
      log.info('notification settled', { provider: 'sepay', key: 'sepay:1', result: 'settled' });
      log.warn('order kept changing while settling', { key: 'sepay:2' });
    } finally {
      out.restore();
    }
    expect(out.lines).toHaveLength(2);
    const [info, warn] = out.lines;
    expect(info!.stream).toBe('stdout');
    expect(warn!.stream).toBe('stderr');
    expect(Object.keys(info!.json).sort()).toEqual([...POWERTOOLS_KEYS, 'provider', 'key', 'result'].sort());
    expect(info!.json).toMatchObject({ level: 'INFO', message: 'notification settled', provider: 'sepay', result: 'settled' });
    expect(warn!.json).toMatchObject({ level: 'WARN', key: 'sepay:2' });
  });

  it('reduces an error to name, message and stack (an SDK error can carry the item it refused)', () => {
    const error = Object.assign(new Error('Transaction cancelled'), {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'ConditionalCheckFailed', Item: { payer: { M: { name: { S: 'Nguyễn Văn An' }, phone: { S: '0912345678' } } } } }],
      $metadata: { requestId: 'r' },
    });
    const out = capture();
    try {
      log.error('unhandled error', { route: '/api/orders', error });
    } finally {
      out.restore();
    }
    const line = out.lines[0]!.json;
    expect(Object.keys(line.error).sort()).toEqual(['message', 'name', 'stack']);
    expect(JSON.stringify(line)).not.toMatch(/Nguyễn|0912345678/);
  });

  it('hides debug lines unless asked', () => {
    const out = capture();
    try {
      log.debug('detail', { x: 1 });
    } finally {
      out.restore();
    }
    expect(out.lines.filter((l) => l.json.level === 'DEBUG')).toHaveLength(process.env.DEBUG ? 1 : 0);
  });
});

describe('metrics (Powertools Metrics)', () => {
  const lambdaEnv = { AWS_LAMBDA_FUNCTION_NAME: 'motcua-pay-webhooks' };
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.AWS_LAMBDA_FUNCTION_NAME;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    else process.env.AWS_LAMBDA_FUNCTION_NAME = saved;
    metrics.clearMetrics();
  });

  it('counts nothing and prints nothing outside Lambda', () => {
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    const out = capture();
    try {
      countOrderCreated();
      countNotification('unmatched');
      flushMetrics();
    } finally {
      out.restore();
    }
    expect(metrics.hasStoredMetrics()).toBe(false);
    expect(out.lines).toEqual([]);
  });

  it('inside Lambda, writes Embedded Metric Format after each invocation, also when it throws', async () => {
    Object.assign(process.env, lambdaEnv);
    const context = { awsRequestId: 'req-1', functionName: 'motcua-pay-webhooks', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:ap-southeast-1:123456789012:function:motcua-pay-webhooks', memoryLimitInMB: '512', logGroupName: 'g', logStreamName: 's', callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => 1000 };
    const handler = instrumented(async (event: { fail?: boolean }) => {
      countNotification('settled');
      countNotification('unmatched');
      log.info('notification settled', { result: 'settled' });
      if (event.fail) throw new Error('boom');
      return 'ok';
    });
    const out = capture();
    try {
      expect(await handler({}, context)).toBe('ok');
      await expect(handler({ fail: true }, context)).rejects.toThrow('boom');
    } finally {
      out.restore();
    }
    const emf = out.lines.filter((l) => l.json._aws);
    const business = emf.filter((l) => l.json._aws.CloudWatchMetrics[0].Metrics.some((m: { Name: string }) => m.Name === METRIC.notifications.unmatched));
    expect(business).toHaveLength(2);
    const first = business[0]!.json;
    expect(first._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'MotcuaPay', Dimensions: [['service']] });
    expect(first[METRIC.notifications.settled]).toBe(1);
    expect(first[METRIC.notifications.unmatched]).toBe(1);
    // The log line of the invocation carries its request id (and nothing of the event).
    const logLine = out.lines.find((l) => l.json.message === 'notification settled')!.json;
    expect(logLine.function_request_id).toBe('req-1');
    expect(metrics.hasStoredMetrics()).toBe(false);
  });
});
