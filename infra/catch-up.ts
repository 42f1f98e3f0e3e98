/**
 * Catch-up's schedule (functions/lib/payments/catch-up): the sweeper function, invoked
 * every 10 minutes with its own event. A run that cannot reach a provider does not fail
 * (it is logged and tried at the next run); a missed run is made up by the next one.
 */
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** How often the providers' pull APIs are asked for transfers whose webhook never arrived. */
export const CATCH_UP_RATE = Duration.minutes(10);
/** The event the schedule sends the sweeper function (functions/sweeper/index.ts). */
export const CATCH_UP_EVENT = { job: 'catch-up' } as const;

export function catchUpSchedule(scope: Construct, fn: lambda.IFunction, deadLetterQueue: sqs.IQueue): events.Rule {
  return new events.Rule(scope, 'CatchUpSchedule', {
    description: 'Ask the payment providers\' pull APIs for transfers whose webhook never arrived, and settle them',
    schedule: events.Schedule.rate(CATCH_UP_RATE),
    targets: [
      new targets.LambdaFunction(fn, {
        event: events.RuleTargetInput.fromObject(CATCH_UP_EVENT),
        retryAttempts: 2,
        maxEventAge: Duration.minutes(8),
        deadLetterQueue,
      }),
    ],
  });
}
