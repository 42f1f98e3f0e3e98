/**
 * Payment-notification adapters, one per aggregator: verify (constant time, before
 * anything is parsed into a record), then parse into one IncomingTransfer.
 */
import type { Provider } from '../../../shared/transfer';
import { casso, cassoSignatureHeader, sampleCassoBody } from './casso';
import type { ProviderAdapter, SampleTransfer } from './common';
import { payos, samplePayosBody } from './payos';
import type { SepayAuthMethod } from '../../lib/platform/config';
import { sampleSepayBody, sepay, sepayHeaders } from './sepay';

export type { HeadersInput, ParseResult, ProviderAdapter, SampleTransfer, VerifyInput, VerifyResult } from './common';
export { vietnamLocalTime, vietnamTimeToIso } from './common';
export { payosAccountOf, payosCanonical, samplePayosBody, samplePayosData, signPayos } from './payos';
export { SEPAY_TOLERANCE_MS, sampleSepayBody, sepayAccountOf, sepayAuthorization, sepayHeaders, sepayHmacHeaders, sepaySignature } from './sepay';
export { CASSO_TOLERANCE_MS, cassoSignatureHeader, sampleCassoBody } from './casso';

export const ADAPTERS: Record<Provider, ProviderAdapter> = { payos, sepay, casso };

/**
 * One notification exactly as the provider would send it, signed with `secret`
 * (what `npm run pay` posts): `fetch(url, { method: 'POST', ...signedNotification(...) })`.
 * SePay authenticates with its API key unless `sepayMethod` says 'hmac'.
 */
export function signedNotification(provider: Provider, sample: SampleTransfer, secret: string, now: Date, sepayMethod: SepayAuthMethod = 'apikey'): { body: string; headers: Record<string, string> } {
  const json = { 'content-type': 'application/json' };
  switch (provider) {
    case 'payos':
      return { body: JSON.stringify(samplePayosBody(sample, secret)), headers: json };
    case 'sepay': {
      const body = JSON.stringify(sampleSepayBody(sample));
      return { body, headers: { ...json, ...sepayHeaders(body, secret, now, sepayMethod) } };
    }
    case 'casso': {
      const body = sampleCassoBody(sample);
      return { body: JSON.stringify(body), headers: { ...json, 'x-casso-signature': cassoSignatureHeader(body, secret, now.getTime()) } };
    }
  }
}
