/**
 * Sending one Standard Webhook: signed with the integration's secret by the
 * `standardwebhooks` package (the receivers verify with the same), POSTed over node's own
 * http(s) with a time limit and an address guard (url-guard.ts), the answer read to at
 * most a few kilobytes.
 */
import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import { guardedLookup, refusalOf } from './url-guard';

export interface SendResult {
  /** The receiver's status, when it answered. */
  status?: number;
  /** The start of its answer. */
  answer?: string;
  retryAfter?: string;
  /** Why there is no answer. */
  error?: string;
  durationMs: number;
}

export interface SendOptions {
  production: boolean;
  timeoutMs: number;
}

/** The three headers of an attempt: the same id every time, this attempt's time, the signature of both and the body. */
export function signedHeaders(signingSecret: string, messageId: string, at: Date, body: string): Record<string, string> {
  const signature = new Webhook(signingSecret).sign(messageId, at, body);
  return { 'webhook-id': messageId, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
}

export async function sendWebhook(url: string, headers: Record<string, string>, body: string, options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const refused = await refusalOf(url, { production: options.production });
  if (refused) return { error: `refused: ${refused}`, durationMs: took() };
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const done = (result: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: took() });
    };
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'motcua-pay-webhooks/1' },
        lookup: guardedLookup(options.production) as never,
        // Never follow a redirect: it could lead anywhere.
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < 4096) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          done({
            status: res.statusCode ?? 0,
            answer: Buffer.concat(chunks).toString('utf8').slice(0, 200),
            ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
          });
        });
        res.on('error', (err) => done({ status: res.statusCode ?? 0, error: err.message.slice(0, 200) }));
      },
    );
    const timer = setTimeout(() => {
      done({ error: `timeout after ${options.timeoutMs} ms` });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (err) => done({ error: err.message.slice(0, 200) }));
    req.end(body);
  });
}
