/**
 * The T-VAN-style connector: the HTTP adapter of the transmission port. What
 * docs/e-receipts.md documents of the exchange (Decree 254/2026 Art. 29.3.b; Circular
 * 91/2026): the organisation sends the signed summary 01/TH-BLĐT (or notice 04/SS-CTĐT);
 * the tax authority answers with a technical acknowledgement, then a data check, valid or
 * invalid with its errors (01/TB-KTDL; for a notice 01/TB-SSĐT).
 *
 * ASSUMPTIONS (not documented by the law or by e-receipts.md; the one place they live):
 * - the wire format is a REST gateway of the kind T-VAN providers put in front of the tax
 *   authority's message exchange (whose envelopes, message-type codes such as 999 for the
 *   technical acknowledgement and 204 for the data check, and mutual-TLS set-up are the
 *   provider's business): `POST {base}/v1/documents` with the signed XML as the body
 *   (`Content-Type: application/xml`), `Authorization: Bearer <api key>`, headers
 *   `X-Document-Kind` (`01/TH-BLDT` or `04/SS-CTDT`), `X-Tax-Code` (the sender) and
 *   `X-Message-Id` (stable across retries; the gateway answers a repeat with the first
 *   transaction instead of a second document);
 * - it answers 202 `{"transactionId","receivedAt"}` (the technical acknowledgement), or a
 *   4xx other than 401/403/408/429 `{"errors":[{"code","message"}]}` when it refuses the
 *   document itself (that is the verdict: rejected);
 * - `GET {base}/v1/documents/{transactionId}` answers `{"status":"processing"}`, or
 *   `{"status":"accepted","reference"}`, or `{"status":"rejected","reference"?,"errors"}`;
 * - anything else (a timeout, 5xx, 401/403/408/429, an answer we cannot read) is the
 *   connector being unavailable: TransmissionUnavailableError, and the outbox tries again.
 * Confirm with the chosen T-VAN provider and adapt this file only.
 * test/support/tvan-stand-in.ts speaks this exchange.
 */
import * as z from 'zod';
import { TransmissionUnavailableError, type TaxTransmitter, type TaxVerdict } from './transmission';

export interface TvanOptions {
  baseUrl: string;
  apiKey: string;
  /** Longest wait for one answer (default 10 s). */
  requestTimeoutMs?: number;
}

export const TVAN_PATHS = {
  submit: '/v1/documents',
  status: (transactionId: string) => `/v1/documents/${encodeURIComponent(transactionId)}`,
} as const;

export const TVAN_DOCUMENT_KIND = { summary: '01/TH-BLDT', notice: '04/SS-CTDT' } as const;

const MAX_ANSWER_BYTES = 1_000_000;

const taxErrors = z.array(z.object({ code: z.string().max(50), message: z.string().max(2000) })).max(500);
const accepted = z.object({ transactionId: z.string().min(1).max(200) });
const refusal = z.object({ errors: taxErrors.min(1) });
const status = z.discriminatedUnion('status', [
  z.object({ status: z.literal('processing') }),
  z.object({ status: z.literal('accepted'), reference: z.string().max(200).optional() }),
  z.object({ status: z.literal('rejected'), reference: z.string().max(200).optional(), errors: taxErrors }),
]);

export function tvanConnector(options: TvanOptions): TaxTransmitter {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeout = options.requestTimeoutMs ?? 10_000;

  async function call(path: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${options.apiKey}`, accept: 'application/json' }, signal: AbortSignal.timeout(timeout), redirect: 'error' });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new TransmissionUnavailableError(timedOut ? `the T-VAN connector did not answer within ${timeout} ms` : 'the T-VAN connector could not be reached');
    }
    const text = await res.text().catch(() => '');
    if (text.length > MAX_ANSWER_BYTES) throw new TransmissionUnavailableError('the T-VAN connector\'s answer is too large');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, body };
  }

  const unavailable = (status: number) => new TransmissionUnavailableError(`the T-VAN connector answered HTTP ${status}`);
  const retriable = (status: number) => status >= 500 || [401, 403, 408, 429].includes(status);

  return {
    name: 'tvan',
    async submit(doc) {
      const { status: code, body } = await call(TVAN_PATHS.submit, {
        method: 'POST',
        headers: { 'content-type': 'application/xml; charset=utf-8', 'x-document-kind': TVAN_DOCUMENT_KIND[doc.kind], 'x-tax-code': doc.taxCode, 'x-message-id': doc.messageId },
        body: doc.xml,
      });
      if (code === 200 || code === 201 || code === 202) {
        const parsed = accepted.safeParse(body);
        if (!parsed.success) throw new TransmissionUnavailableError('the T-VAN connector acknowledged without a transaction id');
        return { transactionId: parsed.data.transactionId };
      }
      if (code >= 400 && code < 500 && !retriable(code)) {
        const parsed = refusal.safeParse(body);
        if (parsed.success) return { transactionId: `refused:${doc.messageId}`, verdict: { state: 'answered', accepted: false, errors: parsed.data.errors } };
      }
      throw unavailable(code);
    },
    async verdict(transactionId): Promise<TaxVerdict> {
      const { status: code, body } = await call(TVAN_PATHS.status(transactionId), { method: 'GET' });
      if (code !== 200) throw unavailable(code);
      const parsed = status.safeParse(body);
      if (!parsed.success) throw new TransmissionUnavailableError('the T-VAN connector\'s status answer could not be read');
      const s = parsed.data;
      if (s.status === 'processing') return { state: 'waiting' };
      if (s.status === 'accepted') return { state: 'answered', accepted: true, ...(s.reference ? { reference: s.reference } : {}), errors: [] };
      return { state: 'answered', accepted: false, ...(s.reference ? { reference: s.reference } : {}), errors: s.errors };
    },
  };
}
