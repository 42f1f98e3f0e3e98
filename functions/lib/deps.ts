/**
 * What a route needs from the outside world. Built once per Lambda instance (or local
 * process) from configuration by the composition root (functions/composition/); tests
 * build their own with a table of their own.
 */
import type { Agency, Procedure } from '../../shared/catalogue';
import type { OrderTokens } from './orders/order-token';
import type { PaymentRequests } from './payments/payos-client';
import type { Store } from './storage/store';

export interface Catalogue {
  agencies(): Promise<Agency[]>;
  procedures(): Promise<Procedure[]>;
  agency(id: string): Promise<Agency | undefined>;
  procedure(code: string): Promise<Procedure | undefined>;
}

/** What every function needs: the store, the catalogue, a clock and randomness. */
export interface BaseDeps {
  store: Store;
  catalogue: Catalogue;
  now(): Date;
  randomBytes(n: number): Uint8Array;
  /** The deployment's payment-code prefix (PAYMENT_CODE_PREFIX): memos start with it, matching looks for it. */
  paymentCodePrefix: string;
  /**
   * payOS's merchant API (payment requests, cancellations, payouts) for agencies watched
   * by payOS; absent when payOS is off (development only: their orders show our VietQR).
   */
  paymentRequests?: PaymentRequests;
}

/** The public API also issues and checks order tokens. */
export interface Deps extends BaseDeps {
  orderTokens: OrderTokens;
}

/**
 * The catalogue changes a few times a year and is read on every request: keep it in
 * memory for a minute per instance rather than querying it each time.
 */
export function cachedCatalogue(store: Store, ttlMs = 60_000, now: () => number = Date.now): Catalogue {
  let cached: { at: number; agencies: Agency[]; procedures: Procedure[] } | undefined;
  let loading: Promise<NonNullable<typeof cached>> | undefined;
  const load = async () => {
    if (cached && now() - cached.at < ttlMs) return cached;
    loading ??= Promise.all([store.listAgencies(), store.listProcedures()])
      .then(([agencies, procedures]) => (cached = { at: now(), agencies, procedures }))
      .finally(() => (loading = undefined));
    return loading;
  };
  return {
    agencies: async () => (await load()).agencies,
    procedures: async () => (await load()).procedures,
    agency: async (id) => (await load()).agencies.find((a) => a.id === id),
    procedure: async (code) => (await load()).procedures.find((p) => p.code === code),
  };
}
