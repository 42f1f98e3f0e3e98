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
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { defineStacks } from './stacks';

const app = new App();
defineStacks(app, {
  stage: (app.node.tryGetContext('stage') as string | undefined) ?? 'dev',
  bundlesDir: app.node.tryGetContext('bundlesDir') as string | undefined,
  siteDir: app.node.tryGetContext('siteDir') as string | undefined,
  webhookSources: app.node.tryGetContext('webhookSources') as unknown,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

app.synth();
