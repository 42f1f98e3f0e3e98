import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_SHAPE } from '../../functions/lib/table';
import { DEPLOYED_FUNCTIONS, HTTP_FUNCTIONS, MotcuaPayStack, SWEEPER_FUNCTION } from '../../infra/stack';
import { buildFunctions, discoverFunctions } from '../../scripts/build';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let bundlesDir: string;
let builtNames: string[];
let buildError: unknown;
let stack: MotcuaPayStack;
let template: Template;
let cdkContext: Record<string, unknown>;

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
  for (const name of DEPLOYED_FUNCTIONS) {
    if (builtNames.includes(name)) continue;
    await mkdir(path.join(bundlesDir, name), { recursive: true });
    await writeFile(path.join(bundlesDir, name, 'index.mjs'), 'export const handler = async () => ({ statusCode: 503 });\n');
  }

  // Same feature flags as `cdk synth`, so the template tested is the one deployed.
  const cdkJson = JSON.parse(readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  cdkContext = cdkJson.context ?? {};
  const app = new App({
    context: cdkContext,
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

  it('runs every function on Node 22, arm64, from index.handler', () => {
    template.resourceCountIs('AWS::Lambda::Function', DEPLOYED_FUNCTIONS.length);
    expect([...stack.functions.keys()].sort()).toEqual([...DEPLOYED_FUNCTIONS].sort());
    for (const name of DEPLOYED_FUNCTIONS) {
      const fn = stack.functions.get(name);
      expect(fn, name).toBeDefined();
      const props = template.toJSON().Resources[logicalId(fn!.function.node.defaultChild)].Properties;
      expect(props.Environment.Variables.NODE_ENV, name).toBeUndefined();
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

  it('runs with NODE_ENV=production only when told the secrets are configured', () => {
    const configured = new MotcuaPayStack(new App({ context: cdkContext }), 'Configured', { bundlesDir, secretsConfigured: true });
    const functions = Template.fromStack(configured).findResources('AWS::Lambda::Function');
    expect(Object.keys(functions)).toHaveLength(DEPLOYED_FUNCTIONS.length);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Environment.Variables.NODE_ENV).toBe('production');
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toBeDefined();
    }
  });

  it('runs the sweeper every 5 minutes, with bounded retries', () => {
    const sweeper = stack.functions.get(SWEEPER_FUNCTION);
    expect(sweeper).toBeDefined();
    const fnId = logicalId(sweeper!.function.node.defaultChild);
    expect(template.toJSON().Resources[fnId].Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });

    const rules = Object.values(template.findResources('AWS::Events::Rule')).map((r) => r.Properties);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
    expect(rules[0].Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 240 },
      }),
    ]);
    // EventBridge may invoke it; Lambda does not pile retries of a failed run behind the schedule.
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 240,
    });
  });

  it('grants the sweeper only reading, querying and putting orders', () => {
    const roleId = logicalId(stack.functions.get(SWEEPER_FUNCTION)!.role.node.defaultChild);
    const actions = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((r) => JSON.stringify(r.Properties.Roles).includes(roleId))
      .flatMap((r) => r.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>)
      .flatMap((statement) => ([] as string[]).concat(statement.Action))
      .filter((action) => action.startsWith('dynamodb:'));
    expect(actions.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
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
      // The function runs as this role and no other function does.
      const fnProps = resources[logicalId(fn.function.node.defaultChild)]?.Properties;
      expect(fnProps?.Role).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    }
    expect(roleIds.size).toBe(DEPLOYED_FUNCTIONS.length);
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
    const declared = HTTP_FUNCTIONS.flatMap((spec) => spec.routes.flatMap((route) => (spec.methods ?? ['ANY']).map((method) => `${method} ${route}`)));
    expect(routes.map((r) => r.RouteKey).sort()).toEqual([...declared].sort());

    for (const spec of HTTP_FUNCTIONS) {
      const fnId = logicalId(stack.functions.get(spec.name)!.function.node.defaultChild);
      const integrationIds = Object.entries(integrations)
        .filter(([, r]) => JSON.stringify(r.Properties.IntegrationUri).includes(fnId))
        .map(([id]) => id);
      expect(integrationIds, spec.name).toHaveLength(1);
      for (const routePath of spec.routes) {
        for (const method of spec.methods ?? ['ANY']) {
          const route = routes.find((r) => r.RouteKey === `${method} ${routePath}`);
          expect(route, `${method} ${routePath}`).toBeDefined();
          expect(JSON.stringify(route.Target)).toContain(integrationIds[0]);
        }
      }
    }
  });

  it('routes payment notifications, POST only, to the webhooks function', () => {
    const fnId = logicalId(stack.functions.get('webhooks')!.function.node.defaultChild);
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    const webhookRoutes = routes.filter((r) => String(r.RouteKey).includes('/api/webhooks'));
    expect(webhookRoutes.map((r) => r.RouteKey)).toEqual(['POST /api/webhooks/{provider}']);
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    const integrationId = Object.entries(integrations).find(([, r]) => JSON.stringify(r.Properties.IntegrationUri).includes(fnId))?.[0];
    expect(integrationId).toBeDefined();
    expect(JSON.stringify(webhookRoutes[0]!.Target)).toContain(integrationId);
  });

  it('lets API Gateway invoke each HTTP function, and no other', () => {
    const apiPermissions = Object.values(template.findResources('AWS::Lambda::Permission')).filter((r) => r.Properties.Principal === 'apigateway.amazonaws.com');
    const sweeperId = logicalId(stack.functions.get(SWEEPER_FUNCTION)!.function.node.defaultChild);
    expect(apiPermissions.some((r) => JSON.stringify(r.Properties.FunctionName).includes(sweeperId))).toBe(false);
    for (const spec of HTTP_FUNCTIONS) {
      const fn = stack.functions.get(spec.name)!;
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
