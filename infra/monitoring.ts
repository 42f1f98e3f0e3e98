/**
 * Alarms, to an SNS topic that e-mails the agency's operator (the AlarmEmail parameter):
 * server errors, throttling anywhere (API functions and table), a scheduled job failing
 * (the sweeper, the nightly summaries) or leaving failed runs in the dead-letter queue,
 * and too many incoming transfers matching no order (money a clerk must match by hand).
 */
import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC } from '../functions/lib/platform/metrics';

export interface MonitoringProps {
  alarmEmail: string;
  api: apigw.IHttpApi;
  table: dynamodb.ITable;
  /** Every deployed function, by name. */
  functions: ReadonlyMap<string, lambda.IFunction>;
  sweeper: lambda.IFunction;
  /** The nightly job that stores the dashboard's closed-day summaries. */
  nightly: lambda.IFunction;
  /** The tax job (daily summaries and notices to the tax authority): its alarms are made when it is given. */
  tax?: lambda.IFunction;
  /** Where both scheduled jobs' failed runs go. */
  deadLetterQueue: sqs.IQueue;
  /** Namespace of the business metrics (Powertools Metrics). */
  metricsNamespace: string;
  /** The function whose metrics count notifications (the service dimension). */
  webhooksService: string;
  /** API 5xx answers in 5 minutes that raise the alarm. @default 5 */
  serverErrorThreshold?: number;
  /** Share of incoming transfers left unmatched in an hour, in percent. @default 20 */
  unmatchedPercentThreshold?: number;
  /** Below this many transfers in the hour the share is not judged. @default 5 */
  unmatchedMinimumTransfers?: number;
}

/** The operations whose DynamoDB throttling is watched (all the code uses). */
const TABLE_OPERATIONS = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'TransactWriteItems', 'BatchGetItem', 'BatchWriteItem', 'DescribeTable'] as const;

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  /** The tax job's alarms (with `tax`): a day not accepted by the next working day; sending failing; the job failing. */
  readonly taxAlarms?: Record<'taxSummaryOverdue' | 'taxTransmission' | 'taxErrors', cloudwatch.Alarm>;
  readonly alarms: Record<'apiServerErrors' | 'functionThrottles' | 'tableThrottles' | 'sweeperErrors' | 'nightlyErrors' | 'sweeperDeadLetters' | 'unmatchedRate' | 'receiptCertificate', cloudwatch.Alarm>;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);

    // Alarm messages carry alarm names and numbers only, never personal data; publishing requires TLS.
    this.topic = new sns.Topic(this, 'Alarms', { displayName: 'motcua-pay alarms', enforceSSL: true });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const five = Duration.minutes(5);
    const alarm = (name: string, metric: cloudwatch.IMetric, options: { threshold: number; description: string; evaluationPeriods?: number }) => {
      const a = new cloudwatch.Alarm(this, name, {
        metric,
        threshold: options.threshold,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No requests, no transfers, no runs: nothing is wrong.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: options.description,
      });
      a.addAlarmAction(new actions.SnsAction(this.topic));
      a.addOkAction(new actions.SnsAction(this.topic));
      return a;
    };

    const sum = (metrics: Record<string, cloudwatch.IMetric>, label: string) =>
      new cloudwatch.MathExpression({ expression: Object.keys(metrics).map((k) => `FILL(${k}, 0)`).join(' + '), usingMetrics: metrics, label, period: five });

    const names = [...props.functions.keys()];
    this.alarms = {
      apiServerErrors: alarm('ApiServerErrors', props.api.metricServerError({ period: five, statistic: 'Sum' }), {
        threshold: props.serverErrorThreshold ?? 5,
        description: 'The API answered 5xx (a defect, or a function that cannot start, e.g. a secret not set yet). See the functions\' logs.',
      }),
      functionThrottles: alarm(
        'FunctionThrottles',
        sum(Object.fromEntries(names.map((n, i) => [`t${i}`, props.functions.get(n)!.metricThrottles({ period: five, statistic: 'Sum' })])), 'Lambda throttles, all functions'),
        { threshold: 1, description: `Lambda refused invocations for lack of concurrency (${names.join(', ')}).` },
      ),
      tableThrottles: alarm(
        'TableThrottles',
        sum(
          Object.fromEntries(TABLE_OPERATIONS.map((op, i) => [`d${i}`, props.table.metric('ThrottledRequests', { dimensionsMap: { TableName: props.table.tableName, Operation: op }, period: five, statistic: 'Sum' })])),
          'DynamoDB throttled requests',
        ),
        { threshold: 1, description: 'DynamoDB throttled requests on the table (a hot partition, or the account limit).' },
      ),
      sweeperErrors: alarm('SweeperErrors', props.sweeper.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }), {
        threshold: 1,
        description: 'The expiry sweeper failed (its failed runs are in the dead-letter queue).',
      }),
      // One run a night, retried twice within minutes: an hour covers a run and its retries.
      nightlyErrors: alarm('NightlyErrors', props.nightly.metricErrors({ period: Duration.hours(1), statistic: 'Sum' }), {
        threshold: 1,
        description:
          'The nightly job failed to store the dashboard summaries of the days just closed (its failed runs are in the dead-letter queue). Nothing is wrong in the figures: the dashboard computes the missing days on demand, only slower, and the next night\'s run catches up on the last week.',
      }),
      // Construct id kept from before the nightly job: the alarm is not replaced.
      sweeperDeadLetters: alarm('SweeperDeadLetters', props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: five, statistic: 'Maximum' }), {
        threshold: 1,
        description: 'Failed runs of a scheduled job (the expiry sweeper or the nightly summaries) wait in the dead-letter queue: read them, fix the cause, then purge the queue.',
      }),
      receiptCertificate: alarm(
        'ReceiptCertificate',
        new cloudwatch.Metric({ namespace: props.metricsNamespace, metricName: METRIC.receiptCertificateRefused, dimensionsMap: { service: 'staff' }, statistic: 'Sum', period: five }),
        {
          threshold: 1,
          description: 'A clerk could not issue a receipt: the agency\'s receipt signing certificate is expired or not yet valid. Renew it with the CA and update the RECEIPT_SIGNERS secret; no receipt number was used meanwhile.',
        },
      ),
      unmatchedRate: alarm('UnmatchedRate', this.unmatchedRate(props), {
        threshold: props.unmatchedPercentThreshold ?? 20,
        description: `${props.unmatchedPercentThreshold ?? 20} % or more of the incoming transfers in an hour matched no order: a bank changed its memo format, or an account number in the catalogue is wrong.`,
      }),
    };

    if (props.tax) {
      const hour = Duration.hours(1);
      const taxMetric = (metricName: string, statistic: string) => new cloudwatch.Metric({ namespace: props.metricsNamespace, metricName, dimensionsMap: { service: 'tax' }, statistic, period: hour });
      this.taxAlarms = {
        taxSummaryOverdue: alarm('TaxSummaryOverdue', taxMetric(METRIC.taxSummariesOverdue, 'Maximum'), {
          threshold: 1,
          description:
            'A day\'s receipt summary (01/TH-BLĐT) is not accepted by the tax authority by the next working day (Decree 254/2026 Art. 29.3.b: sent the same day; after an outage within 3 working days). Open the console\'s daily summary: it shows each try and the tax authority\'s errors; fix and send again.',
        }),
        taxTransmission: alarm('TaxTransmission', taxMetric(METRIC.taxTransmissionFailures, 'Sum'), {
          threshold: 3,
          description: 'Sending documents to the tax authority failed three times or more in an hour (the T-VAN connector is down or refuses our key, or an agency\'s certificate cannot sign). The outbox keeps every document and retries with backoff; see the tax function\'s log.',
        }),
        taxErrors: alarm('TaxErrors', props.tax.metricErrors({ period: hour, statistic: 'Sum' }), {
          threshold: 1,
          description: 'The tax job failed (it cannot start: a receipt signing certificate or the T-VAN settings are wrong). Its failed runs are in the dead-letter queue.',
        }),
      };
    }
  }

  /** Unmatched share of the transfers that came in (settled + unmatched), in percent, per hour. */
  private unmatchedRate(props: MonitoringProps): cloudwatch.MathExpression {
    const hour = Duration.hours(1);
    const metric = (metricName: string) =>
      new cloudwatch.Metric({ namespace: props.metricsNamespace, metricName, dimensionsMap: { service: props.webhooksService }, statistic: 'Sum', period: hour });
    const min = props.unmatchedMinimumTransfers ?? 5;
    return new cloudwatch.MathExpression({
      expression: `IF(FILL(s, 0) + FILL(u, 0) >= ${min}, 100 * FILL(u, 0) / (FILL(s, 0) + FILL(u, 0)), 0)`,
      usingMetrics: { s: metric(METRIC.notifications.settled), u: metric(METRIC.notifications.unmatched) },
      label: 'Unmatched share of incoming transfers (%)',
      period: hour,
    });
  }
}
