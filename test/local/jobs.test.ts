/**
 * The local stand-ins of the scheduled Lambdas: the nightly job's timer in the local
 * server stores the last closed days' summaries, on the run's DynamoDB Local.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, inject, it } from 'vitest';
import { dynamoClient } from '../../functions/lib/storage/dynamo';
import { DynamoReportsStore } from '../../functions/lib/storage/reports-store';
import { AGENCIES } from '../../shared/catalogue';
import { vietnamDate } from '../../shared/time';
import { freePort } from '../../local/dynamodb-local';
import { startLocal } from '../../local/server';

it('the nightly timer stores the last closed days of every agency', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-jobs-'));
  const endpoint = inject('dynamodbEndpoint');
  const tableName = `jobs-${Date.now()}`;
  const server = await startLocal({ port: await freePort(), host: '127.0.0.1', dataDir, tableName, dynamodbEndpoint: endpoint, webDir: dataDir, sweepIntervalMs: 0, nightlyIntervalMs: 200 });
  try {
    const reports = new DynamoReportsStore(dynamoClient({ tableName, endpoint, region: 'ap-southeast-1' }), tableName);
    const today = vietnamDate(new Date());
    const weekAgo = vietnamDate(new Date(Date.now() - 8 * 86_400_000));
    const stored = async () => (await Promise.all(AGENCIES.map((a) => reports.daySummaries(a.id, weekAgo, today)))).flat();
    const deadline = Date.now() + 20_000;
    while ((await stored()).length < 7 * AGENCIES.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const days = await stored();
    // Seven closed days each (ending the day before yesterday just after midnight, while yesterday is inside its margin); never today.
    expect(days).toHaveLength(7 * AGENCIES.length);
    expect(days.map((d) => d.day)).not.toContain(today);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
