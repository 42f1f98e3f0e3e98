/** Which transmitter the deployment uses (the port and its adapters: transmission.ts, tvan-connector.ts). */
import { manualTransmitter, TransmissionConfigError, type TaxTransmitter } from './transmission';
import { tvanConnector } from './tvan-connector';

/**
 * From configuration: TAX_TRANSMISSION `tvan` (with TAX_TVAN_URL and TAX_TVAN_API_KEY) or
 * `manual` (the default).
 */
export function taxTransmitterFrom(env: NodeJS.ProcessEnv): TaxTransmitter {
  const mode = env.TAX_TRANSMISSION ?? 'manual';
  if (mode === 'manual') return manualTransmitter();
  if (mode !== 'tvan') throw new TransmissionConfigError('TAX_TRANSMISSION must be "tvan" or "manual"');
  const baseUrl = env.TAX_TVAN_URL ?? '';
  const apiKey = env.TAX_TVAN_API_KEY ?? '';
  if (!/^https?:\/\//.test(baseUrl)) throw new TransmissionConfigError('TAX_TVAN_URL must be the T-VAN connector\'s http(s) base URL');
  if (apiKey.length < 16) throw new TransmissionConfigError('TAX_TVAN_API_KEY must hold the T-VAN connector\'s API key (at least 16 characters)');
  if (env.NODE_ENV === 'production' && !baseUrl.startsWith('https://')) throw new TransmissionConfigError('TAX_TVAN_URL must be https in production');
  return tvanConnector({ baseUrl, apiKey });
}
