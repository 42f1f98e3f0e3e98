/**
 * Delivering outgoing events (functions/events): the table's stream brings each new
 * outbox item (EVENT#, filtered at the source so the function sees nothing else) to the
 * events function, which fans it out and sends it; a schedule every minute sends the
 * retries that are due and whatever the stream missed. A stream batch that keeps failing
 * (the database, not a receiver: receivers' failures are recorded and retried by the
 * schedule) lands in this construct's dead-letter queue, and an alarm says so, as does one
 * on the function's errors. Nothing is lost meanwhile: an undelivered event stays in the
 * outbox index, which the schedule sweeps.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PREFIX } from '../functions/lib/storage/keys';

/** The events function's folder under `functions/`. */
export const EVENTS_FUNCTION = 'events';
/** How often due retries (and events the stream missed) are sent. */
export const EVENTS_SWEEP_RATE = Duration.minutes(1);

export interface EventDeliveryProps {
  table: dynamodb.ITable;
  function: lambda.Function;
  topic: sns.ITopic;
}

export class EventDelivery extends Construct {
  readonly deadLetterQueue: sqs.Queue;
  readonly alarms: Record<'deadLetters' | 'errors', cloudwatch.Alarm>;

  constructor(scope: Construct, id: string, props: EventDeliveryProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the events function (stream batches that kept failing, and schedule events not delivered); an alarm watches it.',
    });
    props.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: 25,
        maxBatchingWindow: Duration.seconds(0),
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(6),
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual('INSERT'), dynamodb: { Keys: { PK: { S: lambda.FilterRule.beginsWith(PREFIX.event) } } } })],
      }),
    );
    // Lambda's event source mapping lists the table's streams with the function's role; CDK grants ListStreams on "*".
    Validations.of(props.function.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams, granted by CDK for the DynamoDB Streams event source of the events function: it lists stream ARNs and reads no item; the stream reads themselves are bound to this table\'s stream.',
    });
    new events.Rule(this, 'Schedule', {
      description: 'Send the outgoing events whose retry is due, and any the stream has not brought',
      schedule: events.Schedule.rate(EVENTS_SWEEP_RATE),
      targets: [new targets.LambdaFunction(props.function, { retryAttempts: 1, maxEventAge: Duration.minutes(1), deadLetterQueue: this.deadLetterQueue })],
    });
    const alarm = (name: string, metric: cloudwatch.IMetric, description: string) => {
      const a = new cloudwatch.Alarm(this, name, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(new actions.SnsAction(props.topic));
      a.addOkAction(new actions.SnsAction(props.topic));
      return a;
    };
    const five = Duration.minutes(5);
    this.alarms = {
      deadLetters: alarm('DeadLettersAlarm', this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: five, statistic: 'Maximum' }), 'Stream batches of outgoing events kept failing and wait in the dead-letter queue. The events are still in the outbox and the schedule sends them; read the queue and the function\'s logs for the cause.'),
      errors: alarm('ErrorsAlarm', props.function.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }), 'The events function failed (the database, not a receiver: receivers\' failures are recorded on each delivery).'),
    };
  }
}
