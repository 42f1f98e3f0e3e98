/**
 * The agency tree, without the catalogue's data or zod, so a page can use it: whether an
 * agency is in service, the tier of procedures it handles, and the agencies a person whose
 * scope is one agency may see. Pure.
 */

/** The two tiers of procedures since 1 July 2025. */
export type ProcedureLevel = 'province' | 'commune';
/** What an agency is: a province, a commune, a ward, a special zone; 'district' only on history. */
export type AgencyLevel = 'province' | 'commune' | 'ward' | 'special_zone' | 'district';

/** What the tree needs of an agency (a catalogue Agency fits). */
interface TreeAgency {
  id: string;
  level: AgencyLevel;
  parentId?: string | undefined;
  supersededBy?: string | undefined;
  historical?: true | undefined;
}

/** Whether an agency is in service (takes orders, is listed): not one kept for history. */
export function inService(a: Pick<TreeAgency, 'historical'>): boolean {
  return a.historical !== true;
}

/** The tier of procedures an agency of this level handles; none for a district (history only). */
export function procedureLevelOf(a: Pick<TreeAgency, 'level'>): ProcedureLevel | undefined {
  switch (a.level) {
    case 'province':
      return 'province';
    case 'commune':
    case 'ward':
    case 'special_zone':
      return 'commune';
    case 'district':
      return undefined;
  }
}

/**
 * The agencies a person whose scope is `rootId` may see: the root, every agency below it
 * (through parentId), and the agencies of the old map that these took over (through
 * supersededBy, and below those), so a province's admin also reads the records of the
 * communes it absorbed. A merger never rewrites a record; scope follows the successor.
 */
export function agencyScope(agencies: readonly Pick<TreeAgency, 'id' | 'parentId' | 'supersededBy'>[], rootId: string): Set<string> {
  const below = new Map<string, string[]>();
  const link = (from: string | undefined, to: string) => {
    if (from === undefined) return;
    const list = below.get(from) ?? [];
    list.push(to);
    below.set(from, list);
  };
  for (const a of agencies) {
    link(a.parentId, a.id);
    link(a.supersededBy, a.id);
  }
  const scope = new Set<string>([rootId]);
  const queue = [rootId];
  while (queue.length > 0) {
    for (const next of below.get(queue.pop()!) ?? []) {
      if (!scope.has(next)) {
        scope.add(next);
        queue.push(next);
      }
    }
  }
  return scope;
}
