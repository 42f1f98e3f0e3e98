/** Scheduled (EventBridge): expire unpaid orders past their expiry. Not an HTTP app. */
import { configured } from '../composition/root';
import { sweeperDeps } from '../composition/jobs';
import { log } from '../lib/platform/log';
import { countOrdersExpired, instrumented } from '../lib/platform/metrics';
import { sweepExpired } from '../lib/orders/sweeper';
import { withSecrets } from '../lib/platform/secrets';

const deps = configured(sweeperDeps);

// A run that throws fails the invocation: Lambda sends the event to the dead-letter queue.
// Secrets (payOS's, to cancel an expired order's payment request) are read before the first run.
export const handler = instrumented(
  withSecrets(async () => {
    const result = await sweepExpired(deps());
    countOrdersExpired(result.expired);
    log.info('sweep finished', { ...result });
    return result;
  }),
);
