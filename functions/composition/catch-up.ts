/** Catch-up's dependencies (see root.ts): settlement's, the cursors, and the configured pull APIs. */
import type { CatchUpDeps } from '../lib/payments/catch-up/catch-up';
import { pullSourcesFromEnv } from '../lib/payments/catch-up/config';
import { DynamoCursorStore } from '../lib/storage/cursor-store';
import { baseDeps, type Root } from './root';

export function catchUpDeps(root: Root): CatchUpDeps {
  return { ...baseDeps(root), cursors: new DynamoCursorStore(root.client, root.tableName), sources: pullSourcesFromEnv(root.config.secrets) };
}
