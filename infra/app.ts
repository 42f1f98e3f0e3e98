/**
 * The CDK app (`npm run synth`, `npm run deploy`). Environment-agnostic: account and
 * region come from the CLI's credentials at deploy time, never from this file.
 *
 * Context: `-c stage=prod` (default `dev`), `-c bundlesDir=<dir>` (default `dist/functions`).
 */
import { App } from 'aws-cdk-lib';
import { MotcuaPayStack } from './stack';

const app = new App();
const stage = (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
const bundlesDir = app.node.tryGetContext('bundlesDir') as string | undefined;

new MotcuaPayStack(app, 'MotcuaPay', {
  stackName: stage === 'prod' ? 'MotcuaPay' : `MotcuaPay-${stage}`,
  description: `motcua-pay (${stage}): fee orders paid by VietQR`,
  stage,
  ...(bundlesDir ? { bundlesDir } : {}),
});

app.synth();
