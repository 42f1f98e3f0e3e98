/** `GET /api/staff/transactions/{id}/suggestions`: the likely orders for an unmatched transfer, best first (never matched by this). */
import type { SuggestionsView } from '../../../shared/suggest';
import { principalOf, type StaffDeps, type StaffHandlers } from '../context';
import { suggestionsFor } from '../use-cases/suggestions';

export const suggestionRoutes = (deps: () => StaffDeps) =>
  ({
    transferSuggestions: async (c) => c.json({ items: await suggestionsFor(deps(), principalOf(c), c.req.param('id')) } satisfies SuggestionsView),
  }) satisfies Partial<StaffHandlers>;
