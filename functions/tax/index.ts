/**
 * Scheduled (EventBridge, every 30 minutes): the documents for the tax authority. Makes
 * each agency's summary table 01/TH-BLĐT of the days due (the last week, and today from
 * 23:00 Vietnam time), signs it, sends what the outbox holds through the transmission port
 * (T-VAN or manual), asks for answers, and publishes the days not accepted by the next
 * working day (TaxSummariesOverdue, an alarm's measure). Not an HTTP app.
 */
import { configured } from '../composition/root';
import { taxJobDeps } from '../composition/jobs';
import { log } from '../lib/platform/log';
import { countTaxJobRun, instrumented } from '../lib/platform/metrics';
import { withSecrets } from '../lib/platform/secrets';
import { runTaxJob } from '../lib/receipts/summary-transmission';

const deps = configured(taxJobDeps);

// One agency failing is logged and counted (TaxTransmissionFailures, alarmed); the others go on.
export const handler = instrumented(
  withSecrets(async () => {
    const result = await runTaxJob(deps(), { onError: (agencyId, err) => log.error('tax job failed for an agency', { agencyId, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }) });
    countTaxJobRun(result);
    log.info('tax job finished', { ...result });
    return result;
  }),
);
