import { existsSync } from 'node:fs';
import path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { tableStatements, type TableAccess } from './table-access';

export interface BundledFunctionProps {
  /** Folder name under `functions/` and under `bundlesDir`. */
  name: string;
  /** Where `npm run build` wrote the bundles (`dist/functions`), absolute. */
  bundlesDir: string;
  /** The one DynamoDB table, handed to the code as `TABLE_NAME`. */
  table: dynamodb.ITable;
  /** What this function may do to the table, by partition key (see table-access.ts). */
  tableAccess: TableAccess;
  /** The secrets this function reads at cold start (SECRET_ARNS); it may read no other. */
  secrets?: readonly secretsmanager.ISecret[];
  /** CloudWatch namespace of the function's business metrics (Powertools Metrics). */
  metricsNamespace: string;
  /** More environment for this function. */
  environment?: Record<string, string>;
  /**
   * API Gateway gives up on an integration after 30 s; a request that needs more
   * than a few seconds here is a bug, so fail well before that.
   * @default 10 seconds
   */
  timeout?: Duration;
  /** @default one month */
  logRetention?: logs.RetentionDays;
  /** What happens to the log group when the stack goes. @default RETAIN */
  logRemovalPolicy?: RemovalPolicy;
}

/**
 * A Lambda from a prebuilt `npm run build` bundle (`dist/functions/<name>/index.mjs`:
 * minified ESM, source map beside it, AWS SDK bundled), with its own role and its own
 * log group. CDK does not bundle anything itself: what is deployed is exactly what
 * `npm run build` produced and the tests ran.
 */
export class BundledFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: BundledFunctionProps) {
    super(scope, id);

    const assetDir = path.join(props.bundlesDir, props.name);
    if (!existsSync(path.join(assetDir, 'index.mjs'))) {
      throw new Error(`No bundle at ${path.join(assetDir, 'index.mjs')}: run \`npm run build\` first.`);
    }

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

    // Its own role, so each function is granted only what it uses. Writing to its
    // own log group is all it starts with (not AWSLambdaBasicExecutionRole's logs:* on *).
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `motcua-pay ${props.name} Lambda`,
    });
    this.logGroup.grantWrite(this.role);
    for (const statement of tableStatements(props.table, props.tableAccess)) this.role.addToPolicy(statement);
    for (const secret of props.secrets ?? []) secret.grantRead(this.role);

    this.function = new lambda.Function(this, 'Function', {
      code: lambda.Code.fromAsset(assetDir, { exclude: ['meta.json'] }),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      // Graviton: about 20 % cheaper per GB-second, and as fast for this kind of work.
      architecture: lambda.Architecture.ARM_64,
      // CPU share grows with memory. At 512 MB a cold start (loading a ~500 KB bundle
      // with the SDK) takes about half what it takes at 128 MB, and since requests
      // finish faster the cost per request stays about the same.
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        TABLE_NAME: props.table.tableName,
        // Deployed functions refuse missing or development secrets (functions/lib/platform/config.ts).
        NODE_ENV: 'production',
        // Stack traces in the logs point at the TypeScript source via the .map files.
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.name,
        POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...(props.secrets?.length ? { SECRET_ARNS: props.secrets.map((s) => s.secretArn).join(',') } : {}),
        ...props.environment,
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 on purpose: the bundles are built and tested for node22 (scripts/build.ts target, CI), and Lambda supports nodejs22.x until Node 22 reaches end of life (April 2027). Moving to nodejs24.x is a one-line change here once the build and tests target it.',
    });
  }
}
