/** Catalogue entries picked by what they are, so tests don't hard-code the demo data. */
import { AGENCIES, PROCEDURES, type Agency, type Procedure } from '../../shared/catalogue';
import type { Fee } from '../../shared/fees';

export function procedureWithFee(kind: Fee['kind'], level?: Procedure['level']): Procedure {
  const p = PROCEDURES.find((x) => x.fee.kind === kind && (!level || x.level === level));
  if (!p) throw new Error(`no ${kind} procedure in the catalogue`);
  return p;
}

export function agencyOfLevel(level: Agency['level'], index = 0): Agency {
  const a = AGENCIES.filter((x) => x.level === level)[index];
  if (!a) throw new Error(`no ${level} agency #${index}`);
  return a;
}
