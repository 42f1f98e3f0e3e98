/**
 * A local stand-in for a CA's remote-signing service (VNPT SmartCA-style), speaking the
 * protocol functions/lib/receipts/remote-signer.ts speaks, over real HTTP on a free port:
 * it holds one organisation's key and certificate, opens a transaction for each hash,
 * answers "waiting" for a few polls (the organisation approving), then signs.
 * `behaviour` makes it misbehave the ways a real service can.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants, privateEncrypt, randomUUID, type KeyObject, type X509Certificate } from 'node:crypto';
import { REMOTE_SIGNER_PATHS, TRANSACTION_STATUS } from '../../functions/lib/receipts/remote-signer';
import { sha256DigestInfo } from '../../functions/lib/receipts/signer';

export type StandInBehaviour =
  /** Signs after `waitingPolls` polls. */
  | 'sign'
  /** Never answers the sign request (the connection stays open). */
  | 'hang'
  /** Keeps the transaction waiting for ever (nobody approves). */
  | 'never-sign'
  /** The organisation refuses the transaction. */
  | 'refuse'
  /** Signs, but with another key. */
  | 'wrong-signature'
  /** Answers 500 to everything. */
  | 'broken';

export interface StandInOptions {
  key: KeyObject;
  certificate: X509Certificate;
  caCertificate: X509Certificate;
  clientId: string;
  clientSecret: string;
  userId: string;
  waitingPolls?: number;
  behaviour?: StandInBehaviour;
  /** A key for 'wrong-signature'. */
  otherKey?: KeyObject;
}

export interface StandIn {
  url: string;
  /** Every request's path, in order. */
  requests: string[];
  /** Hashes it signed (hex). */
  signed: string[];
  set(behaviour: StandInBehaviour): void;
  close(): Promise<void>;
}

interface Transaction {
  docId: string;
  hash: Buffer;
  polls: number;
}

export async function startRemoteSignerStandIn(options: StandInOptions): Promise<StandIn> {
  let behaviour: StandInBehaviour = options.behaviour ?? 'sign';
  const transactions = new Map<string, Transaction>();
  const requests: string[] = [];
  const signed: string[] = [];
  const hanging = new Set<http.ServerResponse>();

  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const ok = (res: http.ServerResponse, content: unknown) => answer(res, 200, { code: 0, message: 'success', content });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      requests.push(path);
      if (behaviour === 'broken') return answer(res, 500, { code: 1, message: 'internal error' });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        return answer(res, 400, { code: 400, message: 'not JSON' });
      }
      if (body.sp_id !== options.clientId || body.sp_password !== options.clientSecret) return answer(res, 401, { code: 401, message: 'unauthorised' });

      if (req.method === 'POST' && path === REMOTE_SIGNER_PATHS.certificate) {
        if (body.user_id !== options.userId) return answer(res, 200, { code: 404, message: 'no such user' });
        return ok(res, {
          user_certificates: [
            {
              serial_number: options.certificate.serialNumber,
              cert_status: 'VALID',
              cert_data: options.certificate.raw.toString('base64'),
              chain_data: { ca_cert: options.caCertificate.raw.toString('base64'), root_cert: null },
            },
          ],
        });
      }
      if (req.method === 'POST' && path === REMOTE_SIGNER_PATHS.sign) {
        if (behaviour === 'hang') {
          hanging.add(res);
          return;
        }
        const file = (body.sign_files as Record<string, unknown>[] | undefined)?.[0];
        const hash = typeof file?.data_to_be_signed === 'string' ? Buffer.from(file.data_to_be_signed, 'hex') : Buffer.alloc(0);
        if (body.user_id !== options.userId || hash.length !== 32 || file?.sign_type !== 'hash') return answer(res, 200, { code: 400, message: 'bad request' });
        const id = randomUUID();
        transactions.set(id, { docId: String(file.doc_id), hash, polls: 0 });
        return ok(res, { tran_id: id });
      }
      const status = /^\/v1\/signatures\/sign\/([^/]+)\/status$/.exec(path);
      const transaction = status ? transactions.get(decodeURIComponent(status[1]!)) : undefined;
      if (req.method === 'POST' && transaction) {
        transaction.polls++;
        if (behaviour === 'refuse') return ok(res, { tran_id: status![1], tran_status: TRANSACTION_STATUS.refused, signatures: null });
        if (behaviour === 'never-sign' || transaction.polls <= (options.waitingPolls ?? 1)) {
          return ok(res, { tran_id: status![1], tran_status: TRANSACTION_STATUS.waiting, signatures: null });
        }
        const key = behaviour === 'wrong-signature' && options.otherKey ? options.otherKey : options.key;
        const signature = privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, sha256DigestInfo(transaction.hash));
        signed.push(transaction.hash.toString('hex'));
        return ok(res, { tran_id: status![1], tran_status: TRANSACTION_STATUS.signed, signatures: [{ doc_id: transaction.docId, signature_value: signature.toString('base64') }] });
      }
      return answer(res, 404, { code: 404, message: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    signed,
    set: (next) => {
      behaviour = next;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
