/**
 * The order the fee form just created, handed to its pay page in this tab's
 * sessionStorage, so the pay page draws the QR from it at once instead of waiting on a
 * request over a slow network (issue 13, item 4). Read once, then removed; the pay page
 * still asks the API right after.
 */
import { sessionGet, sessionSet, storageRemove } from './storage';

const key = (id: string) => `motcua.order.${id}`;

export function stashOrder(id: string, order: unknown): void {
  sessionSet(key(id), JSON.stringify(order));
}

export function takeStashedOrder(id: string): unknown {
  const raw = sessionGet(key(id));
  if (raw === null) return null;
  storageRemove(key(id));
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}
