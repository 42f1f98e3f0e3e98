/**
 * Staff bearer tokens: short-lived JWTs signed with Ed25519 (see keys.ts). Verification
 * trusts nothing in the token but its kid, and only to pick one of our own public keys:
 * the algorithm is fixed to EdDSA, so `alg: none`, HMAC with the public key as secret
 * and embedded keys (`jwk`, `jku`) are refused before any signature is checked.
 */
import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import * as z from 'zod';
import { MAX_STAFF_TOKEN_TTL_MINUTES, staffTokenTtlMinutes } from '../platform/config';
import type { SigningKeys } from './keys';
import { STAFF_ROLES, type StaffRole } from '../../../shared/roles';

export const TOKEN_ISSUER = 'motcua-pay';
export const TOKEN_AUDIENCE = 'motcua-pay-staff';
/** Clocks of Lambda instances and browsers drift a little; a token is not refused for seconds. */
export const CLOCK_TOLERANCE_SECONDS = 30;

// The roles are the domain's (shared/roles.ts); re-exported for the API's own modules.
export { STAFF_ROLES, type StaffRole };
/**
 * Roles that work over an area: an admin or leader with an agency sees that agency's tree
 * (a province's: the province and its communes; functions/staff/context.ts), one without an
 * agency sees every agency. The others act for exactly one agency.
 */
export const AREA_WIDE_ROLES: ReadonlySet<StaffRole> = new Set(['admin', 'leader']);
/** @deprecated the old name of AREA_WIDE_ROLES, from the time of districts. */
export const DISTRICT_WIDE_ROLES = AREA_WIDE_ROLES;

/** Whether a role and an agency belong together (admin, leader: none or one; clerk, volunteer: exactly one). */
export function agencyFitsRole(role: StaffRole, agencyId: string | undefined): boolean {
  if (agencyId !== undefined && (typeof agencyId !== 'string' || agencyId.length === 0)) return false;
  return AREA_WIDE_ROLES.has(role) || agencyId !== undefined;
}

/** Refused token, for whatever reason; the app answers 401 and never says which reason. */
export class AuthError extends Error {
  override name = 'AuthError';
  constructor(readonly reason: string) {
    super(`staff token refused: ${reason}`);
  }
}

/** Who the token was issued to; a StaffUser fits. */
export interface TokenSubject {
  username: string;
  role: StaffRole;
  agencyId?: string | undefined;
  tokenVersion: number;
}

export interface StaffClaims {
  username: string;
  role: StaffRole;
  /** Absent for an admin or leader of every agency. */
  agencyId?: string;
  /** The user's tokenVersion when it was issued: a reset or disable bumps it and kills the token. */
  tokenVersion: number;
  jti: string;
  issuedAt: Date;
  expiresAt: Date;
}

export interface IssuedToken {
  token: string;
  /** ISO 8601, UTC. */
  expiresAt: string;
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export async function issueStaffToken(
  user: TokenSubject,
  keys: SigningKeys,
  now: Date = new Date(),
  options: { ttlMinutes?: number } = {},
): Promise<IssuedToken> {
  if (!agencyFitsRole(user.role, user.agencyId)) throw new Error(`user ${user.username}: role ${user.role} and agency do not fit`);
  const ttl = options.ttlMinutes ?? staffTokenTtlMinutes();
  const iat = seconds(now);
  const exp = iat + ttl * 60;
  const token = await new SignJWT({
    role: user.role,
    ...(user.agencyId !== undefined ? { agencyId: user.agencyId } : {}),
    tv: user.tokenVersion,
  })
    .setProtectedHeader({ alg: 'EdDSA', kid: keys.current.kid, typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(user.username)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(keys.current.privateKey);
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

const claimsSchema = z.object({
  sub: z.string().regex(/^[a-z0-9._-]{3,32}$/),
  role: z.enum(STAFF_ROLES),
  agencyId: z.string().min(1).max(64).optional(),
  tv: z.int().min(0),
  jti: z.string().min(1).max(64),
  iat: z.number(),
  exp: z.number(),
});

/** Longer than any real token; refused before any parsing. */
const MAX_TOKEN_LENGTH = 4096;

/** The token's claims if it is genuine and current; AuthError for anything else. */
export async function verifyStaffToken(token: string, keys: SigningKeys, now: Date = new Date()): Promise<StaffClaims> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw new AuthError('malformed');
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(
      token,
      (header: JWTHeaderParameters) => {
        if (header.alg !== 'EdDSA') throw new AuthError('algorithm');
        if (typeof header.kid !== 'string') throw new AuthError('no kid');
        const key = keys.publicKeyFor(header.kid);
        if (!key) throw new AuthError('unknown kid');
        return key;
      },
      {
        algorithms: ['EdDSA'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        typ: 'JWT',
        requiredClaims: ['sub', 'iat', 'nbf', 'exp', 'jti'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        // Also refuses an iat in the future (beyond the tolerance).
        maxTokenAge: MAX_STAFF_TOKEN_TTL_MINUTES * 60,
        currentDate: now,
      },
    ));
  } catch (err) {
    if (err instanceof AuthError) throw err;
    throw new AuthError(err instanceof Error ? err.name : 'invalid');
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new AuthError('claims');
  const { sub, role, agencyId, tv, jti, iat, exp } = claims.data;
  if (!agencyFitsRole(role, agencyId)) throw new AuthError('claims');
  if (exp - iat > MAX_STAFF_TOKEN_TTL_MINUTES * 60) throw new AuthError('lifetime');
  return {
    username: sub,
    role,
    ...(agencyId !== undefined ? { agencyId } : {}),
    tokenVersion: tv,
    jti,
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date(exp * 1000),
  };
}
