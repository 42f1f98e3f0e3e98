/** Catalogue entries picked by what they are, so tests don't hard-code the demo data. */
import { AGENCIES, CATALOGUE_AGENCIES, PROCEDURES, handles, isPayableHere, type Agency, type Procedure } from '../../shared/catalogue';
import type { Fee } from '../../shared/fees';

/** The first procedure with a fee of this kind (at this level: 'province' or 'commune'). */
export function procedureWithFee(kind: Fee['kind'], level?: Procedure['level']): Procedure {
  const p = PROCEDURES.find((x) => x.fee.kind === kind && (!level || x.level === level));
  if (!p) throw new Error(`no ${kind} procedure in the catalogue`);
  return p;
}

/** Today's agencies of a level (the province, or communes), in the order GET /api/agencies lists them. */
export function agencyOfLevel(level: Agency['level'], index = 0): Agency {
  const a = AGENCIES.filter((x) => x.level === level)[index];
  if (!a) throw new Error(`no ${level} agency #${index}`);
  return a;
}

/** An agency of the old map, kept for history (`historical`, `supersededBy`). */
export function historicalAgency(id: string): Agency {
  const a = CATALOGUE_AGENCIES.find((x) => x.id === id && x.historical);
  if (!a) throw new Error(`no historical agency ${id}`);
  return a;
}

/**
 * A procedure an order can be made for at this agency, and the quantity that fits its fee:
 * the certified copy (tiered, by pages) where the agency handles it, else one counted by
 * units, else a flat fee (quantity 1).
 */
export function payableProcedureAt(agencyId: string, quantity = 3): { procedure: Procedure; quantity: number } {
  const agency = AGENCIES.find((a) => a.id === agencyId);
  if (!agency) throw new Error(`no agency ${agencyId} in service`);
  const payable = PROCEDURES.filter((p) => isPayableHere(p) && handles(agency, p));
  const procedure = payable.find((p) => p.fee.kind === 'tiered') ?? payable.find((p) => p.fee.kind === 'per_unit') ?? payable[0];
  if (!procedure) throw new Error(`${agencyId} handles no payable procedure`);
  return { procedure, quantity: procedure.fee.kind === 'flat' ? 1 : quantity };
}
