/** The volunteer's tally: people helped today and this month. */
import * as z from 'zod';
import { readQuery } from '../../lib/platform/http';
import { principalOf, type StaffDeps, type StaffHandlers } from '../context';
import { tallyFor } from '../use-cases/tally';
import type { TallyView } from '../../../shared/views';

export const query = z.object({ username: z.string().max(64).optional() });

export const tallyRoutes = (deps: () => StaffDeps) =>
  ({
    tally: async (c) => c.json((await tallyFor(deps(), principalOf(c), readQuery(c, query).username)) satisfies TallyView),
  }) satisfies Partial<StaffHandlers>;
