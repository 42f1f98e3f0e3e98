import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnCondition, CfnOutput, CfnParameter, CfnRule, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { DEFAULT_PAYMENT_CODE_PREFIX } from '../functions/lib/platform/config';
import { TABLE_SHAPE } from '../functions/lib/storage/table';
import { BundledFunction } from './api-function';
import { EVENTS_FUNCTION, EventDelivery } from './events';
import { Monitoring } from './monitoring';
import { scheduleJobs } from './jobs';
export { NIGHTLY_SCHEDULE, SWEEP_RATE } from './jobs';
import { FUNCTION_SECRETS, SECRET_SPECS, ServiceSecrets } from './secrets';
import { Site } from './site';
import { TABLE_ACCESS } from './table-access';
import { scheduleTaxJob, TAX_FUNCTION, TAX_TIMEOUT, taxEnvironment, taxParameters } from './tax-job';

export interface Throttle {
  /** Steady requests per second. */
  rateLimit: number;
  /** Requests allowed at once above the steady rate. */
  burstLimit: number;
}

export interface HttpRouteSpec {
  /** HTTP API path (`{proxy+}` is a greedy path variable: everything below). */
  path: string;
  /** @default every method (`ANY`) */
  methods?: readonly apigw.HttpMethod[];
  /** A tighter limit than the stage's for this route (see MotcuaPayStackProps). */
  throttle?: 'login' | 'webhooks';
}

export interface HttpFunctionSpec {
  /** Folder under `functions/`; its bundle is `dist/functions/<name>/index.mjs`. */
  name: string;
  /** HTTP API routes this function answers. */
  routes: readonly HttpRouteSpec[];
}

/** Every Lambda behind the HTTP API and the routes it owns. A new HTTP function is one more entry here. */
export const HTTP_FUNCTIONS: readonly HttpFunctionSpec[] = [
  {
    name: 'public',
    routes: [
      { path: '/api/health' },
      { path: '/api/agencies' },
      { path: '/api/procedures' },
      { path: '/api/procedures/{proxy+}' },
      { path: '/api/orders' },
      { path: '/api/orders/{proxy+}' },
      { path: '/api/receipts/verify' },
      // Every other /api path (API Gateway picks the most specific route): the public app
      // answers the contract's JSON 404 instead of API Gateway's own {"message":"Not Found"}.
      { path: '/api/{proxy+}' },
    ],
  },
  // Staff: login, the counter, the clerk's queue, receipts, reports, audit and users.
  {
    name: 'staff',
    routes: [{ path: '/api/auth/login', methods: [apigw.HttpMethod.POST], throttle: 'login' }, { path: '/api/staff/{proxy+}' }],
  },
  // Payment notifications from payOS, SePay and Casso: they only ever POST.
  { name: 'webhooks', routes: [{ path: '/api/webhooks/{provider}', methods: [apigw.HttpMethod.POST], throttle: 'webhooks' }] },
  { name: 'integration', routes: [{ path: '/api/integration/{proxy+}' }] }, // machine clients, with an API key
];

/** The scheduled expiry sweeper (functions/sweeper): not behind the API. */
export const SWEEPER_FUNCTION = 'sweeper';

/** The scheduled nightly job (functions/nightly) that stores the dashboard's closed-day summaries: not behind the API. */
export const NIGHTLY_FUNCTION = 'nightly';

/** Every function the stack deploys, by folder under `functions/`. */
export const DEPLOYED_FUNCTIONS: readonly string[] = [...HTTP_FUNCTIONS.map((spec) => spec.name), SWEEPER_FUNCTION, NIGHTLY_FUNCTION, TAX_FUNCTION, EVENTS_FUNCTION];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_BUNDLES_DIR = path.join(ROOT, 'dist', 'functions');
export const DEFAULT_SITE_DIR = path.join(ROOT, 'dist', 'web');

/** The route key API Gateway uses for a route (`POST /api/auth/login`). */
export function routeKey(method: string, routePath: string): string {
  return `${method} ${routePath}`;
}

export interface MotcuaPayStackProps extends StackProps {
  /** `prod` keeps logs longer and keeps logs, secrets and the site bucket when the stack is deleted. @default 'dev' */
  stage?: string;
  /** Where `npm run build` wrote the Lambda bundles. @default `<repo>/dist/functions` */
  bundlesDir?: string;
  /** Where `npm run build` wrote the static site. @default `<repo>/dist/web` */
  siteDir?: string;
  /** The whole API (every route without its own limit). @default 50 per second, bursts of 100 */
  throttle?: Throttle;
  /**
   * Staff login: a few dozen people at most, each login an scrypt hash (CPU); the
   * per-user and per-address failure limits stop guessing, this stops floods.
   * @default 2 per second, bursts of 10
   */
  loginThrottle?: Throttle;
  /**
   * Payment notifications: one per transfer. A district sees a few a minute at its
   * busiest; a province or the country deploys with higher numbers (README).
   * @default 20 per second, bursts of 40
   */
  webhooksThrottle?: Throttle;
  /**
   * The AWS WAF web ACL in front of CloudFront (EdgeStack's, in us-east-1; infra/app.ts
   * always passes it). Without it the distribution has no web ACL.
   */
  webAclArn?: string;
  /** Which HTTP functions to deploy. @default HTTP_FUNCTIONS */
  httpFunctions?: readonly HttpFunctionSpec[];
}

export class MotcuaPayStack extends Stack {
  readonly table: dynamodb.Table;
  readonly api: apigw.HttpApi;
  readonly apiStage: apigw.HttpStage;
  readonly functions: ReadonlyMap<string, BundledFunction>;
  readonly secrets: ServiceSecrets;
  readonly deadLetterQueue: sqs.Queue;
  readonly site: Site;
  readonly monitoring: Monitoring;
  readonly eventDelivery: EventDelivery;
  /** CloudWatch namespace of the business metrics. */
  readonly metricsNamespace: string;
  readonly parameters: { alarmEmail: CfnParameter; domainName: CfnParameter; certificateArn: CfnParameter; paymentCodePrefix: CfnParameter; taxTransmission: CfnParameter; taxTvanUrl: CfnParameter };

  constructor(scope: Construct, id: string, props: MotcuaPayStackProps = {}) {
    super(scope, id, props);
    const stage = props.stage ?? 'dev';
    const isProd = stage === 'prod';
    const bundlesDir = path.resolve(props.bundlesDir ?? DEFAULT_BUNDLES_DIR);
    const keep = isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.metricsNamespace = `MotcuaPay/${stage}`;

    // ---- What the agency sets at deploy time (README, "Deploy to AWS") --------------------
    this.parameters = {
      alarmEmail: new CfnParameter(this, 'AlarmEmail', {
        type: 'String',
        description: 'Where alarms go (confirm the subscription e-mail AWS sends).',
        allowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
        constraintDescription: 'an e-mail address',
      }),
      domainName: new CfnParameter(this, 'DomainName', {
        type: 'String',
        default: '',
        description: 'Optional: the site\'s own name (e.g. thuphi.giongtrom.bentre.gov.vn), with CertificateArn.',
        allowedPattern: '^$|^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,}$',
        constraintDescription: 'a lower-case host name, or empty',
      }),
      certificateArn: new CfnParameter(this, 'CertificateArn', {
        type: 'String',
        default: '',
        description: 'Optional: ACM certificate for DomainName, issued in us-east-1 (CloudFront requires it there).',
        allowedPattern: '^$|^arn:aws[a-z-]*:acm:us-east-1:\\d{12}:certificate/[0-9a-f-]+$',
        constraintDescription: 'an ACM certificate ARN in us-east-1, or empty',
      }),
      // Every memo starts with it; SePay must be configured with the same payment-code prefix.
      paymentCodePrefix: new CfnParameter(this, 'PaymentCodePrefix', {
        type: 'String',
        default: DEFAULT_PAYMENT_CODE_PREFIX,
        description: 'The payment-code prefix every transfer memo starts with (PAYMENT_CODE_PREFIX): 2 to 5 upper-case letters, the same as in SePay\'s payment-code settings.',
        allowedPattern: '^[A-Z]{2,5}$',
        constraintDescription: '2 to 5 upper-case letters A-Z',
      }),
      ...taxParameters(this),
    };
    const hasDomain = new CfnCondition(this, 'HasDomain', { expression: Fn.conditionNot(Fn.conditionEquals(this.parameters.domainName.valueAsString, '')) });
    new CfnRule(this, 'DomainNeedsCertificate', {
      ruleCondition: Fn.conditionNot(Fn.conditionEquals(this.parameters.domainName.valueAsString, '')),
      assertions: [
        { assert: Fn.conditionNot(Fn.conditionEquals(this.parameters.certificateArn.valueAsString, '')), assertDescription: 'DomainName needs CertificateArn (an ACM certificate in us-east-1).' },
      ],
    });

    // ---- Data ------------------------------------------------------------------------------
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
      stream: dynamodb.StreamViewType.NEW_IMAGE, // the outbox's new events, to the events function (infra/events.ts)
    });
    for (const index of TABLE_SHAPE.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    this.secrets = new ServiceSecrets(this, 'Secrets', { removalPolicy: keep });

    // ---- Functions -------------------------------------------------------------------------
    const functions = new Map<string, BundledFunction>();
    // Each BundledFunction has a role of its own: what one is granted, no other gets.
    const bundled = (name: keyof typeof TABLE_ACCESS, options: { timeout?: Duration } = {}): BundledFunction => {
      const fn = new BundledFunction(this, `${pascalCase(name)}Function`, {
        name,
        bundlesDir,
        table: this.table,
        tableAccess: TABLE_ACCESS[name],
        secrets: (FUNCTION_SECRETS[name] ?? []).map((id) => this.secrets.secrets[id]),
        metricsNamespace: this.metricsNamespace,
        // Read by every function's composition root (configFromEnv), checked there too.
        environment: { PAYMENT_CODE_PREFIX: this.parameters.paymentCodePrefix.valueAsString, ...(name === 'staff' || name === TAX_FUNCTION ? taxEnvironment(this.parameters) : {}) },
        ...options,
        logRetention: isProd ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.TWO_WEEKS,
        logRemovalPolicy: keep,
      });
      functions.set(name, fn);
      return fn;
    };

    // ---- HTTP API --------------------------------------------------------------------------
    // No default stage from HttpApi: it has no throttling knob, so the stage is ours.
    this.api = new apigw.HttpApi(this, 'Api', { apiName: `motcua-pay-${stage}`, createDefaultStage: false });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: isProd ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.TWO_WEEKS,
      removalPolicy: keep,
    });
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    this.apiStage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // Route, status and timings: no IP address, no user agent, no query string (which
        // may hold an order's token), no path (the route key says which route).
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationStatus: '$context.integrationStatus',
            error: '$context.error.message',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    const routeThrottles: Record<NonNullable<HttpRouteSpec['throttle']>, Throttle> = {
      login: props.loginThrottle ?? { rateLimit: 2, burstLimit: 10 },
      webhooks: props.webhooksThrottle ?? { rateLimit: 20, burstLimit: 40 },
    };
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const cfnStage = this.apiStage.node.defaultChild as apigw.CfnStage;

    for (const spec of props.httpFunctions ?? HTTP_FUNCTIONS) {
      const fn = bundled(spec.name as keyof typeof TABLE_ACCESS);
      const integration = new HttpLambdaIntegration(`${spec.name}Integration`, fn.function);
      for (const route of spec.routes) {
        const methods = [...(route.methods ?? [apigw.HttpMethod.ANY])];
        const created = this.api.addRoutes({ path: route.path, methods, integration });
        if (!route.throttle) continue;
        const limit = routeThrottles[route.throttle];
        for (const method of methods) routeSettings[routeKey(method, route.path)] = { ThrottlingRateLimit: limit.rateLimit, ThrottlingBurstLimit: limit.burstLimit };
        // A stage's route settings may only name routes that already exist.
        this.apiStage.node.addDependency(...created);
      }
    }
    cfnStage.routeSettings = routeSettings;
    for (const route of this.api.node.children.filter((c) => c instanceof apigw.HttpRoute)) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Authorisation is in the functions, per route, and differs by route: the catalogue is public; an order is reached only with its HMAC access token (404 otherwise); staff routes verify an EdDSA bearer token and the role (functions/staff/access.ts); payment notifications verify the provider\'s signature. An API Gateway authorizer would add a Lambda call to every request and could express none of these.',
      });
    }

    // ---- The scheduled jobs (infra/jobs.ts) -------------------------------------------------
    const sweeper = bundled(SWEEPER_FUNCTION, { timeout: Duration.minutes(2) });
    const nightly = bundled(NIGHTLY_FUNCTION, { timeout: Duration.minutes(10) });
    this.deadLetterQueue = scheduleJobs(this, sweeper.function, nightly.function);
    const tax = scheduleTaxJob(this, bundled(TAX_FUNCTION, { timeout: TAX_TIMEOUT }).function, this.deadLetterQueue);
    const eventsFn = bundled(EVENTS_FUNCTION, { timeout: Duration.minutes(1) }); // outgoing events: stream, schedule, queue, alarms (infra/events.ts)
    this.functions = functions;
    // ---- Site and monitoring -------------------------------------------------------------
    this.site = new Site(this, 'Site', {
      siteDir: path.resolve(props.siteDir ?? DEFAULT_SITE_DIR),
      api: this.api,
      domain: { condition: hasDomain, name: this.parameters.domainName.valueAsString, certificateArn: this.parameters.certificateArn.valueAsString },
      removalPolicy: keep,
      originVerify: this.secrets.secrets.originVerify.secretValueFromJson('ORIGIN_VERIFY_SECRET'),
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
    });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      alarmEmail: this.parameters.alarmEmail.valueAsString,
      api: this.api,
      table: this.table,
      functions: new Map([...functions].map(([name, fn]) => [name, fn.function])),
      sweeper: sweeper.function,
      nightly: nightly.function,
      tax,
      deadLetterQueue: this.deadLetterQueue,
      metricsNamespace: this.metricsNamespace,
      webhooksService: 'webhooks',
    });
    this.eventDelivery = new EventDelivery(this, 'Events', { table: this.table, function: eventsFn.function, topic: this.monitoring.topic });

    // ---- Outputs ---------------------------------------------------------------------------
    const siteHost = this.site.distribution.distributionDomainName;
    new CfnOutput(this, 'SiteUrl', {
      value: Fn.conditionIf(hasDomain.logicalId, `https://${this.parameters.domainName.valueAsString}`, `https://${siteHost}`).toString(),
      description: 'The site and, under /api, the API (one origin)',
    });
    new CfnOutput(this, 'DistributionDomainName', { value: siteHost, description: 'Point DomainName here (CNAME, or an alias record)' });
    new CfnOutput(this, 'ApiUrl', { value: this.apiStage.url, description: 'The HTTP API itself (the site reaches it as /api)' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The DynamoDB table (TABLE_NAME for npm run user)' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn, description: 'Alarms are published here' });
    new CfnOutput(this, 'SweeperDeadLetterQueueUrl', { value: this.deadLetterQueue.queueUrl, description: 'Failed runs of the scheduled jobs (expiry sweeper, nightly summaries)' });
    for (const [key, name] of Object.entries(this.secrets.names)) {
      new CfnOutput(this, `${pascalCase(key)}SecretName`, { value: name, description: `Secrets Manager secret: ${SECRET_SPECS[key as keyof typeof SECRET_SPECS].description}` });
    }
  }
}

function pascalCase(name: string): string {
  return name.replace(/(^|[-_])([a-z0-9])/g, (_m, _sep: string, ch: string) => ch.toUpperCase()).replace(/^[a-z]/, (c) => c.toUpperCase());
}
