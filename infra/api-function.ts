import { existsSync } from 'node:fs';
import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface BundledFunctionProps {
  /** Folder name under `functions/` and under `bundlesDir`. */
  name: string;
  /** Where `npm run build` wrote the bundles (`dist/functions`), absolute. */
  bundlesDir: string;
  /** Name of the one DynamoDB table, handed to the code as `TABLE_NAME`. */
  tableName: string;
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
 * A Lambda from a prebuilt `npm run build` bundle (`dist/functions/<name>/index.mjs`),
 * with its own role and its own log group. CDK does not bundle anything itself: what
 * is deployed is exactly what `npm run build` produced and the tests ran.
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

    this.function = new lambda.Function(this, 'Function', {
      code: lambda.Code.fromAsset(assetDir, { exclude: ['meta.json'] }),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      // Graviton: about 20 % cheaper per GB-second, and as fast for this kind of work.
      architecture: lambda.Architecture.ARM_64,
      // CPU share grows with memory. At 512 MB a cold start (loading a ~400 KB bundle
      // with the SDK) takes about half what it takes at 128 MB, and since requests
      // finish faster the cost per request stays about the same.
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        TABLE_NAME: props.tableName,
        // Stack traces in the logs point at the TypeScript source via the .map files.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
    });
  }
}
