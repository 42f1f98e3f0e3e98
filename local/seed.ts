/**
 * Demo data on an empty database: the catalogue (today's agencies and those of the old map
 * kept for history), then the demo staff with the password SEED_PASSWORD (development
 * default in functions/lib/platform/config.ts DEV_SECRETS): `admin` and `leader` for the
 * whole province (their scope is the province agency and everything below it), `clerk`
 * and `volunteer` at the first commune listed by GET /api/agencies.
 */
import { AGENCIES, CATALOGUE_AGENCIES, PROCEDURES } from '../shared/catalogue';
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

/** The first commune agency in catalogue order (as GET /api/agencies lists them), where the demo clerk and volunteer work. */
export function demoCommuneAgencyId(): string {
  const commune = AGENCIES.find((a) => a.level === 'commune' && !a.historical);
  if (!commune) throw new Error('the catalogue has no commune agency');
  return commune.id;
}

/** The province agency, the root of the demo admin's and leader's scope. */
export function demoProvinceAgencyId(): string {
  const province = AGENCIES.find((a) => a.level === 'province' && !a.historical);
  if (!province) throw new Error('the catalogue has no province agency');
  return province.id;
}

export const DEMO_USERS: readonly { username: string; role: StaffRole; displayName: string; at: 'province' | 'commune' }[] = [
  { username: 'admin', role: 'admin', displayName: 'Quản trị viên hệ thống tỉnh', at: 'province' },
  { username: 'clerk', role: 'clerk', displayName: 'Cán bộ Bộ phận Một cửa', at: 'commune' },
  { username: 'volunteer', role: 'volunteer', displayName: 'Tình nguyện viên Đoàn Thanh niên', at: 'commune' },
  { username: 'leader', role: 'leader', displayName: 'Lãnh đạo UBND tỉnh', at: 'province' },
];

/** What `npm start` prints about the demo logins: each user, role and agency. */
export function demoLogins(): string[] {
  const name = (id: string) => AGENCIES.find((a) => a.id === id)?.name ?? id;
  const where = { province: name(demoProvinceAgencyId()), commune: name(demoCommuneAgencyId()) };
  return DEMO_USERS.map((u) => `Demo login ${u.username} (${u.role}, ${u.at === 'province' ? `province-wide: ${where.province}` : where.commune})`);
}

export async function seedIfEmpty(store: Store, now = new Date(), options: SeedOptions = {}): Promise<boolean> {
  if (await store.isSeeded()) return false;
  await store.saveCatalogue(CATALOGUE_AGENCIES, PROCEDURES);
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
  const agencyOf = { commune: demoCommuneAgencyId(), province: demoProvinceAgencyId() };
  for (const demo of DEMO_USERS) {
    const user: StaffUser = {
      username: demo.username,
      role: demo.role,
      agencyId: agencyOf[demo.at],
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
