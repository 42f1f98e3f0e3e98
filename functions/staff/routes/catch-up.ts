/**
 * `POST /api/staff/catch-up` (admin): ask every configured provider's pull API for
 * transfers now and settle them (lib/payments/catch-up). The answer is the contract's
 * `{found, settled, duplicates}`, and beside it what else happened, per provider, with
 * the reason a provider could not be read (never a credential).
 */
import type { StaffDeps, StaffHandlers } from '../context';
import type { CatchUpResult } from '../../lib/payments/catch-up/catch-up';

const NOTHING: CatchUpResult = { found: 0, settled: 0, duplicates: 0, unmatched: 0, ignored: 0, unreadable: 0, failed: 0, sources: {} };

export const catchUpRoutes = (deps: () => StaffDeps) =>
  ({
    catchUp: async (c) => {
      const run = deps().catchUp;
      return c.json(run ? await run() : NOTHING);
    },
  }) satisfies Partial<StaffHandlers>;
