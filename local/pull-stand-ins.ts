/**
 * Local stand-ins of SePay's and Casso's pull APIs (../shared/domain/webhooks.md), real
 * HTTP servers the real catch-up adapters talk to: SePay's transaction list
 * (`GET /userapi/transactions/list`, `Authorization: Bearer <token>`, `since_id`,
 * `limit` ≤ 5000, `{transactions:[...]}`) and Casso's transactions (`GET /v2/transactions`,
 * `Authorization: Apikey <key>`, `fromDate`/`toDate`/`page`/`pageSize`/`sort`,
 * `{error:0, data:{page,totalPages,records}}`). A wrong credential is answered 401 as the
 * providers do. Faults are queued per request: 429 with Retry-After, 500, an answer slower
 * than the client waits, a malformed body, a page repeated, shuffled, or reaching back
 * before the cursor.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sampleId, vietnamLocalTime, type SampleTransfer } from '../functions/webhooks/providers/common';

export type Fault =
  | { kind: '429'; retryAfter?: string }
  | { kind: '500' }
  | { kind: 'slow'; ms: number }
  | { kind: 'malformed'; body?: string }
  /** The answer as usual, but every record twice and in reverse order. */
  | { kind: 'duplicated-reversed' }
  /** The answer as if the cursor were `since` (SePay) / from the start (Casso): records already read come again. */
  | { kind: 'backwards' };

export interface StandIn {
  url: string;
  /** Records the provider holds (add more between runs). */
  records: Record<string, unknown>[];
  /** Consumed one per request. */
  faults: Fault[];
  /** The query of each request that reached the handler (after authentication). */
  requests: URLSearchParams[];
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse, url: URL, fault: Fault | undefined) => void, state: Omit<StandIn, 'url' | 'close'>): Promise<StandIn> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const fault = state.faults.shift();
    if (fault?.kind === '429') return json(res, 429, { status: 429, error: 'Too Many Requests' }, fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter });
    if (fault?.kind === '500') return json(res, 500, { status: 500, error: 'Internal Server Error' });
    if (fault?.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(fault.body ?? '{"transactions": [{"id": 1, "amount_in": ');
    }
    if (fault?.kind === 'slow') {
      const timer = setTimeout(() => handler(req, res, url, undefined), fault.ms);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    handler(req, res, url, fault);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...state,
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const twiceReversed = <T>(items: T[]) => [...items, ...items].reverse();

export async function startSepayStandIn(token: string): Promise<StandIn> {
  const state = { records: [] as Record<string, unknown>[], faults: [] as Fault[], requests: [] as URLSearchParams[] };
  return listen((req, res, url, fault) => {
    if (url.pathname !== '/userapi/transactions/list') return json(res, 404, { status: 404, error: 'Not Found' });
    if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, { status: 401, error: 401, messages: { error: 'Unauthorized' } });
    state.requests.push(url.searchParams);
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), 5000);
    const since = fault?.kind === 'backwards' ? 0 : Number(url.searchParams.get('since_id') ?? 0);
    let page = state.records.filter((r) => Number(r.id) > since).sort((a, b) => Number(a.id) - Number(b.id)).slice(0, limit);
    if (fault?.kind === 'duplicated-reversed') page = twiceReversed(page);
    json(res, 200, { status: 200, error: null, messages: { success: true }, transactions: page });
  }, state);
}

export async function startCassoStandIn(apiKey: string): Promise<StandIn> {
  const state = { records: [] as Record<string, unknown>[], faults: [] as Fault[], requests: [] as URLSearchParams[] };
  return listen((req, res, url, fault) => {
    if (url.pathname !== '/v2/transactions') return json(res, 404, { error: 404, message: 'Not Found' });
    if (req.headers.authorization !== `Apikey ${apiKey}`) return json(res, 401, { error: 401, message: 'Unauthorized', data: null });
    state.requests.push(url.searchParams);
    const q = url.searchParams;
    const pageSize = Math.min(Number(q.get('pageSize') ?? 10), 1000);
    const page = Math.max(Number(q.get('page') ?? 1), 1);
    const from = fault?.kind === 'backwards' ? '0000' : (q.get('fromDate') ?? '0000');
    const to = q.get('toDate') ?? '9999';
    const inWindow = state.records
      .filter((r) => String(r.when).slice(0, 10) >= from && String(r.when).slice(0, 10) <= to)
      .sort((a, b) => (q.get('sort') === 'DESC' ? -1 : 1) * (String(a.when).localeCompare(String(b.when)) || Number(a.id) - Number(b.id)));
    const totalPages = Math.ceil(inWindow.length / pageSize);
    let records = inWindow.slice((page - 1) * pageSize, page * pageSize);
    if (fault?.kind === 'duplicated-reversed') records = twiceReversed(records);
    json(res, 200, {
      error: 0,
      message: 'success',
      data: { page, pageSize, nextPage: page < totalPages ? page + 1 : null, prevPage: page > 1 ? page - 1 : null, totalPages, totalRecords: inWindow.length, records },
    });
  }, state);
}

/** The SePay list record of the transfer `sampleSepayBody(sample)` notifies (same id, memo, code, account, time). */
export function sepayRecordFor(sample: SampleTransfer): Record<string, unknown> {
  const out = sample.direction === 'out';
  return {
    id: sampleId('sepay', sample.reference),
    bank_brand_name: sample.bankName ?? 'MBBank',
    account_number: sample.accountNumber,
    transaction_date: vietnamLocalTime(sample.at),
    amount_out: out ? `${sample.amount}.00` : '0.00',
    amount_in: out ? '0.00' : `${sample.amount}.00`,
    accumulated: `${sample.amount}.00`,
    transaction_content: sample.memo,
    reference_number: sample.reference,
    code: sample.paymentCode ?? null,
    sub_account: null,
    bank_account_id: '19',
  };
}

/** The Casso record of the transfer `sampleCassoBody(sample)` notifies (same id, memo, account, time). */
export function cassoRecordFor(sample: SampleTransfer): Record<string, unknown> {
  return {
    id: sampleId('casso', sample.reference),
    tid: sample.reference,
    description: sample.memo,
    amount: sample.direction === 'out' ? -sample.amount : sample.amount,
    cusum_balance: sample.amount,
    when: vietnamLocalTime(sample.at),
    bank_sub_acc_id: sample.accountNumber,
    subAccId: sample.accountNumber,
    virtualAccount: '',
    virtualAccountName: '',
    corresponsiveName: 'NGUYEN VAN AN',
    corresponsiveAccount: '0011004123456',
    corresponsiveBankId: '970436',
    corresponsiveBankName: 'Vietcombank',
  };
}
