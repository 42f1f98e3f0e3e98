/** The receiver of Standard Webhooks (bench/webhook-receiver.ts), shared by the tests and the events benchmark. */
export * from '../../bench/webhook-receiver';
