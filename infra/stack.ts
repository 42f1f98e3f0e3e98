import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { TABLE_SHAPE } from '../functions/lib/table';
import { BundledFunction } from './api-function';

export interface HttpFunctionSpec {
  /** Folder under `functions/`; its bundle is `dist/functions/<name>/index.mjs`. */
  name: string;
  /** HTTP API paths this function answers. */
  routes: readonly string[];
  /** The methods those paths answer. @default every method (`ANY`) */
  methods?: readonly apigw.HttpMethod[];
}

/**
 * Every Lambda behind the HTTP API and the paths it owns. A new HTTP function is
 * one more line here. (`{proxy+}` is a greedy path variable: everything below.)
 */
export const HTTP_FUNCTIONS: readonly HttpFunctionSpec[] = [
  {
    name: 'public',
    routes: [
      '/api/health',
      '/api/agencies',
      '/api/procedures',
      '/api/procedures/{proxy+}',
      '/api/orders',
      '/api/orders/{proxy+}',
      '/api/receipts/verify',
    ],
  },
  // Staff: login, the counter, the clerk's queue, receipts, audit and users.
  { name: 'staff', routes: ['/api/auth/login', '/api/staff/{proxy+}'] },
  // Payment notifications from payOS, SePay and Casso: they only ever POST.
  { name: 'webhooks', routes: ['/api/webhooks/{provider}'], methods: [apigw.HttpMethod.POST] },
];

/** The scheduled expiry sweeper (functions/sweeper): not behind the API. */
export const SWEEPER_FUNCTION = 'sweeper';
/** How often unpaid orders past their expiry are expired. */
export const SWEEP_RATE = Duration.minutes(5);

/** Every function the stack deploys, by folder under `functions/`. */
export const DEPLOYED_FUNCTIONS: readonly string[] = [...HTTP_FUNCTIONS.map((spec) => spec.name), SWEEPER_FUNCTION];

export const DEFAULT_BUNDLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'functions');

export interface MotcuaPayStackProps extends StackProps {
  /** `prod` keeps logs longer and keeps them when the stack is deleted. @default 'dev' */
  stage?: string;
  /** Where `npm run build` wrote the Lambda bundles. @default `<repo>/dist/functions` */
  bundlesDir?: string;
  /** Steady requests per second across the whole API (default stage). @default 50 */
  throttleRateLimit?: number;
  /** Burst of requests above the steady rate. @default 100 */
  throttleBurstLimit?: number;
  /** Which HTTP functions to deploy. @default HTTP_FUNCTIONS */
  httpFunctions?: readonly HttpFunctionSpec[];
  /**
   * The functions are handed real secrets (PAYOS_CHECKSUM_KEY, SEPAY_API_KEY,
   * CASSO_SECRET, ORDER_TOKEN_SECRET...), so they may run with NODE_ENV=production,
   * where they refuse to start on a missing or development secret. This stack does
   * not hand them any yet: that comes with the production issue. Until then a deployed
   * stack runs on the development secrets, which are public in this repository, so no
   * real aggregator account may be pointed at its webhooks.
   * @default false
   */
  secretsConfigured?: boolean;
}

export class MotcuaPayStack extends Stack {
  readonly table: dynamodb.Table;
  readonly api: apigw.HttpApi;
  readonly functions: ReadonlyMap<string, BundledFunction>;

  constructor(scope: Construct, id: string, props: MotcuaPayStackProps = {}) {
    super(scope, id, props);
    const stage = props.stage ?? 'dev';
    const isProd = stage === 'prod';
    const bundlesDir = path.resolve(props.bundlesDir ?? DEFAULT_BUNDLES_DIR);

    // One table for everything (single-table design); its shape is shared with the
    // local server through TABLE_SHAPE. Fee orders and ledger entries are records
    // of public money, so the table is never deleted with the stack.
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_SHAPE.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_SHAPE.sortKey, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: TABLE_SHAPE.ttlAttribute,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of TABLE_SHAPE.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // No default stage from HttpApi: it has no throttling knob, so the stage is ours.
    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: `motcua-pay-${stage}`,
      createDefaultStage: false,
    });
    const apiStage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: {
        rateLimit: props.throttleRateLimit ?? 50,
        burstLimit: props.throttleBurstLimit ?? 100,
      },
    });

    const functions = new Map<string, BundledFunction>();
    // Each BundledFunction has a role of its own: what one is granted below, no other gets.
    const bundled = (name: string, options: { timeout?: Duration } = {}): BundledFunction => {
      const fn = new BundledFunction(this, `${pascalCase(name)}Function`, {
        name,
        bundlesDir,
        tableName: this.table.tableName,
        ...(props.secretsConfigured ? { environment: { NODE_ENV: 'production' } } : {}),
        ...options,
        logRetention: isProd ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.TWO_WEEKS,
        logRemovalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      functions.set(name, fn);
      return fn;
    };

    for (const spec of props.httpFunctions ?? HTTP_FUNCTIONS) {
      const fn = bundled(spec.name);
      // Read/write on this table and its indexes only. To narrow later: neither HTTP
      // function deletes; the webhooks one needs TransactWriteItems' PutItem,
      // UpdateItem and ConditionCheckItem besides GetItem and Query.
      this.table.grantReadWriteData(fn.function);

      const integration = new HttpLambdaIntegration(`${spec.name}Integration`, fn.function);
      for (const routePath of spec.routes) {
        this.api.addRoutes({ path: routePath, methods: [...(spec.methods ?? [apigw.HttpMethod.ANY])], integration });
      }
    }

    // The sweeper pages through the unpaid-orders index (GSI2), a page of 100 at a
    // time over 8 expiry days: a minute is plenty, two leave room for a slow table.
    const sweeper = bundled(SWEEPER_FUNCTION, { timeout: Duration.minutes(2) });
    // Exactly what functions/lib/sweeper.ts does through the store: Query on GSI2
    // (dueForExpiry), GetItem (getOrder), conditional PutItem (updateOrder). Should the
    // store change how it does those, this list changes with it.
    this.table.grant(sweeper.function, 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem');
    new events.Rule(this, 'SweepSchedule', {
      description: 'Expire unpaid fee orders past their expiry',
      schedule: events.Schedule.rate(SWEEP_RATE),
      targets: [
        // EventBridge retries a failed delivery (throttling, Lambda unavailable) for
        // less than one period: by then the next scheduled run does the same work.
        new targets.LambdaFunction(sweeper.function, { retryAttempts: 2, maxEventAge: Duration.minutes(4) }),
      ],
    });
    // Same reasoning for Lambda's own retries of a run that failed (default: twice,
    // for up to 6 h, piling up behind the schedule).
    sweeper.function.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(4) });
    this.functions = functions;

    new CfnOutput(this, 'ApiUrl', { value: apiStage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The DynamoDB table' });
  }
}

function pascalCase(name: string): string {
  return name.replace(/(^|[-_])([a-z0-9])/g, (_m, _sep: string, ch: string) => ch.toUpperCase());
}
