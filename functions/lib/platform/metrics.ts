/**
 * Business metrics through Powertools for AWS Lambda's Metrics: CloudWatch Embedded
 * Metric Format lines in the function's log, turned into metrics by CloudWatch with no
 * API call. Namespace and service come from the stack (POWERTOOLS_METRICS_NAMESPACE,
 * POWERTOOLS_SERVICE_NAME); the only dimension is the service (the function's name).
 *
 * Counted only inside Lambda: locally and in tests nothing is buffered or printed.
 * The Lambda entries wrap their handler in `instrumented()`, which flushes after each
 * invocation. No metric carries an order, a person or an account: counts only.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { LambdaContext } from 'hono/aws-lambda';
import { logger } from './log';

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'MotcuaPay',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'motcua-pay',
});

/** Metric names, as the stack's alarms and docs/cost.md read them. */
export const METRIC = {
  ordersCreated: 'OrdersCreated',
  ordersExpired: 'OrdersExpired',
  receiptsIssued: 'ReceiptsIssued',
  /** A confirmation refused because the agency's signing certificate is expired or not yet valid. */
  receiptCertificateRefused: 'ReceiptCertificateRefused',
  /** Days whose summary to the tax authority is not accepted by the next working day (every run of the tax job; an alarm watches it). */
  taxSummariesOverdue: 'TaxSummariesOverdue',
  /** Tries to send a document to the tax authority (or ask for its answer) that failed; and runs that failed for an agency. */
  taxTransmissionFailures: 'TaxTransmissionFailures',
  /** Documents the tax authority rejected (the connector's answer or one recorded by hand). */
  taxDocumentsRejected: 'TaxDocumentsRejected',
  taxDocumentsAccepted: 'TaxDocumentsAccepted',
  /** One per genuine notification, by how it settled: see NOTIFICATION_METRICS. */
  notifications: {
    settled: 'NotificationsSettled',
    duplicate: 'NotificationsDuplicate',
    unmatched: 'NotificationsUnmatched',
    ignored: 'NotificationsIgnored',
  },
} as const;

export type NotificationResult = keyof typeof METRIC.notifications;

function counting(): boolean {
  return Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);
}

function count(name: string, value = 1): void {
  if (counting() && value > 0) metrics.addMetric(name, MetricUnit.Count, value);
}

/** A fee order was written (citizen or counter: the service dimension tells which). */
export const countOrderCreated = (): void => count(METRIC.ordersCreated);
/** Unpaid orders the sweeper expired in one run. */
export const countOrdersExpired = (n: number): void => count(METRIC.ordersExpired, n);
/** A receipt number was issued. */
export const countReceiptIssued = (): void => count(METRIC.receiptsIssued);
/** A receipt could not be signed: the agency's certificate is outside its validity (an alarm watches this). */
export const countReceiptCertificateRefused = (): void => count(METRIC.receiptCertificateRefused);
/** A genuine payment notification, by result: the unmatched rate alarm divides these. */
export const countNotification = (result: NotificationResult): void => count(METRIC.notifications[result]);

/** The tax job's run: overdue days are published even when there are none, so the alarm sees the job is running. */
export function countTaxJobRun(r: { overdueDays: number; failed: number; accepted: number; rejected: number }): void {
  if (counting()) metrics.addMetric(METRIC.taxSummariesOverdue, MetricUnit.Count, r.overdueDays);
  count(METRIC.taxTransmissionFailures, r.failed);
  count(METRIC.taxDocumentsAccepted, r.accepted);
  count(METRIC.taxDocumentsRejected, r.rejected);
}
/** An answer of the tax authority recorded by hand. */
export const countTaxDocumentAnswer = (accepted: boolean): void => count(accepted ? METRIC.taxDocumentsAccepted : METRIC.taxDocumentsRejected);

/** Writes what was counted (nothing when nothing was: no empty line, no warning). */
export function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

/**
 * The Lambda entry's wrapper: every log line of the invocation carries its request id
 * (and whether it was a cold start), and the metrics are flushed when the invocation
 * ends, also when it throws. (No ColdStart metric: Lambda's own REPORT line has the init
 * duration, and a custom metric per function costs more than the rest of the metrics.)
 */
export function instrumented<E, R>(handler: (event: E, context?: LambdaContext) => Promise<R>): (event: E, context?: LambdaContext) => Promise<R> {
  return async (event, context) => {
    if (context) logger.addContext(context as Parameters<typeof logger.addContext>[0]);
    try {
      return await handler(event, context);
    } finally {
      flushMetrics();
    }
  };
}
