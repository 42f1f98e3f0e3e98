/**
 * The local stand-in of the events Lambda: in the local server, an order an integration
 * placed over HTTP and paid by a genuine payment notification reaches the integration's
 * receiver by the events timer alone, signed, on the run's DynamoDB Local.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, inject, it } from 'vitest';
import { DEV_SECRETS } from '../../functions/lib/platform/config';
import { signedNotification } from '../../functions/webhooks/providers';
import { freePort } from '../../local/dynamodb-local';
import { startLocal } from '../../local/server';
import { agencyOfLevel, payableProcedureAt } from '../support/fixtures';
import { startReceiver } from '../support/webhook-receiver';

it('the events timer delivers order.paid to the integration, signed', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-events-'));
  const receiver = await startReceiver();
  const server = await startLocal({ port: await freePort(), host: '127.0.0.1', dataDir, tableName: `events-${Date.now()}`, dynamodbEndpoint: inject('dynamodbEndpoint'), webDir: dataDir, sweepIntervalMs: 0, eventsIntervalMs: 100 });
  try {
    const post = async (p: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const { token } = await (await post('/api/auth/login', { username: 'admin', password: DEV_SECRETS.SEED_PASSWORD })).json();
    const commune = agencyOfLevel('commune').id;
    const created = await post('/api/staff/integrations', { name: 'Một cửa', webhookUrl: receiver.url, agencyIds: [commune] }, { authorization: `Bearer ${token}` });
    expect(created.status).toBe(201);
    const integration = await created.json();
    receiver.secret = integration.signingSecret;
    const { procedure, quantity } = payableProcedureAt(commune, 2);
    const placed = await post('/api/integration/orders', { procedureCode: procedure.code, agencyId: commune, quantity, dossierCode: 'HS-LOCAL-1' }, { 'x-api-key': integration.apiKey });
    expect(placed.status).toBe(201);
    const order = await placed.json();
    const arrived = receiver.next();
    const n = signedNotification('sepay', { amount: order.amount, memo: order.vietqr.memo, accountNumber: order.vietqr.accountNumber, reference: 'FT-LOCAL-EVENTS', at: new Date() }, DEV_SECRETS.SEPAY_API_KEY, new Date());
    expect((await fetch(`${server.url}/api/webhooks/sepay`, { method: 'POST', headers: n.headers, body: n.body })).status).toBe(200);
    const got = await arrived;
    expect(got.verified).toBe(true);
    expect(got.payload).toMatchObject({ type: 'order.paid', data: { orderId: order.id, dossierCode: 'HS-LOCAL-1', status: 'PAID' } });
  } finally {
    await server.close();
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
