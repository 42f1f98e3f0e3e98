/**
 * Where the citizen files, remembered on this phone for next time (issue 13, item 3): the
 * pay flow chooses it again, says so, and leaves it changeable. Only an agency id is kept,
 * nothing personal.
 */
import { storageGet, storageSet } from './storage';

const KEY = 'motcua.agency';

/** Selects the remembered agency if this form offers it; shows `note` when it did. */
export function restoreAgency(select: HTMLSelectElement | null, note: HTMLElement | null): void {
  if (!select || select.value) return;
  const saved = storageGet(KEY);
  if (!saved || !Array.from(select.options).some((o) => o.value === saved)) return;
  select.value = saved;
  if (note) note.hidden = false;
}

export function rememberAgency(agencyId: string): void {
  if (agencyId) storageSet(KEY, agencyId);
}
