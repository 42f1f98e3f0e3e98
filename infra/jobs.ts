/**
 * The two scheduled jobs' wiring (the expiry sweeper, with its catch-up run, and the nightly
 * summaries): their schedules, their retries and the dead-letter queue they share.
 */
import { Duration, Validations, type Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { catchUpSchedule } from './catch-up';

/** How often unpaid orders past their expiry are expired. */
export const SWEEP_RATE = Duration.minutes(5);

/**
 * When it runs: EventBridge schedules are in UTC, and 17:30 UTC is 00:30 in Vietnam
 * (UTC+7, no daylight saving), just past the CLOSE_MARGIN_MS (15 minutes) after which
 * yesterday counts as closed (functions/lib/reports/day-summaries.ts).
 */
export const NIGHTLY_SCHEDULE = events.Schedule.cron({ minute: '30', hour: '17' });

/** Schedules the sweeper (and its catch-up run) and the nightly job; returns their dead-letter queue. Construct ids are the stack's, as before. */
export function scheduleJobs(stack: Stack, sweeper: lambda.IFunction, nightly: lambda.IFunction): sqs.Queue {
  // ---- The sweeper -----------------------------------------------------------------------
  // The sweeper pages through the unpaid-orders index (GSI2), a page of 100 at a
  // time over 8 expiry days: a minute is plenty, two leave room for a slow table.
  // The dead-letter queue of both scheduled jobs (the sweeper, and the nightly job below).
  // Its construct id predates the nightly job: kept, so the deployed queue is not replaced.
  const deadLetterQueue = new sqs.Queue(stack, 'SweeperDeadLetters', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself the dead-letter queue of both scheduled jobs (the expiry sweeper and the nightly summaries): their failed runs (Lambda on-failure destination) and undeliverable schedule events (EventBridge target DLQ) land here, and an alarm watches it.',
  });
  new events.Rule(stack, 'SweepSchedule', {
    description: 'Expire unpaid fee orders past their expiry',
    schedule: events.Schedule.rate(SWEEP_RATE),
    targets: [
      // EventBridge retries a failed delivery (throttling, Lambda unavailable) for
      // less than one period: by then the next scheduled run does the same work.
      new targets.LambdaFunction(sweeper, { retryAttempts: 2, maxEventAge: Duration.minutes(4), deadLetterQueue: deadLetterQueue }),
    ],
  });
  // Catch-up with the providers' pull APIs: the same function, its own event, every 10 minutes.
  catchUpSchedule(stack, sweeper, deadLetterQueue);
  // Same reasoning for Lambda's own retries of a run that failed (default: twice,
  // for up to 6 h, piling up behind the schedule): none; the failure goes to the queue.
  sweeper.configureAsyncInvoke({
    retryAttempts: 0,
    maxEventAge: Duration.minutes(4),
    onFailure: new destinations.SqsDestination(deadLetterQueue),
  });

  // ---- The nightly job -------------------------------------------------------------------
  // Stores every agency's summaries of the last closed days (a week: missed nights are
  // caught up). A night is a few reads per agency-day and seconds in all, but the same
  // function backfills up to a year when invoked by hand ({ "days": N }), which reads
  // every record of that year: ten minutes leave room for that.
  // A schedule event not delivered (EventBridge) or not run successfully (Lambda's
  // retries) within six hours, i.e. by 06:30, before the office opens, goes to the queue;
  // meanwhile the dashboard computes the missing days on demand (slower, not wrong), and
  // the next night's run catches up.
  const nightlyMaxAge = Duration.hours(6);
  new events.Rule(stack, 'NightlySchedule', {
    description: 'Store the dashboard summaries of the days just closed, for every agency (00:30 Vietnam time)',
    schedule: NIGHTLY_SCHEDULE,
    targets: [new targets.LambdaFunction(nightly, { retryAttempts: 8, maxEventAge: nightlyMaxAge, deadLetterQueue: deadLetterQueue })],
  });
  // Unlike the sweeper's, a failed run is retried (Lambda's default two retries, a minute
  // or two apart): the next run is a day away, and a run is safe to repeat (days already
  // stored are only checked). What still fails goes to the queue, with its error.
  nightly.configureAsyncInvoke({
    retryAttempts: 2,
    maxEventAge: nightlyMaxAge,
    onFailure: new destinations.SqsDestination(deadLetterQueue),
  });

  return deadLetterQueue;
}
