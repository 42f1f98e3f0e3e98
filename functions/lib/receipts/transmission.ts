/**
 * The transmission port: how a signed document reaches the tax authority (Decree 254/2026
 * Art. 29.3.b: the summary "directly or through a service provider"). Two adapters:
 *
 * - `tvanConnector` (tvan-connector.ts): a T-VAN-style HTTP connector, endpoint and
 *   credentials configured (TAX_TVAN_URL, TAX_TVAN_API_KEY);
 * - `manualTransmitter` (below): no connection; an admin downloads the signed XML, uploads
 *   it on the tax authority's portal, and records the answer it gave
 *   (`POST /api/staff/tax-documents/answer`).
 */
export interface OutgoingDocument {
  kind: 'summary' | 'notice';
  /** The organisation's tax code (the sender). */
  taxCode: string;
  /** Unique per sender and stable across retries: a retry after a lost answer is not a second document. */
  messageId: string;
  xml: string;
}

export type TaxVerdict = { state: 'waiting' } | { state: 'answered'; accepted: boolean; reference?: string; errors: { code: string; message: string }[] };

export interface TaxTransmitter {
  readonly name: 'tvan' | 'manual';
  /**
   * Hands the document over. The connector's transaction id once it acknowledged receipt;
   * a verdict straight away when it refused the document itself (4xx with errors);
   * TransmissionUnavailableError when it could not be reached or failed (try again later).
   */
  submit(doc: OutgoingDocument): Promise<{ transactionId: string; verdict?: TaxVerdict }>;
  /** The tax authority's data check of a sent document, if it has come. */
  verdict(transactionId: string): Promise<TaxVerdict>;
}

/** The connector could not be reached, timed out or failed: nothing is lost, the outbox tries again. */
export class TransmissionUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransmissionUnavailableError';
  }
}

/** A misconfigured transmitter: the function refuses to start. */
export class TransmissionConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransmissionConfigError';
  }
}

/** The transaction id the manual adapter gives: the document waits for an admin to upload it. */
export const MANUAL_TRANSACTION = 'manual-upload';

export function manualTransmitter(): TaxTransmitter {
  return {
    name: 'manual',
    async submit() {
      return { transactionId: MANUAL_TRANSACTION };
    },
    async verdict() {
      return { state: 'waiting' };
    },
  };
}
