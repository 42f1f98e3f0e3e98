/** `npm run bench`: every benchmark, each against a baseline measured in the same run. */
import { benchBundles } from './bundles';
import { benchOrders } from './orders';
import { benchReports } from './reports';
import { benchWebhooks } from './webhooks';
import { benchWeb } from './web';

const only = process.argv[2];
const suites: Record<string, () => Promise<string>> = { bundles: benchBundles, orders: benchOrders, webhooks: benchWebhooks, reports: benchReports, web: benchWeb };

for (const [name, run] of Object.entries(suites)) {
  if (only && only !== name) continue;
  process.stdout.write(`\n== ${name}\n`);
  process.stdout.write(`${await run()}\n`);
}
