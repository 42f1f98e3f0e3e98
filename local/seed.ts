/** Demo data on an empty database: the catalogue now; demo users join it with the staff issue. */
import { AGENCIES, PROCEDURES } from '../shared/catalogue';
import type { Store } from '../functions/lib/store';

export async function seedIfEmpty(store: Store, now = new Date()): Promise<boolean> {
  if (await store.isSeeded()) return false;
  await store.saveCatalogue(AGENCIES, PROCEDURES);
  await store.markSeeded(now);
  return true;
}
