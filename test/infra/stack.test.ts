/**
 * The CDK stack, asserted on its synthesized template: every property issue 7 asks for,
 * and cdk-nag's AwsSolutions pack with no finding left unacknowledged. Built once from
 * the real bundles (as `npm run build` makes them) and a stub site.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_SECRETS } from '../../functions/lib/platform/config';
import { METRIC } from '../../functions/lib/platform/metrics';
import { SECRET_NAMES } from '../../functions/lib/platform/secrets';
import { TABLE_SHAPE } from '../../functions/lib/storage/table';
import { createPublicApp } from '../../functions/public/app';
import { createStaffApp } from '../../functions/staff/app';
import { createWebhooksApp } from '../../functions/webhooks/app';
import { createIntegrationApp } from '../../functions/integration/app';
import { EVENTS_FUNCTION } from '../../infra/events';
import { FUNCTION_SECRETS, SECRET_SPECS } from '../../infra/secrets';
import { CONTENT_SECURITY_POLICY_PLAIN_HTTP, securityHeaders } from '../../infra/security-headers';
import { CONTENT_SECURITY_POLICY } from '../../infra/site';
import { CATCH_UP_EVENT } from '../../infra/catch-up';
import { DEPLOYED_FUNCTIONS, HTTP_FUNCTIONS, MotcuaPayStack, NIGHTLY_FUNCTION, NIGHTLY_SCHEDULE, SWEEPER_FUNCTION, routeKey } from '../../infra/stack';
import { TAX_FUNCTION } from '../../infra/tax-job';
import { TABLE_ACCESS } from '../../infra/table-access';
import { buildFunctions, discoverFunctions } from '../../scripts/build';
import { ROOT, cdkContext, stubBundles, stubSite, synthesize, type Synthesized } from './synth';

let dir: string;
let builtNames: string[];
let buildError: unknown;
let s: Synthesized;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'motcua-pay-stack-'));
  const bundlesDir = path.join(dir, 'functions');
  try {
    builtNames = (await buildFunctions({ outDir: bundlesDir })).map((b) => b.name);
  } catch (err) {
    // Reported by its own test below; the template does not depend on the code.
    buildError = err;
    builtNames = [];
  }
  // A function whose code is not written yet (or does not build) gets a stub asset.
  await stubBundles(bundlesDir, builtNames);
  await stubSite(path.join(dir, 'web'));
  s = synthesize({ bundlesDir, siteDir: path.join(dir, 'web'), outdir: path.join(dir, 'cdk.out') });
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const props = (id: string) => s.resources[id]!.Properties;
const fnId = (name: string) => s.logicalId(s.stack.functions.get(name)!.function.node.defaultChild);
const roleId = (name: string) => s.logicalId(s.stack.functions.get(name)!.role.node.defaultChild);
const tableId = () => s.logicalId(s.stack.table.node.defaultChild);
const ofType = (type: string) => Object.entries(s.resources).filter(([, r]) => r.Type === type);
const statementsOfRole = (id: string) =>
  ofType('AWS::IAM::Policy')
    .filter(([, r]) => JSON.stringify(r.Properties.Roles).includes(`"${id}"`))
    .flatMap(([, r]) => r.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown; Condition?: any; Effect: string }>);

// ---------------------------------------------------------------------------------------

describe('Lambda bundles', () => {
  it('bundles every function folder', async () => {
    if (buildError) throw buildError;
    expect(builtNames.sort()).toEqual(await discoverFunctions(path.join(ROOT, 'functions')));
  });

  it('are minified ESM with a linked source map, the AWS SDK and Powertools inside', () => {
    for (const name of builtNames) {
      const file = path.join(dir, 'functions', name, 'index.mjs');
      const code = readFileSync(file, 'utf8');
      expect(code, name).toMatch(/^import\{createRequire as \w+\}from"node:module";|^import { createRequire/);
      expect(code, name).toMatch(/\n\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
      expect(existsSync(`${file}.map`), name).toBe(true);
      // Minified: a few very long lines, not source formatting.
      expect(code.split('\n').length, name).toBeLessThan(200);
      // Nothing is left for the runtime to provide but Node built-ins.
      const meta = JSON.parse(readFileSync(path.join(dir, 'functions', name, 'meta.json'), 'utf8')) as { inputs: object; outputs: Record<string, { imports: { path: string; external?: boolean }[] }> };
      const external = Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
      expect(external.filter((i) => !i.startsWith('node:') && !builtinModules.includes(i)), name).toEqual([]);
      const inputs = Object.keys(meta.inputs);
      expect(inputs.some((i) => i.includes('node_modules/@aws-sdk/client-dynamodb/')), name).toBe(true);
      expect(inputs.some((i) => i.includes('node_modules/@aws-lambda-powertools/logger/')), name).toBe(true);
      expect(inputs.some((i) => i.includes('node_modules/@aws-lambda-powertools/metrics/')), name).toBe(true);
    }
  });

  it('deploy the bundle and its source map, not the build metadata', () => {
    for (const name of DEPLOYED_FUNCTIONS) {
      const asset = s.stack.functions.get(name)!.function.node.findChild('Code') as s3assets.Asset;
      const staged = readdirSync(path.join(dir, 'cdk.out', asset.assetPath)).sort();
      expect(staged, name).toContain('index.mjs');
      expect(staged, name).not.toContain('meta.json');
      if (builtNames.includes(name)) expect(staged, name).toEqual(['index.mjs', 'index.mjs.map']);
    }
  });
});

describe('DynamoDB table', () => {
  it('has the key schema, indexes and TTL of TABLE_SHAPE', () => {
    s.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    s.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_SHAPE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_SHAPE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_SHAPE.globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      // Idempotency keys and login counters expire by themselves.
      TimeToLiveSpecification: { AttributeName: TABLE_SHAPE.ttlAttribute, Enabled: true },
    });
  });

  it('is on-demand, recoverable, protected, encrypted and retained', () => {
    s.template.hasResource('AWS::DynamoDB::Table', {
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
  it('deploys every function folder that has an entry', async () => {
    const onDisk = await discoverFunctions(path.join(ROOT, 'functions'));
    expect(onDisk.filter((name) => !s.stack.functions.has(name))).toEqual([]);
    expect([...s.stack.functions.keys()].sort()).toEqual([...DEPLOYED_FUNCTIONS].sort());
  });

  it('runs each on Node 22, arm64, in production mode, with Powertools configured', () => {
    // Ours, plus CDK's BucketDeployment handler.
    s.template.resourceCountIs('AWS::Lambda::Function', DEPLOYED_FUNCTIONS.length + 1);
    for (const name of DEPLOYED_FUNCTIONS) {
      const fn = s.stack.functions.get(name)!;
      expect(props(fnId(name)), name).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        Timeout: { [SWEEPER_FUNCTION]: 120, [NIGHTLY_FUNCTION]: 600, [TAX_FUNCTION]: 300, [EVENTS_FUNCTION]: 60 }[name] ?? 10,
        Role: { 'Fn::GetAtt': [roleId(name), 'Arn'] },
        LoggingConfig: { LogGroup: { Ref: s.logicalId(fn.logGroup.node.defaultChild) } },
        Environment: {
          Variables: {
            TABLE_NAME: { Ref: tableId() },
            // Development secrets are refused (functions/lib/config.ts).
            NODE_ENV: 'production',
            NODE_OPTIONS: '--enable-source-maps',
            POWERTOOLS_SERVICE_NAME: name,
            POWERTOOLS_METRICS_NAMESPACE: s.stack.metricsNamespace,
            POWERTOOLS_LOG_LEVEL: 'INFO',
          },
        },
      });
    }
    for (const [, group] of ofType('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('gives each function a role of its own, with no managed policy', () => {
    const roles = new Set(DEPLOYED_FUNCTIONS.map(roleId));
    expect(roles.size).toBe(DEPLOYED_FUNCTIONS.length);
    for (const name of DEPLOYED_FUNCTIONS) {
      expect(s.resources[roleId(name)]!.Properties.ManagedPolicyArns, name).toBeUndefined();
      expect(s.resources[roleId(name)]!.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        expect.objectContaining({ Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }),
      ]);
    }
  });

  it('lets each role write its own logs, reach the table only by partition key, read its own secrets', () => {
    for (const name of DEPLOYED_FUNCTIONS) {
      const fn = s.stack.functions.get(name)!;
      const ownSecrets = FUNCTION_SECRETS[name]!.map((id) => ({ Ref: s.logicalId(s.stack.secrets.secrets[id].node.defaultChild) }));
      for (const st of statementsOfRole(roleId(name))) {
        const actions = ([] as string[]).concat(st.Action);
        const targets = ([] as unknown[]).concat(st.Resource);
        expect(st.Effect).toBe('Allow');
        // The one exception: ListStreams, which CDK grants on "*" for a stream event source (the events function's).
        const listStreams = name === EVENTS_FUNCTION && actions.length === 1 && actions[0] === 'dynamodb:ListStreams';
        if (!listStreams) expect(targets, `${name}: ${JSON.stringify(st)}`).not.toContain('*');
        expect(actions.some((a) => a.includes('*')), `${name}: ${JSON.stringify(st)}`).toBe(false);
        const service = actions[0]!.split(':')[0];
        expect(actions.every((a) => a.startsWith(`${service}:`)), JSON.stringify(st)).toBe(true);
        switch (service) {
          case 'logs':
            expect(targets).toEqual([{ 'Fn::GetAtt': [s.logicalId(fn.logGroup.node.defaultChild), 'Arn'] }]);
            expect(actions.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
            break;
          case 'dynamodb':
            // Reading the table's stream (the events function alone): the stream, no item.
            if (actions.every((a) => ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'].includes(a))) {
              expect(name).toBe(EVENTS_FUNCTION);
              for (const t of targets) expect(JSON.stringify(t) === '"*"' ? actions : JSON.stringify(t)).toEqual(JSON.stringify(t) === '"*"' ? ['dynamodb:ListStreams'] : expect.stringContaining('StreamArn'));
              break;
            }
            for (const t of targets) expect(JSON.stringify(t)).toContain(tableId());
            // Every item action is bound to partition-key prefixes; DescribeTable names no item.
            if (actions.some((a) => a !== 'dynamodb:DescribeTable')) {
              expect(st.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']?.length, JSON.stringify(st)).toBeGreaterThan(0);
              expect(st.Condition?.Null).toEqual({ 'dynamodb:LeadingKeys': 'false' });
            }
            expect(actions.filter((a) => ['dynamodb:Scan', 'dynamodb:DeleteTable', 'dynamodb:UpdateTable', 'dynamodb:PartiQLSelect'].includes(a))).toEqual([]);
            break;
          case 'secretsmanager':
            expect(actions.sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
            expect(targets).toEqual(expect.arrayContaining(ownSecrets));
            expect(targets).toHaveLength(ownSecrets.length);
            break;
          case 'sqs':
            // Only the scheduled jobs and the events function: their failures go to their dead-letter queue.
            expect([SWEEPER_FUNCTION, NIGHTLY_FUNCTION, TAX_FUNCTION, EVENTS_FUNCTION]).toContain(name);
            expect(targets).toEqual([{ 'Fn::GetAtt': [s.logicalId((name === EVENTS_FUNCTION ? s.stack.eventDelivery.deadLetterQueue : s.stack.deadLetterQueue).node.defaultChild), 'Arn'] }]);
            expect(actions).toContain('sqs:SendMessage');
            break;
          default:
            throw new Error(`${name} is granted ${service}: ${JSON.stringify(st)}`);
        }
      }
    }
  });

  it('writes TABLE_ACCESS into each role: webhooks cannot read users, public cannot issue receipts', () => {
    const keysFor = (name: string, action: string) =>
      statementsOfRole(roleId(name))
        .filter((st) => ([] as string[]).concat(st.Action).includes(action) && JSON.stringify(st.Resource) === JSON.stringify({ 'Fn::GetAtt': [tableId(), 'Arn'] }))
        .flatMap((st) => st.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys'] as string[]);
    expect(keysFor('webhooks', 'dynamodb:GetItem').sort()).toEqual([...TABLE_ACCESS.webhooks.getItem].sort());
    for (const action of ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem']) {
      expect(keysFor('webhooks', action).filter((k) => /^(USER|LOGINFAIL)/.test(k)), action).toEqual([]);
      expect(keysFor('sweeper', action).filter((k) => /^(USER|LOGINFAIL)/.test(k)), action).toEqual([]);
    }
    for (const action of ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem']) {
      expect(keysFor('nightly', action).filter((k) => /^(USER|LOGINFAIL)/.test(k)), action).toEqual([]);
    }
    // The nightly job writes summaries only, and never one item at a time.
    expect(keysFor('nightly', 'dynamodb:BatchWriteItem')).toEqual(['DAYSUM#*']);
    for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem']) expect(keysFor('nightly', action), action).toEqual([]);
    for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem']) {
      expect(keysFor('public', action).filter((k) => /^(RECEIPT|COUNTER)/.test(k)), action).toEqual([]);
    }
    expect(keysFor('staff', 'dynamodb:UpdateItem')).toContain('COUNTER#*');
  });
});

describe('secrets', () => {
  const secretId = (id: keyof typeof SECRET_SPECS) => s.logicalId(s.stack.secrets.secrets[id].node.defaultChild);

  it('keeps provider keys, the order-token key and both signing keys in Secrets Manager, none in the template', () => {
    s.template.resourceCountIs('AWS::SecretsManager::Secret', Object.keys(SECRET_SPECS).length);
    for (const [id, spec] of Object.entries(SECRET_SPECS) as [keyof typeof SECRET_SPECS, (typeof SECRET_SPECS)[keyof typeof SECRET_SPECS]][]) {
      const p = props(secretId(id));
      expect(p.Name).toBe(`Test/${id}`);
      for (const name of spec.names) expect(SECRET_NAMES).toContain(name);
      if ('generate' in spec) {
        // Generated by Secrets Manager at deploy time: random, never in the template.
        expect(p.GenerateSecretString).toMatchObject({ SecretStringTemplate: '{}', GenerateStringKey: spec.generate, PasswordLength: 48 });
        expect(p.SecretString).toBeUndefined();
      } else {
        // Created empty: the function refuses to start on it until the agency sets the key.
        expect(p.SecretString).toBe('{}');
      }
    }
    const text = JSON.stringify(s.template.toJSON());
    for (const value of Object.values(DEV_SECRETS)) expect(text).not.toContain(value);
    expect(text).not.toMatch(/PRIVATE KEY-----/);
  });

  it('hands each function the ARNs of exactly the secrets it may read', () => {
    for (const name of DEPLOYED_FUNCTIONS) {
      const ids = FUNCTION_SECRETS[name]!;
      const env = props(fnId(name)).Environment.Variables;
      if (ids.length === 0) {
        expect(env.SECRET_ARNS, name).toBeUndefined();
        continue;
      }
      // One ARN is a plain reference; several are joined with commas.
      const expected = ids.length === 1 ? { Ref: secretId(ids[0]!) } : { 'Fn::Join': ['', ids.flatMap((id, i) => (i ? [',', { Ref: secretId(id) }] : [{ Ref: secretId(id) }]))] };
      expect(env.SECRET_ARNS, name).toEqual(expected);
    }
    expect(FUNCTION_SECRETS.webhooks).toEqual(['payos', 'sepay', 'casso']);
    // The public function verifies receipts against the record: no signing key of any kind;
    // the origin proof tells it the citizen's own address (whose keys an Idempotency-Key is).
    // payOS's channel: orders of payOS agencies are made with a payment request.
    expect(FUNCTION_SECRETS.public).toEqual(['orderToken', 'originVerify', 'payos']);
    // The sweeper catches up with the providers' pull APIs and cancels an expired order's payOS payment request.
    expect(FUNCTION_SECRETS.sweeper).toEqual(['pullApis', 'payos']);
    expect(FUNCTION_SECRETS.staff).toContain('payos');
    expect(FUNCTION_SECRETS.nightly).toEqual([]);
  });
});

describe('HTTP API', () => {
  it('is one HTTP API with a throttled $default stage and an access log without personal data', () => {
    s.template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage') as unknown as [[string, { Properties: any }]];
    expect(stage.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 } });
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(Object.values(format)).toEqual(expect.arrayContaining(['$context.requestId', '$context.routeKey', '$context.status', '$context.integrationLatency']));
    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/sourceIp|userAgent|\$context\.path|querystring|identity/i);
  });

  it('limits login and payment notifications more tightly than the rest', () => {
    const [[stageId, stage]] = ofType('AWS::ApiGatewayV2::Stage') as unknown as [[string, { Properties: any; DependsOn?: string[] }]];
    const settings = stage.Properties.RouteSettings;
    const login = settings[routeKey('POST', '/api/auth/login')];
    const webhooks = settings[routeKey('POST', '/api/webhooks/{provider}')];
    for (const limit of [login, webhooks]) {
      expect(limit.ThrottlingRateLimit).toBeLessThan(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit);
      expect(limit.ThrottlingBurstLimit).toBeLessThan(stage.Properties.DefaultRouteSettings.ThrottlingBurstLimit);
    }
    expect(login).toEqual({ ThrottlingRateLimit: 2, ThrottlingBurstLimit: 10 });
    // Route settings name routes: the stage is created after them.
    const routeIds = ofType('AWS::ApiGatewayV2::Route')
      .filter(([, r]) => Object.keys(settings).includes(r.Properties.RouteKey))
      .map(([id]) => id);
    expect(routeIds).toHaveLength(2);
    expect(s.resources[stageId]!.DependsOn).toEqual(expect.arrayContaining(routeIds));
  });

  it('sends an unknown /api path to the public function, which answers the contract’s JSON 404', async () => {
    const catchAll = ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === 'ANY /api/{proxy+}');
    expect(catchAll).toBeDefined();
    const res = await createPublicApp(() => { throw new Error('no deps needed'); }).request('/api/nothing/here');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('NOT_FOUND');
  });

  it('routes every declared path to its function', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const integrations = ofType('AWS::ApiGatewayV2::Integration');
    const declared = HTTP_FUNCTIONS.flatMap((spec) => spec.routes.flatMap((r) => (r.methods ?? ['ANY']).map((m) => routeKey(m, r.path))));
    expect(routes.map((r) => r.RouteKey).sort()).toEqual([...declared].sort());
    for (const spec of HTTP_FUNCTIONS) {
      const integrationIds = integrations.filter(([, r]) => JSON.stringify(r.Properties.IntegrationUri).includes(fnId(spec.name))).map(([id]) => id);
      expect(integrationIds, spec.name).toHaveLength(1);
      for (const r of spec.routes) {
        for (const method of r.methods ?? ['ANY']) {
          const route = routes.find((x) => x.RouteKey === routeKey(method, r.path));
          expect(JSON.stringify(route?.Target)).toContain(integrationIds[0]);
        }
      }
    }
    // The scheduled jobs are not behind the API; API Gateway may invoke the HTTP functions only.
    const apiPermissions = ofType('AWS::Lambda::Permission').filter(([, r]) => r.Properties.Principal === 'apigateway.amazonaws.com');
    for (const name of [SWEEPER_FUNCTION, NIGHTLY_FUNCTION]) {
      expect(apiPermissions.some(([, r]) => JSON.stringify(r.Properties.FunctionName).includes(fnId(name))), name).toBe(false);
    }
  });

  it('has a route for every route of every app, and to that app\'s function only', () => {
    const none = () => {
      throw new Error('no deps while listing routes');
    };
    const apps = { public: createPublicApp(none), staff: createStaffApp(none), webhooks: createWebhooksApp(none), integration: createIntegrationApp(none) } as Record<string, { routes: { method: string; path: string }[] }>;
    const matcher = (p: string) => new RegExp(`^${p.replace(/\{proxy\+\}/g, '.+').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    // API Gateway picks the most specific route: one without a greedy {proxy+} before any
    // greedy one, and among greedy ones the longest path before the {proxy+}.
    const specificity = (p: string) => (p.includes('{proxy+}') ? p.indexOf('{proxy+}') : Number.MAX_SAFE_INTEGER);
    const apiRoutes = HTTP_FUNCTIONS.flatMap((spec) => spec.routes.flatMap((r) => (r.methods ?? ['ANY']).map((method) => ({ fn: spec.name, method, re: matcher(r.path), rank: specificity(r.path) }))));
    for (const [name, app] of Object.entries(apps)) {
      for (const route of app.routes.filter((r) => r.method !== 'ALL')) {
        const sample = route.path.replace(/:[^/]+/g, 'x');
        const matching = apiRoutes.filter((r) => (r.method === 'ANY' || r.method === route.method) && r.re.test(sample));
        const best = Math.max(...matching.map((r) => r.rank));
        const owners = new Set(matching.filter((r) => r.rank === best).map((r) => r.fn));
        expect([...owners], `${route.method} ${route.path}`).toEqual([name]);
      }
    }
  });
});

describe('the sweeper', () => {
  it('runs every 5 minutes, with bounded retries and a dead-letter queue for failures', () => {
    const sweeper = fnId(SWEEPER_FUNCTION);
    const dlq = s.logicalId(s.stack.deadLetterQueue.node.defaultChild);
    // Five schedules: the sweeper, its catch-up run, the nightly job, the tax job and the events' retries (below).
    expect(ofType('AWS::Events::Rule')).toHaveLength(5);
    const rules = ofType('AWS::Events::Rule').map(([, r]) => r.Properties).filter((r) => r.ScheduleExpression === 'rate(5 minutes)');
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
    expect(rules[0]!.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [sweeper, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 240 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
      }),
    ]);
    s.template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': [sweeper, 'Arn'] } });
    // A failed run is not retried behind the schedule: it goes to the queue, with its error.
    s.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: sweeper },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 240,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlq, 'Arn'] } } },
    });
    expect(props(dlq)).toEqual({ MessageRetentionPeriod: 14 * 86_400, SqsManagedSseEnabled: true });
    s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': Match.anyValue() } } }),
        ]),
      },
    });
  });
});

describe('the tax job', () => {
  const dlq = () => s.logicalId(s.stack.deadLetterQueue.node.defaultChild);
  const taxAlarm = (key: 'taxSummaryOverdue' | 'taxTransmission' | 'taxErrors') => props(s.logicalId(s.stack.monitoring.taxAlarms![key].node.defaultChild));

  it('runs every 30 minutes with bounded retries and the dead-letter queue, configured for the chosen transmission', () => {
    const tax = fnId(TAX_FUNCTION);
    const rules = ofType('AWS::Events::Rule').map(([, r]) => r.Properties).filter((r) => r.ScheduleExpression === 'rate(30 minutes)');
    expect(rules).toHaveLength(1);
    expect(rules[0]!.Targets).toEqual([
      expect.objectContaining({ Arn: { 'Fn::GetAtt': [tax, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 1500 }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq(), 'Arn'] } } }),
    ]);
    s.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: tax }, MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlq(), 'Arn'] } } } });
    for (const name of [TAX_FUNCTION, 'staff']) {
      expect(props(fnId(name)).Environment.Variables, name).toMatchObject({ TAX_TRANSMISSION: { Ref: 'TaxTransmission' }, TAX_TVAN_URL: { Ref: 'TaxTvanUrl' } });
    }
    expect(FUNCTION_SECRETS[TAX_FUNCTION]).toEqual(['receiptSigners', 'taxTransmission']);
  });

  it('alarms when a day is not accepted by the next working day, when sending keeps failing, and when the job fails', () => {
    expect(taxAlarm('taxSummaryOverdue')).toMatchObject({ MetricName: METRIC.taxSummariesOverdue, Statistic: 'Maximum', Period: 3600, Threshold: 1, Dimensions: [{ Name: 'service', Value: 'tax' }] });
    expect(taxAlarm('taxTransmission')).toMatchObject({ MetricName: METRIC.taxTransmissionFailures, Statistic: 'Sum', Threshold: 3 });
    expect(taxAlarm('taxErrors')).toMatchObject({ MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId(TAX_FUNCTION) } }] });
  });
});

describe('catch-up', () => {
  it('runs every 10 minutes in the sweeper function, with its own event, bounded retries and the dead-letter queue', () => {
    const sweeper = fnId(SWEEPER_FUNCTION);
    const dlq = s.logicalId(s.stack.deadLetterQueue.node.defaultChild);
    const ruleId = s.logicalId(s.stack.node.findChild('CatchUpSchedule').node.defaultChild);
    const rule = props(ruleId);
    expect(rule).toMatchObject({ ScheduleExpression: 'rate(10 minutes)', State: 'ENABLED' });
    expect(rule.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [sweeper, 'Arn'] },
        Input: JSON.stringify(CATCH_UP_EVENT),
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 480 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
      }),
    ]);
    s.template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': [sweeper, 'Arn'] }, SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] } });
  });
});

describe('the nightly job', () => {
  const nightly = () => fnId(NIGHTLY_FUNCTION);
  const dlq = () => s.logicalId(s.stack.deadLetterQueue.node.defaultChild);
  const ruleId = () => s.logicalId(s.stack.node.findChild('NightlySchedule').node.defaultChild);

  it('runs at 00:30 Vietnam time (17:30 UTC), with bounded retries and the dead-letter queue for failures', () => {
    expect(NIGHTLY_SCHEDULE.expressionString).toBe('cron(30 17 * * ? *)');
    const rule = props(ruleId());
    expect(rule).toMatchObject({ ScheduleExpression: 'cron(30 17 * * ? *)', State: 'ENABLED' });
    expect(rule.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [nightly(), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 6 * 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq(), 'Arn'] } },
      }),
    ]);
    // No input: the run takes the default lookback; a backfill is a manual invocation.
    expect(rule.Targets[0].Input).toBeUndefined();
    s.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [nightly(), 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [ruleId(), 'Arn'] },
    });
    // A failed run is retried (the next is a day away), then goes to the queue with its error.
    s.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: nightly() },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlq(), 'Arn'] } } },
    });
    // EventBridge may put an undeliverable nightly event in the same queue.
    s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId(), 'Arn'] } } } }),
        ]),
      },
    });
  });

  it('has ten minutes, for a backfill of many days', () => {
    expect(props(nightly()).Timeout).toBe(600);
  });

  it('shares the one dead-letter queue with the sweeper, under its original id', () => {
    // That one, and the events function's own (infra/events.ts).
    expect(ofType('AWS::SQS::Queue')).toHaveLength(2);
    expect(dlq()).toMatch(/^SweeperDeadLetters/);
    const output = s.template.toJSON().Outputs.SweeperDeadLetterQueueUrl;
    expect(output.Value).toEqual({ Ref: dlq() });
    expect(output.Description).toMatch(/nightly/);
  });
});

describe('the site', () => {
  const distribution = () => props(s.logicalId(s.stack.site.distribution.node.defaultChild)).DistributionConfig;
  const bucketId = () => s.logicalId(s.stack.site.bucket.node.defaultChild);

  it('keeps the site in a private, encrypted, TLS-only bucket read by CloudFront alone', () => {
    expect(props(bucketId())).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    const [[, policy]] = ofType('AWS::S3::BucketPolicy') as unknown as [[string, { Properties: any }]];
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    // Origin access control: only this distribution, signed requests, GetObject only.
    expect(statements[1]).toMatchObject({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(JSON.stringify(statements[1].Condition.StringEquals['AWS:SourceArn'])).toContain(s.logicalId(s.stack.site.distribution.node.defaultChild));
    s.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    const s3Origin = distribution().Origins.find((o: any) => o.S3OriginConfig);
    expect(JSON.stringify(s3Origin.OriginAccessControlId)).toContain('OriginAccessControl');
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
  });

  it('is one distribution: the site, and /api/* to the API, HTTPS only, nothing cached from the API', () => {
    s.template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    const d = distribution();
    expect(d).toMatchObject({ DefaultRootObject: 'index.html', HttpVersion: 'http2and3', Enabled: true });
    expect(d.CustomErrorResponses).toBeUndefined();
    expect(d.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'], Compress: true });
    expect(d.CacheBehaviors).toHaveLength(1);
    const api = d.CacheBehaviors[0];
    expect(api).toMatchObject({
      PathPattern: '/api/*',
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']),
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
    });
    const apiOrigin = d.Origins.find((o: any) => o.Id === api.TargetOriginId);
    expect(apiOrigin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(apiOrigin.DomainName).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [s.logicalId(s.stack.api.node.defaultChild), 'ApiEndpoint'] }] }] });
    // Same headers on the site and the API.
    expect(api.ResponseHeadersPolicyId).toEqual(d.DefaultCacheBehavior.ResponseHeadersPolicyId);
  });

  it('sends CSP, HSTS, no framing, nosniff and no referrer with every answer', () => {
    s.template.resourceCountIs('AWS::CloudFront::ResponseHeadersPolicy', 1);
    const [[id, policy]] = ofType('AWS::CloudFront::ResponseHeadersPolicy') as unknown as [[string, { Properties: any }]];
    expect(distribution().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: id });
    const h = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(h.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: CONTENT_SECURITY_POLICY, Override: true });
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(h.StrictTransportSecurity).toEqual({ AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Preload: false, Override: true });
    expect(h.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(h.ContentTypeOptions).toEqual({ Override: true });
    expect(h.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
  });

  it('sends exactly the headers the local server sends, plus what only HTTPS needs (infra/security-headers.ts)', () => {
    const [[, policy]] = ofType('AWS::CloudFront::ResponseHeadersPolicy') as unknown as [[string, { Properties: any }]];
    const config = policy.Properties.ResponseHeadersPolicyConfig;
    const h = config.SecurityHeadersConfig;
    // The policy as the browser receives it, header by header.
    const sent: Record<string, string> = {
      'Content-Security-Policy': h.ContentSecurityPolicy.ContentSecurityPolicy,
      'Strict-Transport-Security': `max-age=${h.StrictTransportSecurity.AccessControlMaxAgeSec}${h.StrictTransportSecurity.IncludeSubdomains ? '; includeSubDomains' : ''}`,
      'X-Frame-Options': h.FrameOptions.FrameOption,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': h.ReferrerPolicy.ReferrerPolicy,
      'X-XSS-Protection': h.XSSProtection.Protection ? '1' : '0',
      ...Object.fromEntries(config.CustomHeadersConfig.Items.map((i: { Header: string; Value: string }) => [i.Header, i.Value])),
    };
    expect(sent).toEqual(securityHeaders({ https: true }));
    const { 'Strict-Transport-Security': _hsts, ...plain } = sent;
    expect(securityHeaders({ https: false })).toEqual({ ...plain, 'Content-Security-Policy': CONTENT_SECURITY_POLICY_PLAIN_HTTP });
    expect(CONTENT_SECURITY_POLICY).toBe(`${CONTENT_SECURITY_POLICY_PLAIN_HTTP}; upgrade-insecure-requests`);
  });

  it('answers on the agency\'s domain with TLS 1.2 at least when DomainName and CertificateArn are set', () => {
    const d = distribution();
    const ifDomain = (then: unknown, otherwise: unknown) => ({ 'Fn::If': ['HasDomain', then, otherwise] });
    const none = { Ref: 'AWS::NoValue' };
    expect(d.Aliases).toEqual(ifDomain([{ Ref: 'DomainName' }], none));
    expect(d.ViewerCertificate).toEqual({
      AcmCertificateArn: ifDomain({ Ref: 'CertificateArn' }, none),
      SslSupportMethod: ifDomain('sni-only', none),
      MinimumProtocolVersion: ifDomain('TLSv1.2_2021', none),
      CloudFrontDefaultCertificate: ifDomain(none, true),
    });
    const t = s.template.toJSON();
    expect(t.Conditions.HasDomain).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'DomainName' }, ''] }] });
    expect(t.Rules.DomainNeedsCertificate.Assertions[0].Assert).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'CertificateArn' }, ''] }] });
  });

  it('uploads the built site on deploy and invalidates the cache', () => {
    s.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: bucketId() },
      DistributionId: { Ref: s.logicalId(s.stack.site.distribution.node.defaultChild) },
      DistributionPaths: ['/*'],
      Prune: false,
    });
  });
});

describe('alarms', () => {
  const topicId = () => s.logicalId(s.stack.monitoring.topic.node.defaultChild);
  const alarm = (key: keyof typeof s.stack.monitoring.alarms) => props(s.logicalId(s.stack.monitoring.alarms[key].node.defaultChild));

  it('e-mail the address given as the AlarmEmail parameter, over an SSL-only topic', () => {
    s.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: { Ref: 'AlarmEmail' }, TopicArn: { Ref: topicId() } });
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
    const alarms = ofType('AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(Object.keys(s.stack.monitoring.alarms).length + Object.keys(s.stack.monitoring.taxAlarms ?? {}).length + Object.keys(s.stack.eventDelivery.alarms).length);
    for (const [, a] of alarms) {
      expect(a.Properties.AlarmActions).toEqual([{ Ref: topicId() }]);
      expect(a.Properties.OKActions).toEqual([{ Ref: topicId() }]);
      expect(a.Properties.TreatMissingData).toBe('notBreaching');
    }
  });

  it('watch 5xx, throttles, the scheduled jobs and their dead-letter queue', () => {
    expect(alarm('apiServerErrors')).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5xx', Statistic: 'Sum', Period: 300, Dimensions: [{ Name: 'ApiId', Value: { Ref: s.logicalId(s.stack.api.node.defaultChild) } }] });
    const throttled = alarm('functionThrottles').Metrics.filter((m: any) => m.MetricStat);
    expect(throttled.map((m: any) => m.MetricStat.Metric.MetricName)).toEqual(DEPLOYED_FUNCTIONS.map(() => 'Throttles'));
    expect(throttled.map((m: any) => m.MetricStat.Metric.Dimensions[0].Value)).toEqual(expect.arrayContaining(DEPLOYED_FUNCTIONS.map((n) => ({ Ref: fnId(n) }))));
    const table = alarm('tableThrottles').Metrics.filter((m: any) => m.MetricStat);
    expect(new Set(table.map((m: any) => m.MetricStat.Metric.MetricName))).toEqual(new Set(['ThrottledRequests']));
    expect(table.map((m: any) => m.MetricStat.Metric.Dimensions.find((d: any) => d.Name === 'Operation').Value)).toEqual(expect.arrayContaining(['GetItem', 'PutItem', 'Query', 'TransactWriteItems', 'BatchGetItem', 'BatchWriteItem']));
    expect(alarm('sweeperErrors')).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Threshold: 1, Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId(SWEEPER_FUNCTION) } }] });
    expect(alarm('nightlyErrors')).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Statistic: 'Sum', Threshold: 1, Period: 3600, Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId(NIGHTLY_FUNCTION) } }] });
    expect(alarm('nightlyErrors').AlarmDescription).toMatch(/on demand/);
    expect(alarm('sweeperDeadLetters')).toMatchObject({ Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1, Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [s.logicalId(s.stack.deadLetterQueue.node.defaultChild), 'QueueName'] } }] });
  });

  it('watch the unmatched rate, on the metrics the webhooks function emits', () => {
    const a = alarm('unmatchedRate');
    expect(a.Threshold).toBe(20);
    const [expr, ...metrics] = a.Metrics;
    expect(expr.Expression).toBe('IF(FILL(s, 0) + FILL(u, 0) >= 5, 100 * FILL(u, 0) / (FILL(s, 0) + FILL(u, 0)), 0)');
    const webhooksEnv = props(fnId('webhooks')).Environment.Variables;
    for (const m of metrics) {
      expect(m.MetricStat.Metric.Namespace).toBe(webhooksEnv.POWERTOOLS_METRICS_NAMESPACE);
      expect(m.MetricStat.Metric.Dimensions).toEqual([{ Name: 'service', Value: webhooksEnv.POWERTOOLS_SERVICE_NAME }]);
    }
    expect(metrics.map((m: any) => m.MetricStat.Metric.MetricName).sort()).toEqual([METRIC.notifications.settled, METRIC.notifications.unmatched].sort());
  });
});

describe('parameters and outputs', () => {
  it('asks for the alarm e-mail, and optionally a domain and its certificate', () => {
    const p = s.template.toJSON().Parameters;
    expect(p.AlarmEmail.Default).toBeUndefined();
    expect(p.DomainName.Default).toBe('');
    expect(p.CertificateArn.Default).toBe('');
    expect(p.CertificateArn.AllowedPattern).toContain('acm:us-east-1');
  });

  it('asks for the payment-code prefix (SePay\'s), and hands it to every function', () => {
    const p = s.template.toJSON().Parameters;
    expect(p.PaymentCodePrefix).toMatchObject({ Type: 'String', Default: 'MCP', AllowedPattern: '^[A-Z]{2,5}$' });
    for (const name of DEPLOYED_FUNCTIONS) expect(props(fnId(name)).Environment.Variables.PAYMENT_CODE_PREFIX, name).toEqual({ Ref: 'PaymentCodePrefix' });
  });

  it('gives the site URL, the distribution, the API URL, the table and the secrets\' names', () => {
    for (const output of ['SiteUrl', 'DistributionDomainName', 'ApiUrl', 'AlarmTopicArn', 'SweeperDeadLetterQueueUrl']) s.template.hasOutput(output, {});
    s.template.hasOutput('TableName', { Value: { Ref: tableId() } });
    for (const id of Object.keys(SECRET_SPECS)) s.template.hasOutput(`${id[0]!.toUpperCase()}${id.slice(1)}SecretName`, { Value: `Test/${id}` });
  });

  it('names no account or region', () => {
    expect(s.stack.account).toMatch(/^\$\{Token/);
    expect(s.stack.region).toMatch(/^\$\{Token/);
  });
});

describe('stages', () => {
  it('prod keeps logs, secrets and the site bucket when the stack goes; dev does not', async () => {
    const prod = synthesize({ id: 'Prod', stage: 'prod', bundlesDir: path.join(dir, 'functions'), siteDir: path.join(dir, 'web'), outdir: path.join(dir, 'cdk.out.prod') });
    const ours = (x: Synthesized) => [
      ...[...x.stack.functions.values()].map((f) => f.logGroup.node.defaultChild),
      x.stack.node.findChild('ApiAccessLogs').node.defaultChild,
      ...Object.values(x.stack.secrets.secrets).map((sec) => sec.node.defaultChild),
      x.stack.site.bucket.node.defaultChild,
    ].map((c) => x.resources[x.logicalId(c)]!);
    for (const r of ours(prod)) expect(r.DeletionPolicy, r.Type).toBe('Retain');
    for (const r of ours(s)) expect(r.DeletionPolicy, r.Type).toBe('Delete');
    for (const [, r] of Object.entries(prod.resources)) if (r.Type === 'AWS::DynamoDB::Table') expect(r.DeletionPolicy).toBe('Retain');
    for (const f of prod.stack.functions.values()) expect(prod.resources[prod.logicalId(f.logGroup.node.defaultChild)]!.Properties.RetentionInDays).toBe(90);
    expect(prod.stack.metricsNamespace).toBe('MotcuaPay/prod');
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('has no finding left unacknowledged', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(s.app);
    const findings = report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}: ${v.description}`);
    expect(findings).toEqual([]);
  });

  it('acknowledges only findings that exist, each with its own reason', () => {
    // Every finding, as if nothing were acknowledged.
    const raw = new AwsSolutionsChecks();
    Object.defineProperty(raw, 'isAcknowledged', { value: () => false });
    const findings = raw.validateScope(s.app).violations.flatMap((v) => v.violatingResources.map((r) => ({ rule: v.ruleName, path: r.constructPath! })));

    const acknowledgements: { path: string; id: string; reason: string }[] = [];
    const walk = (c: IConstruct) => {
      for (const entry of c.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) acknowledgements.push({ path: c.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
      c.node.children.forEach(walk);
    };
    walk(s.app);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const a of acknowledgements) {
      expect(findings.some((f) => f.rule === a.id && (f.path === a.path || f.path.startsWith(`${a.path}/`))), `${a.id} at ${a.path} matches no finding`).toBe(true);
      expect(a.reason.length, `${a.id} at ${a.path}`).toBeGreaterThan(60);
    }
  });
});

describe('outgoing events', () => {
  it('the table streams new images; the events function reads the stream, filtered to new outbox items, with a dead-letter queue', () => {
    expect(props(tableId()).StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
    const events = fnId(EVENTS_FUNCTION);
    const dlq = s.logicalId(s.stack.eventDelivery.deadLetterQueue.node.defaultChild);
    const mappings = ofType('AWS::Lambda::EventSourceMapping').map(([, r]) => r.Properties);
    expect(mappings).toHaveLength(1);
    expect(mappings[0]).toMatchObject({
      FunctionName: { Ref: events },
      EventSourceArn: { 'Fn::GetAtt': [tableId(), 'StreamArn'] },
      StartingPosition: 'LATEST',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlq, 'Arn'] } } },
    });
    expect(JSON.parse(mappings[0]!.FilterCriteria.Filters[0].Pattern)).toEqual({ eventName: ['INSERT'], dynamodb: { Keys: { PK: { S: [{ prefix: 'EVENT#' }] } } } });
    expect(props(dlq)).toMatchObject({ SqsManagedSseEnabled: true });
  });

  it('retries run every minute from a schedule, into the same dead-letter queue', () => {
    const rule = ofType('AWS::Events::Rule').map(([, r]) => r.Properties).find((r) => r.ScheduleExpression === 'rate(1 minute)');
    expect(rule!.Targets).toEqual([expect.objectContaining({ Arn: { 'Fn::GetAtt': [fnId(EVENTS_FUNCTION), 'Arn'] }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [s.logicalId(s.stack.eventDelivery.deadLetterQueue.node.defaultChild), 'Arn'] } } })]);
  });

  it('the events function has a role of its own: the stream, its table prefixes, nothing else', () => {
    const statements = statementsOfRole(roleId(EVENTS_FUNCTION));
    const actions = statements.flatMap((st) => [st.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream']));
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.some((a) => a === 'dynamodb:*' || a === '*')).toBe(false);
    const keys = statements.filter((st) => st.Condition).flatMap((st) => st.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys'] as string[]);
    expect([...new Set(keys)].sort()).toEqual(['DELIVERIESDUE', 'INTEGRATION#*', 'INTEGRATIONS', 'EVENT#*', 'ORDER#*', 'OUTBOX'].sort());
    expect(roleId(EVENTS_FUNCTION)).not.toBe(roleId('staff'));
    expect(props(fnId(EVENTS_FUNCTION)).Environment.Variables.SECRET_ARNS).toBeUndefined();
  });

  it('alarms on the dead-letter queue and on the function\'s errors, to the alarm topic', () => {
    const topic = s.logicalId(s.stack.monitoring.topic.node.defaultChild);
    for (const a of Object.values(s.stack.eventDelivery.alarms)) {
      expect(props(s.logicalId(a.node.defaultChild)).AlarmActions).toEqual([{ Ref: topic }]);
    }
    const dlqName = s.logicalId(s.stack.eventDelivery.deadLetterQueue.node.defaultChild);
    expect(JSON.stringify(props(s.logicalId(s.stack.eventDelivery.alarms.deadLetters.node.defaultChild)).Dimensions)).toContain(dlqName);
  });

  it('the integration API is its own function, with only the order token secret', () => {
    expect(FUNCTION_SECRETS.integration).toEqual(['orderToken']);
    expect(roleId('integration')).not.toBe(roleId('public'));
  });
});

describe('the app', () => {
  it('runs the AwsSolutions checks on every synth', () => {
    const source = readFileSync(path.join(ROOT, 'infra', 'app.ts'), 'utf8');
    expect(source).toMatch(/Validations\.of\(app\)\.addPlugins\(new AwsSolutionsChecks\(app\)\)/);
    const app = new App({ context: cdkContext() });
    expect(() => new MotcuaPayStack(app, 'Missing', { bundlesDir: path.join(dir, 'nowhere') })).toThrow(/npm run build/);
  });
});
