/**
 * A receiver of Standard Webhooks: a real HTTP server that verifies every request with the
 * `standardwebhooks` package, as an integrator would, and answers what the test asks for
 * (2xx, an error status with headers, or nothing at all, to time out).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export type Answer = { status: number; headers?: Record<string, string> } | 'hang';

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  /** Verified by `standardwebhooks` (false: the signature did not hold). */
  verified: boolean;
  payload: { type: string; timestamp: string; data: Record<string, unknown> } | undefined;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Answers for the next requests, in order; then `fallback`. */
  answers: Answer[];
  fallback: Answer;
  secret: string | undefined;
  /** Resolves at the next request received. */
  next(): Promise<Received>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const waiting: ((r: Received) => void)[] = [];
  const hanging: http.ServerResponse[] = [];
  const receiver: Receiver = {
    url: '',
    received: [],
    answers: [],
    fallback: { status: 204 },
    secret: undefined,
    next: () => new Promise((resolve) => waiting.push(resolve)),
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = { 'webhook-id': String(req.headers['webhook-id'] ?? ''), 'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''), 'webhook-signature': String(req.headers['webhook-signature'] ?? '') };
      let payload: Received['payload'];
      let verified = false;
      try {
        payload = new Webhook(receiver.secret ?? '').verify(body, headers) as Received['payload'];
        verified = true;
      } catch {
        payload = undefined;
      }
      const got: Received = { id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], body, verified, payload };
      receiver.received.push(got);
      const answer = receiver.answers.shift() ?? receiver.fallback;
      if (answer === 'hang') hanging.push(res);
      else {
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(answer.status === 204 ? undefined : `answer ${answer.status}`);
      }
      waiting.shift()?.(got);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/motcua`;
  return receiver;
}
