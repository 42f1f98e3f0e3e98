/**
 * The deployment: the main stack in the region the CLI deploys to, and the edge stack in
 * us-east-1 (CloudFront's web ACL must live there), joined by CDK's cross-region
 * references (an SSM parameter written in us-east-1 and read back by the main stack).
 */
import type { App } from 'aws-cdk-lib';
import { EdgeStack, parseProviderSources } from './firewall';
import { MotcuaPayStack } from './stack';

export interface DeploymentOptions {
  stage: string;
  bundlesDir?: string | undefined;
  siteDir?: string | undefined;
  /** `-c webhookSources=...`: see parseProviderSources. */
  webhookSources?: unknown;
  /** Where the main stack goes. @default the CLI's region (CDK_DEFAULT_REGION), else ap-southeast-1 (Singapore, nearest Vietnam) */
  region?: string | undefined;
  /** @default the CLI's account (CDK_DEFAULT_ACCOUNT) */
  account?: string | undefined;
}

export const DEFAULT_REGION = 'ap-southeast-1';
export const EDGE_REGION = 'us-east-1';

export function defineStacks(app: App, options: DeploymentOptions): { main: MotcuaPayStack; edge: EdgeStack } {
  const account = options.account ?? process.env.CDK_DEFAULT_ACCOUNT;
  const region = options.region ?? process.env.CDK_DEFAULT_REGION ?? DEFAULT_REGION;
  const prefix = options.stage === 'prod' ? 'MotcuaPay' : `MotcuaPay-${options.stage}`;
  const edge = new EdgeStack(app, 'MotcuaPayEdge', {
    stackName: `${prefix}-edge`,
    description: `motcua-pay (${options.stage}): CloudFront's web ACL, in us-east-1`,
    env: { account, region: EDGE_REGION },
    crossRegionReferences: true,
    providerSources: parseProviderSources(options.webhookSources),
  });
  const main = new MotcuaPayStack(app, 'MotcuaPay', {
    stackName: prefix,
    description: `motcua-pay (${options.stage}): fee orders paid by VietQR`,
    env: { account, region },
    crossRegionReferences: true,
    stage: options.stage,
    webAclArn: edge.webAclArn,
    ...(options.bundlesDir ? { bundlesDir: options.bundlesDir } : {}),
    ...(options.siteDir ? { siteDir: options.siteDir } : {}),
  });
  return { main, edge }; // the reference makes the main stack depend on the edge stack
}
