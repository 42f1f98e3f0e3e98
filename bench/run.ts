/**
 * `npm run bench`: every benchmark, each against a baseline measured in the same run.
 * Suites are imported when they run, so the server a suite measures in this process does
 * not carry the others' modules (Lighthouse and Playwright are large).
 */
export {};
const suites: Record<string, () => Promise<string>> = {
  bundles: async () => (await import('./bundles')).benchBundles(),
  orders: async () => (await import('./orders')).benchOrders(),
  webhooks: async () => (await import('./webhooks')).benchWebhooks(),
  events: async () => (await import('./events')).benchEvents(),
  reports: async () => (await import('./reports')).benchReports(),
  web: async () => (await import('./web')).benchWeb(),
  receipts: async () => (await import('./receipts-sign')).benchReceiptsSigning(),
  catchup: async () => (await import('./catchup')).benchCatchUp(),
  journey: async () => (await import('./journey')).benchJourney(),
};

const only = process.argv[2];
if (only && !(only in suites)) throw new Error(`no benchmark "${only}"; there are: ${Object.keys(suites).join(', ')}`);
for (const [name, run] of Object.entries(suites)) {
  if (only && only !== name) continue;
  process.stdout.write(`\n== ${name}\n`);
  process.stdout.write(`${await run()}\n`);
}
