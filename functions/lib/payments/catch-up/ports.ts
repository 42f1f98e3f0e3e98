/**
 * What catch-up (catch-up.ts) needs besides settlement: where each provider's pull API
 * was last read up to, kept in the table so it survives restarts and moved only by a
 * conditional write (two runs at once cannot move it backwards).
 */

/** How far one source (a provider's pull API for one credential) has been read. */
export interface CatchUpCursor {
  source: string;
  /** The provider's own position: SePay's last transaction id, Casso's last day read (YYYY-MM-DD, Vietnam). Absent before the first run. */
  position?: string;
  /** Do not ask before this instant (ISO 8601): the provider said 429 with Retry-After. */
  notBefore?: string;
  /** Why the last run of this source failed, if it did (no secrets, no personal data). */
  lastError?: string;
  /** When the source was last read, successfully or not. */
  lastRunAt?: string;
  /** 0 when nothing is stored yet. */
  version: number;
}

export interface CursorStore {
  getCursor(source: string): Promise<CatchUpCursor>;
  /** Writes the cursor if it is still at `cursor.version` as read; false when another run moved it meanwhile. */
  saveCursor(cursor: CatchUpCursor): Promise<boolean>;
}
