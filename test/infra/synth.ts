/**
 * Synthesizing the stack in a test: with the same feature flags as `cdk synth`
 * (cdk.json), bundles and site in folders of the test's own, so that a concurrent
 * `npm run build` and a test never see each other's half-written dist.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DEPLOYED_FUNCTIONS, MotcuaPayStack, type MotcuaPayStackProps } from '../../infra/stack';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function cdkContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/** A stub Lambda bundle for each function not in `bundlesDir` yet. */
export async function stubBundles(bundlesDir: string, except: readonly string[] = []): Promise<void> {
  for (const name of DEPLOYED_FUNCTIONS) {
    if (except.includes(name)) continue;
    await mkdir(path.join(bundlesDir, name), { recursive: true });
    await writeFile(path.join(bundlesDir, name, 'index.mjs'), 'export const handler = async () => ({ statusCode: 503 });\n');
  }
}

/** A one-page site (the template does not depend on the site's content). */
export async function stubSite(siteDir: string): Promise<void> {
  await mkdir(siteDir, { recursive: true });
  await writeFile(path.join(siteDir, 'index.html'), '<!doctype html><title>motcua-pay</title>\n');
}

export interface Synthesized {
  app: App;
  stack: MotcuaPayStack;
  template: Template;
  resources: Record<string, { Type: string; Properties: Record<string, any>; DependsOn?: string[]; DeletionPolicy?: string; UpdateReplacePolicy?: string; Metadata?: Record<string, unknown> }>;
  logicalId(element: unknown): string;
}

export function synthesize(props: MotcuaPayStackProps & { id?: string; outdir?: string }): Synthesized {
  const app = new App({
    context: cdkContext(),
    ...(props.outdir ? { outdir: props.outdir } : {}),
    // CDK's CloudFormation rules run in WebAssembly and take 5-12 s to load; `npm run
    // synth` runs them (and fails on a finding). CDK_VALIDATION=true runs them here too.
    builtinCloudFormationValidation: process.env.CDK_VALIDATION === 'true',
  });
  const stack = new MotcuaPayStack(app, props.id ?? 'Test', props);
  const template = Template.fromStack(stack);
  return {
    app,
    stack,
    template,
    resources: template.toJSON().Resources,
    logicalId: (element) => stack.getLogicalId(element as CfnElement),
  };
}

/** Stub bundles and site in a temp folder, and the stack synthesized from them. */
export async function synthesizeWithStubs(props: MotcuaPayStackProps & { id?: string } = {}): Promise<Synthesized & { cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'motcua-pay-infra-'));
  await stubBundles(path.join(dir, 'functions'));
  await stubSite(path.join(dir, 'web'));
  const synthesized = synthesize({ bundlesDir: path.join(dir, 'functions'), siteDir: path.join(dir, 'web'), outdir: path.join(dir, 'cdk.out'), ...props });
  return { ...synthesized, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
