/**
 * The tax job (functions/tax): each agency's daily receipt summary (01/TH-BLĐT) and error
 * notices (04/SS-CTĐT) to the tax authority, on a schedule; the deploy-time choice of how
 * they travel (TaxTransmission: manual or tvan; TaxTvanUrl). Its alarms are in
 * monitoring.ts, its table access in table-access.ts, its secrets in secrets.ts.
 */
import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

export const TAX_FUNCTION = 'tax';
/**
 * Every 30 minutes: the day's table is made from 23:00 Vietnam time (16:00 UTC) and sent
 * the same day (Decree 254/2026 Art. 29.3.b), answers are asked for, failures retried.
 */
export const TAX_RATE = Duration.minutes(30);
/** A run is a few reads per agency and day and one signature per table; five minutes leave room for a province and a slow connector (each request is bounded at 10 s). */
export const TAX_TIMEOUT = Duration.minutes(5);

/** How the day's receipt summaries reach the tax authority (docs/e-receipts.md): by hand, or a T-VAN connector. */
export function taxParameters(stack: Stack): { taxTransmission: CfnParameter; taxTvanUrl: CfnParameter } {
  return {
    taxTransmission: new CfnParameter(stack, 'TaxTransmission', {
      type: 'String',
      default: 'manual',
      allowedValues: ['manual', 'tvan'],
      description: 'How receipt summaries and error notices reach the tax authority: manual (an admin uploads the signed XML on the tax portal) or tvan (TaxTvanUrl, and TAX_TVAN_API_KEY in the taxTransmission secret).',
    }),
    taxTvanUrl: new CfnParameter(stack, 'TaxTvanUrl', {
      type: 'String',
      default: '',
      description: 'With TaxTransmission=tvan: the T-VAN connector\'s https base URL.',
      allowedPattern: '^$|^https://[^\\s]+$',
      constraintDescription: 'an https URL, or empty',
    }),
  };
}

/** The staff function sends a day's summary when an admin asks, the tax job on schedule: both are told how. */
export function taxEnvironment(parameters: { taxTransmission: CfnParameter; taxTvanUrl: CfnParameter }): Record<string, string> {
  return { TAX_TRANSMISSION: parameters.taxTransmission.valueAsString, TAX_TVAN_URL: parameters.taxTvanUrl.valueAsString };
}

/** The schedule; like the sweeper's, a failed run is not retried behind it (the next run, half an hour later, does the same work: the outbox keeps every document). */
export function scheduleTaxJob(stack: Stack, fn: lambda.IFunction, deadLetterQueue: sqs.IQueue): lambda.IFunction {
  new events.Rule(stack, 'TaxSchedule', {
    description: 'Send each agency\'s daily receipt summary (01/TH-BLĐT) and error notices to the tax authority; ask for answers; retry',
    schedule: events.Schedule.rate(TAX_RATE),
    targets: [new targets.LambdaFunction(fn, { retryAttempts: 2, maxEventAge: Duration.minutes(25), deadLetterQueue })],
  });
  fn.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(25), onFailure: new destinations.SqsDestination(deadLetterQueue) });
  return fn;
}
