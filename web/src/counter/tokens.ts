/** Tokens of the orders made in this tab, so their QR can be shown again. */
import { sessionGet, sessionSet } from '../lib/storage';

const TOKENS_KEY = 'motcua.counter.tokens';

export function rememberToken(id: string, token: string): void {
  const map = knownTokens();
  map[id] = token;
  const ids = Object.keys(map);
  // Keep the last 50: a day at a busy counter.
  for (const old of ids.slice(0, Math.max(0, ids.length - 50))) delete map[old];
  sessionSet(TOKENS_KEY, JSON.stringify(map));
}

export function knownTokens(): Record<string, string> {
  try {
    const parsed = JSON.parse(sessionGet(TOKENS_KEY) ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}
