/** What one provider's pull API gives the catch-up run (catch-up.ts), whatever the provider. */
import type { IncomingTransfer } from '../../../../shared/transfer';

/** One record of a pull API: the transfer exactly as its webhook would have given it, or why it could not be read. */
export type Pulled =
  | { ok: true; transfer: IncomingTransfer; raw: string }
  | { ok: false; id: string; reason: string };

/** One page of records, and how far the cursor may move once all of them are settled (absent: not yet). */
export interface PulledBatch {
  items: Pulled[];
  position?: string;
}

export interface PullSource {
  /** The cursor's name: the provider (one credential per provider per deployment). */
  name: string;
  /** The pages from `position` (absent: the first run) on; throws a PullError when the provider fails. */
  pull(position: string | undefined, now: Date): AsyncIterable<PulledBatch>;
  /** Whether position `a` is past `b`: the cursor never moves backwards. */
  after(a: string, b: string): boolean;
}
