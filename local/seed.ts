/**
 * Demo data on an empty database: the catalogue, then the demo staff (admin, clerk,
 * volunteer, leader) with the password SEED_PASSWORD (development default in
 * functions/lib/platform/config.ts DEV_SECRETS).
 */
import { AGENCIES, PROCEDURES } from '../shared/catalogue';
import { secret } from '../functions/lib/platform/config';
import { hashPassword } from '../functions/lib/auth/passwords';
import type { Store } from '../functions/lib/storage/store';
import type { StaffRole, StaffUser } from '../functions/lib/accounts/users';
import type { UserStore } from '../functions/lib/accounts/ports';

export interface SeedOptions {
  /** Where the demo users go; without it, none are made. */
  users?: UserStore;
  /** Default: secret('SEED_PASSWORD'). */
  password?: string;
}

/** The first commune agency in catalogue order, where the demo clerk and volunteer work. */
export function demoCommuneAgencyId(): string {
  const commune = AGENCIES.find((a) => a.level === 'commune');
  if (!commune) throw new Error('the catalogue has no commune agency');
  return commune.id;
}

export const DEMO_USERS: readonly { username: string; role: StaffRole; displayName: string; atCommune: boolean }[] = [
  { username: 'admin', role: 'admin', displayName: 'Quản trị viên hệ thống', atCommune: false },
  { username: 'clerk', role: 'clerk', displayName: 'Cán bộ Bộ phận Một cửa', atCommune: true },
  { username: 'volunteer', role: 'volunteer', displayName: 'Tình nguyện viên Đoàn Thanh niên', atCommune: true },
  { username: 'leader', role: 'leader', displayName: 'Lãnh đạo UBND huyện', atCommune: false },
];

export async function seedIfEmpty(store: Store, now = new Date(), options: SeedOptions = {}): Promise<boolean> {
  if (await store.isSeeded()) return false;
  await store.saveCatalogue(AGENCIES, PROCEDURES);
  const { users } = options;
  if (users) await seedUsers(users, options.password ?? secret('SEED_PASSWORD'), now);
  // Marked last: an interrupted seed runs again, and every step above is repeatable.
  await store.markSeeded(now);
  return true;
}

// One scrypt per password per process: test runs seed many tables with the same password.
const demoHashes = new Map<string, Promise<string>>();

async function seedUsers(users: UserStore, password: string, now: Date): Promise<void> {
  let hash = demoHashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    demoHashes.set(password, hash);
  }
  const passwordHash = await hash;
  const at = now.toISOString();
  const agencyId = demoCommuneAgencyId();
  for (const demo of DEMO_USERS) {
    const user: StaffUser = {
      username: demo.username,
      role: demo.role,
      ...(demo.atCommune ? { agencyId } : {}),
      displayName: demo.displayName,
      passwordHash,
      disabled: false,
      tokenVersion: 0,
      createdAt: at,
      updatedAt: at,
      passwordChangedAt: at,
      createdBy: 'seed',
      version: 1,
    };
    // 'exists': a previous, interrupted seed already wrote it.
    await users.createUser(user);
  }
}
