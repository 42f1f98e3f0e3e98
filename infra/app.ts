/**
 * The CDK app (`npm run synth`, `npm run deploy`). What an agency sets is passed as stack
 * parameters (AlarmEmail, DomainName, CertificateArn) or context; account and region come
 * from the CLI's credentials at deploy time (infra/stacks.ts).
 *
 * Context: `-c stage=prod` (default `dev`), `-c bundlesDir=<dir>` (default `dist/functions`),
 * `-c siteDir=<dir>` (default `dist/web`), `-c webhookSources='{"sepay":["<CIDR>"]}'`
 * (optional provider allow-lists, infra/firewall.ts).
 *
 * cdk-nag's AwsSolutions checks run on every synth: an unacknowledged finding fails it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DEFAULT_BUNDLES_DIR, DEFAULT_SITE_DIR } from './stack';
import { defineStacks } from './stacks';

/**
 * CDK bundles nothing itself: it deploys what `npm run build` wrote. A bare `cdk synth`
 * on a fresh clone says so in one line instead of a stack trace.
 */
function buildMissing(what: string): never {
  process.stderr.write(`\nmotcua-pay: ${what}. \`cdk synth\` and \`cdk deploy\` use what \`npm run build\` writes: run \`npm run build\` first (\`npm run synth\` and \`npm run deploy\` do both).\n\n`);
  process.exit(1);
}

const app = new App();
const stage = (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
const bundlesDir = app.node.tryGetContext('bundlesDir') as string | undefined;
const siteDir = app.node.tryGetContext('siteDir') as string | undefined;

for (const [dir, what] of [[bundlesDir ?? DEFAULT_BUNDLES_DIR, 'Lambda bundles'], [siteDir ?? DEFAULT_SITE_DIR, 'built site']] as const) {
  if (!existsSync(dir)) buildMissing(`no ${what} in ${path.relative(process.cwd(), path.resolve(dir)) || '.'}`);
}
try {
  defineStacks(app, { stage, bundlesDir, siteDir, webhookSources: app.node.tryGetContext('webhookSources') as unknown });
} catch (err) {
  // A bundle missing from an incomplete build (BundledFunction names it).
  if (err instanceof Error && err.message.includes('npm run build')) buildMissing(err.message.replace(/: run `npm run build` first\.?$/, ''));
  throw err;
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

app.synth();
