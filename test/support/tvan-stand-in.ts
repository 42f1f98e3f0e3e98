/**
 * A local stand-in for a T-VAN connector in front of the tax authority, speaking the
 * exchange functions/lib/receipts/tvan-connector.ts documents, over real HTTP on a free
 * port: it checks the API key (constant time), acknowledges each document with a
 * transaction id (the same one for a repeated X-Message-Id), keeps it "processing" for a
 * number of polls, then gives the data check's verdict. `behaviour` makes it misbehave
 * the ways a real connector can.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { TVAN_DOCUMENT_KIND, TVAN_PATHS } from '../../functions/lib/receipts/tvan-connector';

export type TvanBehaviour =
  /** Acknowledges, then accepts after `processingPolls` polls. */
  | 'accept'
  /** Acknowledges, then rejects with `errors`. */
  | 'reject'
  /** Refuses the document on submission (400 with errors). */
  | 'refuse'
  /** Answers 500 to everything (an outage). */
  | 'broken'
  /** Never answers (the connection stays open). */
  | 'hang';

export interface ReceivedDocument {
  transactionId: string;
  kind: string;
  taxCode: string;
  messageId: string;
  xml: string;
  verdict: 'accept' | 'reject';
  polls: number;
}

export interface TvanStandIn {
  url: string;
  apiKey: string;
  /** Documents acknowledged, in order (a repeated message id is not a second one). */
  received: ReceivedDocument[];
  /** Every request, `METHOD path`, in order. */
  requests: string[];
  set(behaviour: TvanBehaviour): void;
  errors: { code: string; message: string }[];
  close(): Promise<void>;
}

const sha = (s: string) => createHash('sha256').update(s).digest();

export async function startTvanStandIn(options: { apiKey?: string; processingPolls?: number; behaviour?: TvanBehaviour } = {}): Promise<TvanStandIn> {
  const apiKey = options.apiKey ?? 'tvan-test-api-key-0123456789';
  let behaviour: TvanBehaviour = options.behaviour ?? 'accept';
  const received: ReceivedDocument[] = [];
  const requests: string[] = [];
  const hanging = new Set<http.ServerResponse>();
  const state = { errors: [{ code: 'KTDL-05', message: 'Mã số thuế chưa đăng ký sử dụng biên lai điện tử.' }] };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      requests.push(`${req.method} ${path}`);
      if (behaviour === 'hang') {
        hanging.add(res);
        return;
      }
      if (behaviour === 'broken') return json(res, 500, { message: 'internal error' });
      const auth = req.headers.authorization ?? '';
      if (!timingSafeEqual(sha(auth), sha(`Bearer ${apiKey}`))) return json(res, 401, { message: 'unauthorised' });

      if (req.method === 'POST' && path === TVAN_PATHS.submit) {
        const kind = String(req.headers['x-document-kind'] ?? '');
        const messageId = String(req.headers['x-message-id'] ?? '');
        const taxCode = String(req.headers['x-tax-code'] ?? '');
        if (!(Object.values(TVAN_DOCUMENT_KIND) as string[]).includes(kind) || !messageId || !/^\d{10}(-\d{3})?$/.test(taxCode)) return json(res, 400, { errors: [{ code: 'HDR', message: 'missing or wrong headers' }] });
        if (!String(req.headers['content-type'] ?? '').startsWith('application/xml')) return json(res, 415, { message: 'XML only' });
        if (behaviour === 'refuse') return json(res, 400, { errors: state.errors });
        const repeat = received.find((d) => d.messageId === messageId);
        if (repeat) return json(res, 202, { transactionId: repeat.transactionId, receivedAt: new Date().toISOString() });
        const doc: ReceivedDocument = { transactionId: randomUUID(), kind, taxCode, messageId, xml: Buffer.concat(chunks).toString('utf8'), verdict: behaviour === 'reject' ? 'reject' : 'accept', polls: 0 };
        received.push(doc);
        return json(res, 202, { transactionId: doc.transactionId, receivedAt: new Date().toISOString() });
      }
      const match = /^\/v1\/documents\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && match) {
        const doc = received.find((d) => d.transactionId === decodeURIComponent(match[1]!));
        if (!doc) return json(res, 404, { message: 'unknown transaction' });
        doc.polls++;
        if (doc.polls <= (options.processingPolls ?? 0)) return json(res, 200, { status: 'processing' });
        const reference = `TB-KTDL-${doc.transactionId.slice(0, 8)}`;
        return doc.verdict === 'accept' ? json(res, 200, { status: 'accepted', reference }) : json(res, 200, { status: 'rejected', reference, errors: state.errors });
      }
      json(res, 404, { message: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    received,
    requests,
    get errors() {
      return state.errors;
    },
    set errors(e) {
      state.errors = e;
    },
    set(b) {
      behaviour = b;
      if (b !== 'hang') for (const res of hanging) res.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
