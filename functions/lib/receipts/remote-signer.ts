/**
 * The signer adapter for a CA's remote-signing service, where the organisation's key never
 * leaves the CA: the flow of VNPT SmartCA's server API (get the certificate; submit a hash
 * to sign, which opens a transaction; poll the transaction until it is signed). Viettel
 * MySign (CSC-style: login, credentials, sign hash) fits the same port with another
 * adapter.
 *
 * The wire format here (paths, sp_id/sp_password/user_id, sign_files[].data_to_be_signed
 * as the hex SHA-256, tran_id, tran_status) follows SmartCA's published integration
 * guide as we read it; confirm names and status codes against the CA's current guide
 * before going live. test/support/remote-signer-stand-in.ts speaks the same protocol.
 *
 * Every wait is bounded: a request that takes longer than requestTimeoutMs, or a
 * transaction not signed within signTimeoutMs, is a SigningUnavailableError (503 for the
 * caller, who numbers nothing), as is a service that cannot be reached or refuses.
 */
import { X509Certificate, randomUUID } from 'node:crypto';
import { SigningUnavailableError, isSignatureOfDigest, type ReceiptSigner, type SigningCertificate } from './signer';

export interface RemoteSignerOptions {
  /** The service's base URL, e.g. https://gwsca.vnpt.vn/sca/sp769 (no trailing slash needed). */
  baseUrl: string;
  /** The integrator's credentials the CA issues (sp_id, sp_password). */
  clientId: string;
  clientSecret: string;
  /** The organisation's account with the service (usually its tax code). */
  userId: string;
  /** Which of the account's certificates signs, when it has several. */
  serialNumber?: string;
  /** Longest wait for one HTTP answer (default 5 s). */
  requestTimeoutMs?: number;
  /** Longest wait for a signature, submission and polling together (default 20 s). */
  signTimeoutMs?: number;
  /** Time between polls of a pending transaction (default 1 s). */
  pollIntervalMs?: number;
}

/** Transaction states of the status call. */
export const TRANSACTION_STATUS = { signed: 1, waiting: 4000, refused: 4001, expired: 4002 } as const;

export const REMOTE_SIGNER_PATHS = {
  certificate: '/v1/credentials/get_certificate',
  sign: '/v1/signatures/sign',
  status: (transactionId: string) => `/v1/signatures/sign/${encodeURIComponent(transactionId)}/status`,
} as const;

const MAX_ANSWER_BYTES = 1_000_000;

interface Envelope {
  code?: unknown;
  message?: unknown;
  content?: unknown;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function decodeCertificate(base64: unknown, what: string): X509Certificate {
  if (typeof base64 !== 'string') throw new SigningUnavailableError('invalid-response', `the signing service sent no ${what}`);
  try {
    return new X509Certificate(Buffer.from(base64, 'base64'));
  } catch {
    throw new SigningUnavailableError('invalid-response', `the signing service sent a ${what} that does not parse`);
  }
}

export function remoteSigner(options: RemoteSignerOptions): ReceiptSigner {
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const requestTimeoutMs = options.requestTimeoutMs ?? 5_000;
  const signTimeoutMs = options.signTimeoutMs ?? 20_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const credentials = { sp_id: options.clientId, sp_password: options.clientSecret };
  const host = base.host;

  /**
   * POSTs JSON and returns the envelope's content when its code is 0; every failure is a
   * SigningUnavailableError. A request cut short by the signing deadline (not by its own
   * timeout) that times out is `pastDeadline()`: what ran out was the time to sign.
   */
  async function call(path: string, body: Record<string, unknown>, deadline: number, pastDeadline?: () => SigningUnavailableError): Promise<Record<string, unknown>> {
    const wait = Math.min(requestTimeoutMs, deadline - Date.now());
    const cutByDeadline = wait < requestTimeoutMs;
    if (wait <= 0) throw pastDeadline?.() ?? new SigningUnavailableError('timeout', `the signing service at ${host} did not sign within ${signTimeoutMs} ms`);
    let response: Response;
    let text: string;
    try {
      response = await fetch(new URL(path.replace(/^\//, ''), base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ ...credentials, ...body }),
        signal: AbortSignal.timeout(wait),
        redirect: 'error',
      });
      text = await response.text();
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        if (cutByDeadline && pastDeadline) throw pastDeadline();
        throw new SigningUnavailableError('timeout', `the signing service at ${host} did not answer ${path} within ${wait} ms`);
      }
      throw new SigningUnavailableError('unreachable', `the signing service at ${host} cannot be reached (${(error as Error).message})`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new SigningUnavailableError('refused', `the signing service at ${host} refused our credentials (HTTP ${response.status})`);
    }
    if (!response.ok) throw new SigningUnavailableError('unreachable', `the signing service at ${host} answered HTTP ${response.status} to ${path}`);
    if (text.length > MAX_ANSWER_BYTES) throw new SigningUnavailableError('invalid-response', `the signing service's answer to ${path} is too large`);
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      throw new SigningUnavailableError('invalid-response', `the signing service's answer to ${path} is not JSON`);
    }
    if (envelope?.code !== 0) {
      const message = typeof envelope?.message === 'string' ? envelope.message.slice(0, 200) : 'no message';
      throw new SigningUnavailableError('refused', `the signing service refused ${path}: code ${String(envelope?.code)} (${message})`);
    }
    if (envelope.content === null || typeof envelope.content !== 'object') {
      throw new SigningUnavailableError('invalid-response', `the signing service's answer to ${path} has no content`);
    }
    return envelope.content as Record<string, unknown>;
  }

  let cached: Promise<SigningCertificate> | undefined;

  async function fetchCertificate(): Promise<SigningCertificate> {
    const content = await call(
      REMOTE_SIGNER_PATHS.certificate,
      { user_id: options.userId, ...(options.serialNumber ? { serial_number: options.serialNumber } : {}) },
      Date.now() + requestTimeoutMs,
    );
    const list = Array.isArray(content.user_certificates) ? (content.user_certificates as Record<string, unknown>[]) : [];
    const chosen = options.serialNumber ? list.find((c) => String(c.serial_number).toUpperCase() === options.serialNumber!.toUpperCase()) : list[0];
    if (!chosen) throw new SigningUnavailableError('invalid-response', `the signing service holds no certificate${options.serialNumber ? ` with serial ${options.serialNumber}` : ''} for this account`);
    const leaf = decodeCertificate(chosen.cert_data, 'certificate');
    const chainData = (chosen.chain_data ?? {}) as Record<string, unknown>;
    // Intermediates only; the root is what a verifier trusts.
    const chain = chainData.ca_cert ? [decodeCertificate(chainData.ca_cert, 'CA certificate')].filter((c) => !c.checkIssued(c)) : [];
    return { leaf, chain };
  }

  function certificate(): Promise<SigningCertificate> {
    // Kept once fetched; a failed fetch is tried again at the next call.
    cached ??= fetchCertificate().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  }

  return {
    certificate,

    async signDigest(digest) {
      const deadline = Date.now() + signTimeoutMs;
      const { leaf } = await certificate();
      const docId = randomUUID();
      const submitted = await call(
        REMOTE_SIGNER_PATHS.sign,
        {
          user_id: options.userId,
          transaction_id: randomUUID(),
          transaction_desc: 'Ký biên lai thu phí, lệ phí điện tử',
          serial_number: leaf.serialNumber,
          sign_files: [{ doc_id: docId, file_type: 'xml', sign_type: 'hash', data_to_be_signed: Buffer.from(digest).toString('hex') }],
        },
        deadline,
      );
      const transactionId = submitted.tran_id;
      if (typeof transactionId !== 'string' || !transactionId) throw new SigningUnavailableError('invalid-response', 'the signing service opened no transaction');

      const stillWaiting = () => new SigningUnavailableError('timeout', `the signing service at ${host} did not sign within ${signTimeoutMs} ms (transaction ${transactionId} still waiting)`);
      for (;;) {
        const content = await call(REMOTE_SIGNER_PATHS.status(transactionId), {}, deadline, stillWaiting);
        const status = content.tran_status;
        if (status === TRANSACTION_STATUS.signed) {
          const signatures = Array.isArray(content.signatures) ? (content.signatures as Record<string, unknown>[]) : [];
          const value = signatures.find((s) => s.doc_id === docId)?.signature_value;
          if (typeof value !== 'string') throw new SigningUnavailableError('invalid-response', 'the signed transaction carries no signature for our document');
          const signature = Buffer.from(value, 'base64');
          if (!isSignatureOfDigest(leaf, digest, signature)) {
            throw new SigningUnavailableError('invalid-response', 'the signing service returned a signature that does not verify with its certificate');
          }
          return signature;
        }
        if (status === TRANSACTION_STATUS.refused || status === TRANSACTION_STATUS.expired) {
          throw new SigningUnavailableError('refused', `the signing transaction ${transactionId} was ${status === TRANSACTION_STATUS.refused ? 'refused' : 'left to expire'}`);
        }
        if (status !== TRANSACTION_STATUS.waiting) throw new SigningUnavailableError('invalid-response', `unknown transaction status ${String(status)}`);
        if (Date.now() + pollIntervalMs >= deadline) throw stillWaiting();
        await sleep(pollIntervalMs);
      }
    },
  };
}
