/**
 * The order the fee form just created, handed to its pay page in this tab's
 * sessionStorage, so the pay page draws the QR from it at once instead of waiting on a
 * request over a slow network (issue 13, item 4). Read once, then removed; the pay page
 * still asks the API right after.
 */
import { sessionGet, sessionSet, storageGet, storageRemove, storageSet } from './storage';

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

const LAST = 'motcua.lastOrder';

/**
 * The last order this phone saw, kept so its pay page opened offline still shows the QR
 * (issue 13, item 9). One order only, without its access token (the page's address holds
 * it); the payer is masked in what the API answers anyway.
 */
export function rememberOrder(id: string, order: object): void {
  const { accessToken: _token, ...rest } = order as Record<string, unknown>;
  storageSet(LAST, JSON.stringify({ id, order: rest }));
}

export function lastKnownOrder(id: string): unknown {
  try {
    const saved = JSON.parse(storageGet(LAST) ?? 'null') as { id?: unknown; order?: unknown } | null;
    return saved && saved.id === id ? saved.order : null;
  } catch {
    return null;
  }
}
