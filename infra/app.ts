/**
 * The CDK app (`npm run synth`, `npm run deploy`). Environment-agnostic: account and
 * region come from the CLI's credentials at deploy time, never from this file. What an
 * agency sets is passed as stack parameters (AlarmEmail, DomainName, CertificateArn).
 *
 * Context: `-c stage=prod` (default `dev`), `-c bundlesDir=<dir>` (default `dist/functions`),
 * `-c siteDir=<dir>` (default `dist/web`).
 *
 * cdk-nag's AwsSolutions checks run on every synth: an unacknowledged finding fails it.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MotcuaPayStack } from './stack';

const app = new App();
const stage = (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
const bundlesDir = app.node.tryGetContext('bundlesDir') as string | undefined;
const siteDir = app.node.tryGetContext('siteDir') as string | undefined;

new MotcuaPayStack(app, 'MotcuaPay', {
  stackName: stage === 'prod' ? 'MotcuaPay' : `MotcuaPay-${stage}`,
  description: `motcua-pay (${stage}): fee orders paid by VietQR`,
  stage,
  ...(bundlesDir ? { bundlesDir } : {}),
  ...(siteDir ? { siteDir } : {}),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

app.synth();
