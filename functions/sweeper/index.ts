/** Scheduled (EventBridge): expire unpaid orders past their expiry. Not an HTTP app. */
import { createBaseDeps, lazy } from '../lib/deps';
import { log } from '../lib/log';
import { sweepExpired } from '../lib/sweeper';

const deps = lazy(() => createBaseDeps());

export const handler = async () => {
  const result = await sweepExpired(deps());
  log.info('sweep finished', { ...result });
  return result;
};
