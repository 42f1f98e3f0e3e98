import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_SHAPE } from '../../functions/lib/table';
import { HTTP_FUNCTIONS, MotcuaPayStack } from '../../infra/stack';
import { buildFunctions, discoverFunctions } from '../../scripts/build';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let bundlesDir: string;
let builtNames: string[];
let buildError: unknown;
let stack: MotcuaPayStack;
let template: Template;

beforeAll(async () => {
  // Real bundles of every function that exists, in a folder of our own so that a
  // concurrent `npm run build` and this test never see each other's half-written dist.
  bundlesDir = await mkdtemp(path.join(tmpdir(), 'motcua-pay-bundles-'));
  try {
    builtNames = (await buildFunctions({ outDir: bundlesDir })).map((b) => b.name);
  } catch (err) {
    // Reported by its own test below; the template does not depend on the code.
    buildError = err;
    builtNames = [];
  }
  // A function whose code is not written yet (or does not build) gets a stub asset.
  for (const spec of HTTP_FUNCTIONS) {
    if (builtNames.includes(spec.name)) continue;
    await mkdir(path.join(bundlesDir, spec.name), { recursive: true });
    await writeFile(path.join(bundlesDir, spec.name, 'index.mjs'), 'export const handler = async () => ({ statusCode: 503 });\n');
  }

  // Same feature flags as `cdk synth`, so the template tested is the one deployed.
  const cdkJson = JSON.parse(readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  const app = new App({
    context: cdkJson.context ?? {},
    // CDK's CloudFormation rules run in WebAssembly and take 5-12 s to load; `npm run
    // synth` runs them (and fails on a finding). CDK_VALIDATION=true runs them here too.
    builtinCloudFormationValidation: process.env.CDK_VALIDATION === 'true',
  });
  stack = new MotcuaPayStack(app, 'Test', { bundlesDir });
  template = Template.fromStack(stack);
});

afterAll(async () => {
  if (bundlesDir) await rm(bundlesDir, { recursive: true, force: true });
});

function logicalId(element: unknown): string {
  return stack.getLogicalId(element as CfnElement);
}

describe('DynamoDB table', () => {
  it('has the key schema, indexes and TTL of TABLE_SHAPE', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_SHAPE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_SHAPE.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: TABLE_SHAPE.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE_SHAPE.sortKey, AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: TABLE_SHAPE.globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      TimeToLiveSpecification: { AttributeName: TABLE_SHAPE.ttlAttribute, Enabled: true },
    });
    expect(TABLE_SHAPE.globalIndexes.map((i) => i.indexName)).toContain('GSI1');
  });

  it('is on-demand, recoverable, protected, encrypted and retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        // SSEEnabled without a key of ours: the AWS-managed key (aws/dynamodb).
        SSESpecification: { SSEEnabled: true },
      }),
    });
  });
});

describe('Lambda functions', () => {
  it('bundles every function folder', async () => {
    if (buildError) throw buildError;
    expect(builtNames).toEqual(await discoverFunctions(path.join(ROOT, 'functions')));
  });

  it('deploys every function folder that has an entry', async () => {
    const onDisk = await discoverFunctions(path.join(ROOT, 'functions'));
    expect(onDisk.filter((name) => !stack.functions.has(name))).toEqual([]);
  });

  it('runs every HTTP function on Node 22, arm64, from index.handler', () => {
    template.resourceCountIs('AWS::Lambda::Function', HTTP_FUNCTIONS.length);
    for (const spec of HTTP_FUNCTIONS) {
      const fn = stack.functions.get(spec.name);
      expect(fn, spec.name).toBeDefined();
      const props = template.toJSON().Resources[logicalId(fn!.function.node.defaultChild)].Properties;
      expect(props).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        Environment: { Variables: { TABLE_NAME: { Ref: logicalId(stack.table.node.defaultChild) }, NODE_OPTIONS: '--enable-source-maps' } },
        LoggingConfig: { LogGroup: { Ref: logicalId(fn!.logGroup.node.defaultChild) } },
      });
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() });
  });

  it('gives each function its own role, reaching only the table and its own logs', () => {
    const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>;
    const tableId = logicalId(stack.table.node.defaultChild);
    const roleIds = new Set<string>();
    for (const fn of stack.functions.values()) {
      const roleId = logicalId(fn.role.node.defaultChild);
      expect(roleIds.has(roleId)).toBe(false);
      roleIds.add(roleId);
      // No AWSLambdaBasicExecutionRole (logs:* on *).
      expect(resources[roleId]?.Properties.ManagedPolicyArns).toBeUndefined();

      const statements = Object.values(resources)
        .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(roleId))
        .flatMap((r) => r.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        const actions = ([] as string[]).concat(statement.Action);
        const targets = ([] as unknown[]).concat(statement.Resource);
        expect(targets, JSON.stringify(statement)).not.toContain('*');
        if (actions.some((a) => a.startsWith('dynamodb:'))) {
          for (const target of targets) expect(JSON.stringify(target)).toContain(tableId);
        } else {
          expect(actions.every((a) => a.startsWith('logs:'))).toBe(true);
          expect(targets).toEqual([{ 'Fn::GetAtt': [logicalId(fn.logGroup.node.defaultChild), 'Arn'] }]);
        }
      }
    }
  });
});

describe('HTTP API', () => {
  it('is one HTTP API with a throttled $default stage', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it('routes every declared path to its function', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    const declared = HTTP_FUNCTIONS.flatMap((spec) => spec.routes);
    expect(routes).toHaveLength(declared.length);

    for (const spec of HTTP_FUNCTIONS) {
      const fnId = logicalId(stack.functions.get(spec.name)!.function.node.defaultChild);
      const integrationIds = Object.entries(integrations)
        .filter(([, r]) => JSON.stringify(r.Properties.IntegrationUri).includes(fnId))
        .map(([id]) => id);
      expect(integrationIds, spec.name).toHaveLength(1);
      for (const routePath of spec.routes) {
        const route = routes.find((r) => r.RouteKey === `ANY ${routePath}`);
        expect(route, routePath).toBeDefined();
        expect(JSON.stringify(route.Target)).toContain(integrationIds[0]);
      }
    }
  });

  it('lets API Gateway invoke each function', () => {
    for (const fn of stack.functions.values()) {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [logicalId(fn.function.node.defaultChild), 'Arn'] },
      });
    }
  });
});

describe('outputs', () => {
  it('gives the API URL and the table name', () => {
    template.hasOutput('ApiUrl', {});
    template.hasOutput('TableName', { Value: { Ref: logicalId(stack.table.node.defaultChild) } });
  });

  it('names no account or region', () => {
    expect(stack.account).toMatch(/^\$\{Token/);
    expect(stack.region).toMatch(/^\$\{Token/);
  });
});
