import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { TABLE_SHAPE } from '../functions/lib/table';
import { BundledFunction } from './api-function';

export interface HttpFunctionSpec {
  /** Folder under `functions/`; its bundle is `dist/functions/<name>/index.mjs`. */
  name: string;
  /** HTTP API paths this function answers, every method (`ANY`). */
  routes: readonly string[];
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
    ],
  },
];

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
    for (const spec of props.httpFunctions ?? HTTP_FUNCTIONS) {
      const fn = new BundledFunction(this, `${pascalCase(spec.name)}Function`, {
        name: spec.name,
        bundlesDir,
        tableName: this.table.tableName,
        logRetention: isProd ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.TWO_WEEKS,
        logRemovalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      // Read/write on this table and its indexes only. To narrow later: the public
      // function never deletes, so GetItem/Query/PutItem/UpdateItem would do.
      this.table.grantReadWriteData(fn.function);

      const integration = new HttpLambdaIntegration(`${spec.name}Integration`, fn.function);
      for (const routePath of spec.routes) {
        this.api.addRoutes({ path: routePath, methods: [apigw.HttpMethod.ANY], integration });
      }
      functions.set(spec.name, fn);
    }
    this.functions = functions;

    new CfnOutput(this, 'ApiUrl', { value: apiStage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The DynamoDB table' });
  }
}

function pascalCase(name: string): string {
  return name.replace(/(^|[-_])([a-z0-9])/g, (_m, _sep: string, ch: string) => ch.toUpperCase());
}
