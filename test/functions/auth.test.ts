/**
 * Staff accounts end to end: password hashing, the staff token under the usual JWT
 * attacks, key rotation, and login with its failure limits on a real DynamoDB Local table.
 */
import { createHash, createHmac, generateKeyPairSync, sign as edSign, type KeyObject } from 'node:crypto';
import { Hono } from 'hono';
import { SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, secret } from '../../functions/lib/platform/config';
import { ApiError, onError } from '../../functions/lib/platform/errors';
import { hashPassword, passwordSchema, verifyAgainstDummy, verifyPassword, SCRYPT_PARAMS, needsRehash } from '../../functions/lib/auth/passwords';
import { buildSigningKeys, DEV_JWT_KEY_ID, DEV_JWT_KEY_SEED, devPrivateKey, ed25519PrivateKeyFromSeed, loadSigningKeys, type SigningKeys } from '../../functions/lib/auth/keys';
import { AuthError, issueStaffToken, TOKEN_AUDIENCE, TOKEN_ISSUER, verifyStaffToken } from '../../functions/lib/auth/tokens';
import { authenticate, clientAddressKey, login, type LoginDeps } from '../../functions/lib/accounts/login';
import { DynamoLoginLimiter } from '../../functions/lib/storage/login-limiter';
import { DynamoUserStore } from '../../functions/lib/storage/user-store';
import { LOGIN_WINDOW_SECONDS, MAX_FAILURES_PER_USERNAME_AND_ADDRESS, MAX_FAILURES_PER_IP, MAX_FAILURES_PER_USERNAME } from '../../functions/lib/accounts/ports';
import { userAdmin } from '../../functions/lib/accounts/admin';
import { zodDetails } from '../../shared/errors';
import { agencyOfLevel } from '../support/fixtures';
import { testDb, type TestDb } from '../support/db';

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const partsOf = (token: string) => token.split('.') as [string, string, string];
const decodePart = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

/** A compact JWS signed with any Ed25519 key, with any header and payload. */
function forgeEdDSA(header: object, payload: object, key: KeyObject): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${edSign(null, Buffer.from(input), key).toString('base64url')}`;
}

const clerk = { username: 'clerk.test', role: 'clerk' as const, agencyId: 'xa-giong-trom', tokenVersion: 3 };
const now = new Date('2026-03-02T02:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe('passwords', () => {
  it('hash and verify round trip, self-describing, salted', async () => {
    const hash = await hashPassword('Mật khẩu đúng 2026');
    expect(hash).toMatch(new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$8\\$1\\$[A-Za-z0-9+/]+=*\\$[A-Za-z0-9+/]+=*$`));
    expect(await verifyPassword('Mật khẩu đúng 2026', hash)).toBe(true);
    expect(await hashPassword('Mật khẩu đúng 2026')).not.toBe(hash);
    expect(needsRehash(hash)).toBe(false);
  });

  it('a wrong password, a near miss and a broken record are refused', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse batter', hash)).toBe(false);
    expect(await verifyPassword('Correct horse battery', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
    expect(await verifyPassword('correct horse battery', hash.slice(0, -4))).toBe(false);
    expect(await verifyPassword('correct horse battery', 'plaintext')).toBe(false);
    // A planted record asking for absurd memory is refused, not run.
    expect(await verifyPassword('x', `scrypt$${2 ** 30}$8$1$${'A'.repeat(24)}$${'A'.repeat(44)}`)).toBe(false);
  });

  it('Vietnamese typed precomposed or combining gives the same password', async () => {
    const hash = await hashPassword('Đăng ký khai sinh'.normalize('NFC'));
    expect(await verifyPassword('Đăng ký khai sinh'.normalize('NFD'), hash)).toBe(true);
  });

  it('the dummy verify is always false and costs about what a real one does', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyAgainstDummy('correct horse battery')).toBe(false);
    expect(await verifyAgainstDummy('')).toBe(false);
    const time = async (f: () => Promise<unknown>) => {
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await f();
        runs.push(performance.now() - t);
      }
      return runs.sort((a, b) => a - b)[2]!;
    };
    const real = await time(() => verifyPassword('wrong password here', hash));
    const dummy = await time(() => verifyAgainstDummy('wrong password here'));
    expect(dummy / real).toBeGreaterThan(0.4);
    expect(dummy / real).toBeLessThan(2.5);
  });

  it('policy: 10 to 128 characters, not one character repeated, in both languages', () => {
    expect(passwordSchema.safeParse('motcua-demo-2026').success).toBe(true);
    expect(passwordSchema.safeParse('x'.repeat(9) + 'y').success).toBe(true);
    for (const bad of ['short', 'a'.repeat(12), '1111111111', 'ab'.repeat(65)]) {
      const parsed = passwordSchema.safeParse(bad);
      expect(parsed.success, bad).toBe(false);
      const [detail] = zodDetails(parsed.error!);
      expect(detail!.message).toBeTruthy();
      expect(detail!.messageEn).toBeTruthy();
      expect(detail!.message).not.toBe(detail!.messageEn);
    }
    expect(zodDetails(passwordSchema.safeParse('aaaaaaaaaaaa').error!)[0]!.messageEn).toMatch(/repeated/);
  });
});

describe('signing keys', () => {
  it('development: a deterministic Ed25519 key from the documented seed, kid dev-1', () => {
    const keys = buildSigningKeys({});
    expect(keys.current.kid).toBe(DEV_JWT_KEY_ID);
    expect(keys.current.privateKey.asymmetricKeyType).toBe('ed25519');
    const expected = ed25519PrivateKeyFromSeed(createHash('sha256').update(DEV_JWT_KEY_SEED).digest());
    expect(keys.publicKeyFor('dev-1')!.export({ format: 'jwk' })).toEqual(
      buildSigningKeys({}).publicKeyFor('dev-1')!.export({ format: 'jwk' }),
    );
    expect(keys.jwks.keys[0]!.x).toBe((expected.export({ format: 'jwk' }) as { x: string }).x);
    expect(keys.publicKeyFor('other')).toBeUndefined();
  });

  it('production refuses to start without a real key', () => {
    expect(() => buildSigningKeys({ NODE_ENV: 'production' })).toThrow(ConfigError);
    const devPem = devPrivateKey().export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => buildSigningKeys({ NODE_ENV: 'production', JWT_PRIVATE_KEY: devPem, JWT_KEY_ID: 'k1' })).toThrow(/development key/);
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => buildSigningKeys({ NODE_ENV: 'production', JWT_PRIVATE_KEY: pem })).toThrow(/JWT_KEY_ID/);
    // Environments that cannot hold newlines carry them as "\n".
    const keys = buildSigningKeys({ NODE_ENV: 'production', JWT_PRIVATE_KEY: pem.replace(/\n/g, '\\n'), JWT_KEY_ID: '2026-03' });
    expect(keys.current.kid).toBe('2026-03');
  });

  it('refuses keys that are not Ed25519 and previous keys that are private or malformed', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => buildSigningKeys({ JWT_PRIVATE_KEY: rsa, JWT_KEY_ID: 'k' })).toThrow(/Ed25519/);
    expect(() => buildSigningKeys({ JWT_PRIVATE_KEY: 'not a key', JWT_KEY_ID: 'k' })).toThrow(ConfigError);
    const { privateKey } = generateKeyPairSync('ed25519');
    const withD = { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'old' }] };
    expect(() => buildSigningKeys({ JWT_PREVIOUS_PUBLIC_KEYS: JSON.stringify(withD) })).toThrow(ConfigError);
    expect(() => buildSigningKeys({ JWT_PREVIOUS_PUBLIC_KEYS: '{"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"x"}]}' })).toThrow(ConfigError);
    expect(() => buildSigningKeys({ JWT_PREVIOUS_PUBLIC_KEYS: 'nope' })).toThrow(ConfigError);
  });

  it('are parsed once per process', () => {
    expect(loadSigningKeys({})).toBe(loadSigningKeys({}));
  });
});

describe('staff tokens', () => {
  const keys = buildSigningKeys({});
  const expectRefused = async (token: string, at: Date = now, with_: SigningKeys = keys) => {
    await expect(verifyStaffToken(token, with_, at)).rejects.toBeInstanceOf(AuthError);
  };

  it('a genuine token verifies with its claims', async () => {
    const { token, expiresAt } = await issueStaffToken(clerk, keys, now, { ttlMinutes: 30 });
    expect(expiresAt).toBe('2026-03-02T02:30:00.000Z');
    const header = decodePart(partsOf(token)[0]);
    expect(header).toEqual({ alg: 'EdDSA', kid: 'dev-1', typ: 'JWT' });
    const payload = decodePart(partsOf(token)[1]);
    expect(payload).toMatchObject({ iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, sub: 'clerk.test', role: 'clerk', agencyId: 'xa-giong-trom', tv: 3 });
    expect(payload.exp).toBe((payload.iat as number) + 1800);
    const claims = await verifyStaffToken(token, keys, minutes(29));
    expect(claims).toMatchObject({ username: 'clerk.test', role: 'clerk', agencyId: 'xa-giong-trom', tokenVersion: 3 });
    expect(claims.jti).toBe(payload.jti);
    expect(claims.expiresAt.toISOString()).toBe(expiresAt);
  });

  it('an admin token carries no agency; the lifetime follows STAFF_TOKEN_TTL_MINUTES by default', async () => {
    const { token, expiresAt } = await issueStaffToken({ username: 'admin', role: 'admin', tokenVersion: 0 }, keys, now);
    expect(new Date(expiresAt).getTime() - now.getTime()).toBe(30 * 60_000);
    const claims = await verifyStaffToken(token, keys, now);
    expect(claims.role).toBe('admin');
    expect('agencyId' in claims).toBe(false);
  });

  it('a tampered payload (role changed to admin) is refused', async () => {
    const { token } = await issueStaffToken(clerk, keys, now);
    const [h, p, s] = partsOf(token);
    const payload = decodePart(p);
    const forged: Record<string, unknown> = { ...payload, role: 'admin' };
    delete forged.agencyId;
    await expectRefused(`${h}.${b64url(forged)}.${s}`);
    await expectRefused(`${h}.${b64url({ ...payload, agencyId: 'xa-luong-hoa' })}.${s}`);
  });

  it('a tampered signature is refused', async () => {
    const { token } = await issueStaffToken(clerk, keys, now);
    const [h, p, s] = partsOf(token);
    const i = 10;
    const flipped = s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    await expectRefused(`${h}.${p}.${flipped}`);
    await expectRefused(`${h}.${p}.`);
    await expectRefused(`${h}.${p}`);
  });

  it('expired and not-yet-valid tokens are refused, within a small clock tolerance', async () => {
    const { token } = await issueStaffToken(clerk, keys, now, { ttlMinutes: 30 });
    expect((await verifyStaffToken(token, keys, new Date(minutes(30).getTime() + 20_000))).username).toBe('clerk.test');
    await expectRefused(token, new Date(minutes(30).getTime() + 31_000));
    await expectRefused(token, minutes(60 * 24));
    const early = await issueStaffToken(clerk, keys, minutes(10));
    await expectRefused(early.token, now);
    expect((await verifyStaffToken(early.token, keys, new Date(minutes(10).getTime() - 20_000))).username).toBe('clerk.test');
  });

  it('alg none is refused, however it is spelled', async () => {
    const payload = decodePart(partsOf((await issueStaffToken({ username: 'admin', role: 'admin', tokenVersion: 0 }, keys, now)).token)[1]);
    for (const alg of ['none', 'None', 'NONE']) {
      await expectRefused(`${b64url({ alg, kid: 'dev-1', typ: 'JWT' })}.${b64url(payload)}.`);
    }
    const unsecured = new UnsecuredJWT({ role: 'admin', tv: 0 })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject('admin')
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(minutes(30))
      .setJti('x')
      .encode();
    await expectRefused(unsecured);
  });

  it('HS256 signed with the public key as the secret is refused', async () => {
    const publicKey = keys.publicKeyFor('dev-1')!;
    const claims = { role: 'admin', tv: 0 };
    const secrets = [
      new Uint8Array(Buffer.from(publicKey.export({ format: 'pem', type: 'spki' }).toString())),
      new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
      new Uint8Array(Buffer.from((publicKey.export({ format: 'jwk' }) as { x: string }).x, 'base64url')),
    ];
    for (const secretBytes of secrets) {
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid: 'dev-1', typ: 'JWT' })
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setSubject('admin')
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(minutes(30))
        .setJti('forged')
        .sign(secretBytes);
      await expectRefused(token);
    }
    // The same, hand-made, with alg spelled as a signature scheme it is not.
    const input = `${b64url({ alg: 'EdDSA', kid: 'dev-1', typ: 'JWT' })}.${b64url({ ...claims, sub: 'admin', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: 0, nbf: 0, exp: 9e9, jti: 'x' })}`;
    await expectRefused(`${input}.${createHmac('sha256', secrets[0]!).update(input).digest('base64url')}`);
  });

  it('a token signed by another Ed25519 key under our kid, or an unknown or missing kid, is refused', async () => {
    const attacker = generateKeyPairSync('ed25519');
    const payload = decodePart(partsOf((await issueStaffToken({ username: 'admin', role: 'admin', tokenVersion: 0 }, keys, now)).token)[1]);
    await expectRefused(forgeEdDSA({ alg: 'EdDSA', kid: 'dev-1', typ: 'JWT' }, payload, attacker.privateKey));
    await expectRefused(forgeEdDSA({ alg: 'EdDSA', kid: 'attacker', typ: 'JWT' }, payload, attacker.privateKey));
    await expectRefused(forgeEdDSA({ alg: 'EdDSA', typ: 'JWT' }, payload, attacker.privateKey));
    // Even our own signature needs a kid.
    await expectRefused(forgeEdDSA({ alg: 'EdDSA', typ: 'JWT' }, payload, keys.current.privateKey));
    // A key embedded in the header is not a key we trust.
    const jwk = attacker.publicKey.export({ format: 'jwk' });
    await expectRefused(forgeEdDSA({ alg: 'EdDSA', kid: 'dev-1', typ: 'JWT', jwk }, payload, attacker.privateKey));
    // A token from another deployment (its own dev-1 key) is refused here.
    const otherDeployment = buildSigningKeys({ JWT_PRIVATE_KEY: attacker.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), JWT_KEY_ID: 'dev-1' });
    await expectRefused((await issueStaffToken(clerk, otherDeployment, now)).token);
  });

  it('a token for another issuer or audience is refused, even with our signature', async () => {
    const base = { role: 'admin', tv: 0, sub: 'admin', iat: now.getTime() / 1000, nbf: now.getTime() / 1000, exp: now.getTime() / 1000 + 600, jti: 'j' };
    const header = { alg: 'EdDSA', kid: 'dev-1', typ: 'JWT' };
    const key = keys.current.privateKey;
    expect((await verifyStaffToken(forgeEdDSA(header, { ...base, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE }, key), keys, now)).role).toBe('admin');
    await expectRefused(forgeEdDSA(header, { ...base, iss: 'someone-else', aud: TOKEN_AUDIENCE }, key));
    await expectRefused(forgeEdDSA(header, { ...base, iss: TOKEN_ISSUER, aud: 'motcua-pay-citizen' }, key));
    await expectRefused(forgeEdDSA(header, { ...base, aud: TOKEN_AUDIENCE }, key));
    // Required claims and consistent ones.
    const { jti: _jti, ...noJti } = base;
    await expectRefused(forgeEdDSA(header, { ...noJti, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE }, key));
    await expectRefused(forgeEdDSA(header, { ...base, role: 'clerk', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE }, key));
    await expectRefused(forgeEdDSA(header, { ...base, role: 'superuser', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE }, key));
    await expectRefused(forgeEdDSA(header, { ...base, exp: base.iat + 86_400 * 30, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE }, key));
    await expectRefused(forgeEdDSA({ ...header, typ: 'at+jwt' }, { ...base, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE }, key));
  });

  it('garbage is refused as AuthError, never anything else', async () => {
    const garbage = [
      '',
      'abc',
      'a.b.c',
      '...',
      'Bearer x.y.z',
      'eyJhbGciOiJFZERTQSJ9',
      `${b64url('not json')}.${b64url({})}.AAAA`,
      `${b64url({ alg: 'EdDSA', kid: 'dev-1' })}.${b64url('[1,2]')}.AAAA`,
      `${b64url({ alg: 'EdDSA', kid: 'dev-1', crit: ['exp'] })}.${b64url({})}.AAAA`,
      'x'.repeat(10_000),
      '\u0000.\u0000.\u0000',
      'ữ.ữ.ữ',
    ];
    for (const token of garbage) await expectRefused(token);
    await expectRefused(undefined as unknown as string);
    await expectRefused({} as unknown as string);
  });

  it('rotation: a token of a previous key verifies while its public key is listed', async () => {
    const old = generateKeyPairSync('ed25519');
    const fresh = generateKeyPairSync('ed25519');
    const pem = (k: KeyObject) => k.export({ format: 'pem', type: 'pkcs8' }).toString();
    const before = buildSigningKeys({ JWT_PRIVATE_KEY: pem(old.privateKey), JWT_KEY_ID: '2026-01' });
    const { token } = await issueStaffToken(clerk, before, now);

    const previous = JSON.stringify({ keys: [before.jwks.keys[0]] });
    const after = buildSigningKeys({ JWT_PRIVATE_KEY: pem(fresh.privateKey), JWT_KEY_ID: '2026-03', JWT_PREVIOUS_PUBLIC_KEYS: previous });
    expect(after.jwks.keys.map((k) => k.kid)).toEqual(['2026-03', '2026-01']);
    expect((await verifyStaffToken(token, after, now)).username).toBe('clerk.test');
    expect((await verifyStaffToken((await issueStaffToken(clerk, after, now)).token, after, now)).username).toBe('clerk.test');
    // Once dropped from the list, the old key's tokens die.
    await expectRefused(token, now, buildSigningKeys({ JWT_PRIVATE_KEY: pem(fresh.privateKey), JWT_KEY_ID: '2026-03' }));
    // A previous key cannot reuse the current kid.
    expect(() => buildSigningKeys({ JWT_PRIVATE_KEY: pem(fresh.privateKey), JWT_KEY_ID: '2026-01', JWT_PREVIOUS_PUBLIC_KEYS: previous })).toThrow(ConfigError);
  });
});

describe('client addresses', () => {
  it('count IPv4 as is and IPv6 by its /64', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientAddressKey(undefined)).toBe('unknown');
    expect(clientAddressKey('not an ip')).toBe('unknown');
  });
});

describe('login on DynamoDB Local', () => {
  let db: TestDb;
  let deps: LoginDeps & { now: () => Date };
  let clock: Date;
  const keys = buildSigningKeys({});
  const demoPassword = secret('SEED_PASSWORD');
  let ipCounter = 0;
  /** A fresh client address per test, so per-address counts do not leak between tests. */
  const freshIp = () => `198.51.100.${++ipCounter}`;

  /** The login route as the staff app serves it: same error shape, same status. */
  function loginApp(clientIp: () => string) {
    return new Hono()
      .post('/api/auth/login', async (c) => {
        const body = await c.req.json<{ username: string; password: string }>();
        return c.json(await login(deps, { ...body, clientIp: clientIp() }));
      })
      .onError(onError);
  }
  async function post(ip: string, username: string, password: string) {
    const res = await loginApp(() => ip).request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return { status: res.status, text: await res.text(), retryAfter: res.headers.get('retry-after') };
  }
  async function addUser(username: string, role: 'clerk' | 'admin' = 'clerk', password = 'correct horse battery') {
    await userAdmin({ users: deps.users, now: () => clock }).createUser(
      { username, role, ...(role === 'clerk' ? { agencyId: agencyOfLevel('commune').id } : {}), displayName: username, password },
      'test',
    );
  }

  beforeAll(async () => {
    db = await testDb();
    clock = new Date();
    deps = {
      users: new DynamoUserStore(db.client, db.tableName),
      limiter: new DynamoLoginLimiter(db.client, db.tableName),
      keys,
      now: () => clock,
    };
  });

  it('the seeded demo users log in with SEED_PASSWORD and get a token for their role and agency', async () => {
    // The admin and the leader are province-wide: their scope is the province agency's tree.
    const commune = agencyOfLevel('commune').id;
    const province = agencyOfLevel('province').id;
    const expected = { admin: province, clerk: commune, volunteer: commune, leader: province } as const;
    for (const [username, agencyId] of Object.entries(expected)) {
      const result = await login(deps, { username, password: demoPassword, clientIp: freshIp() });
      expect(result.user).toMatchObject({ username, role: username, agencyId });
      const claims = await verifyStaffToken(result.token, keys, clock);
      expect(claims.username).toBe(username);
      expect(claims.agencyId ?? null).toBe(agencyId);
      expect(result.expiresAt).toBe(claims.expiresAt.toISOString());
      expect(JSON.stringify(result)).not.toContain('scrypt');
    }
    // Usernames are not case- or space-sensitive.
    expect((await login(deps, { username: '  Clerk ', password: demoPassword, clientIp: freshIp() })).user.username).toBe('clerk');
  });

  it('a wrong password, an unknown user and a disabled user get byte-identical answers', async () => {
    await addUser('disabled.one');
    await userAdmin({ users: deps.users, now: () => clock }).setDisabled('disabled.one', true);
    const wrongPassword = await post(freshIp(), 'clerk', 'not the password');
    const unknownUser = await post(freshIp(), 'nobody.here', 'not the password');
    const invalidName = await post(freshIp(), '../admin', demoPassword);
    const disabled = await post(freshIp(), 'disabled.one', 'correct horse battery');
    expect(wrongPassword.status).toBe(401);
    expect(JSON.parse(wrongPassword.text)).toEqual({
      error: { code: 'INVALID_CREDENTIALS', message: expect.any(String), messageEn: 'The username or password is incorrect.' },
    });
    expect(unknownUser).toEqual(wrongPassword);
    expect(invalidName).toEqual(wrongPassword);
    expect(disabled).toEqual(wrongPassword);
  });

  it('the 6th attempt for a username from one address is 429 even with the right password, until the window passes', async () => {
    await addUser('locked.clerk');
    const ip = freshIp();
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME_AND_ADDRESS; i++) {
      expect((await post(ip, 'locked.clerk', `wrong password ${i}`)).status).toBe(401);
    }
    const blocked = await post(ip, 'locked.clerk', 'correct horse battery');
    expect(blocked.status).toBe(429);
    expect(JSON.parse(blocked.text).error.code).toBe('TOO_MANY_ATTEMPTS');
    // An unknown username is limited exactly the same way (no hint that it does not exist).
    const other = freshIp();
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME_AND_ADDRESS; i++) await post(other, 'ghost.user', 'wrong password');
    expect(await post(other, 'ghost.user', 'wrong password')).toEqual(blocked);
    // Other users are not affected; the next window starts afresh.
    expect((await post(ip, 'clerk', demoPassword)).status).toBe(200);
    const saved = clock;
    clock = new Date(Math.ceil(saved.getTime() / 1000 / LOGIN_WINDOW_SECONDS) * LOGIN_WINDOW_SECONDS * 1000 + 1000);
    try {
      expect((await post(ip, 'locked.clerk', 'correct horse battery')).status).toBe(200);
    } finally {
      clock = saved;
    }
  });

  // Issue 12, finding 2: five wrong guesses from anywhere locked the admin out for 15 minutes.
  it('an attacker at one address is slowed down there and cannot keep the user out at another', async () => {
    await addUser('targeted.clerk');
    const attacker = freshIp();
    const guesses = [];
    for (let i = 0; i < 30; i++) guesses.push(await post(attacker, 'targeted.clerk', `guess ${i}`));
    expect(guesses.filter((r) => r.status === 401)).toHaveLength(MAX_FAILURES_PER_USERNAME_AND_ADDRESS);
    const refused = guesses.filter((r) => r.status === 429);
    expect(refused).toHaveLength(30 - MAX_FAILURES_PER_USERNAME_AND_ADDRESS);
    // Slowed, not locked: told when to come back, at the latest when the window ends.
    for (const r of refused) {
      expect(JSON.parse(r.text).error.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      expect(Number(r.retryAfter)).toBeLessThanOrEqual(LOGIN_WINDOW_SECONDS);
    }
    // The attacker's own address does not get a sixth guess, even a right one...
    expect((await post(attacker, 'targeted.clerk', 'correct horse battery')).status).toBe(429);
    // ...while the user, from their own address, logs in.
    expect((await post(freshIp(), 'targeted.clerk', 'correct horse battery')).status).toBe(200);
  });

  it('guessing from many addresses (an IPv6 /48) is slowed, not locked: the right password from a clean address gets in', async () => {
    await addUser('much.targeted');
    // The username's budget across addresses, spent from a few addresses...
    const spenders = Array.from({ length: MAX_FAILURES_PER_USERNAME / MAX_FAILURES_PER_USERNAME_AND_ADDRESS }, (_, i) => `2001:db8:77:${i}::1`);
    for (const address of spenders) {
      for (let i = 0; i < MAX_FAILURES_PER_USERNAME_AND_ADDRESS; i++) expect((await post(address, 'much.targeted', `guess ${i}`)).status).toBe(401);
    }
    // ...then each further /64 gets one guess, whichever of its addresses sends it, and no more.
    const subnets = Array.from({ length: 12 }, (_, i) => `2001:db8:77:${(0x100 + i).toString(16)}`);
    const burst = await Promise.all(subnets.flatMap((net) => [post(`${net}::1`, 'much.targeted', 'guess a'), post(`${net}:ffff::2`, 'much.targeted', 'guess b')]));
    expect(burst.filter((r) => r.status === 401)).toHaveLength(subnets.length);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(subnets.length);
    // An address that has guessed wrong is refused even the right password for the rest of the window...
    expect((await post(`${subnets[0]}::3`, 'much.targeted', 'correct horse battery')).status).toBe(429);
    // ...and the user at an address with a clean record logs in, however long the attack goes on.
    expect((await post(freshIp(), 'much.targeted', 'correct horse battery')).status).toBe(200);
    expect((await post('2001:db8:1234:5678::9', 'much.targeted', 'correct horse battery')).status).toBe(200);
  });

  it('a successful login clears the username’s failures from that address', async () => {
    await addUser('forgetful');
    const ip = freshIp();
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME_AND_ADDRESS - 1; i++) await post(ip, 'forgetful', 'wrong password');
    expect((await post(ip, 'forgetful', 'correct horse battery')).status).toBe(200);
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME_AND_ADDRESS - 1; i++) expect((await post(ip, 'forgetful', 'wrong password')).status).toBe(401);
    expect((await post(ip, 'forgetful', 'correct horse battery')).status).toBe(200);
  });

  it('one address is limited across usernames; another address is not', async () => {
    const ip = freshIp();
    const sprayed = await Promise.all(Array.from({ length: MAX_FAILURES_PER_IP }, (_, i) => post(ip, `sprayed${i}`, 'Password123!')));
    expect(sprayed.map((r) => r.status)).toEqual(Array(MAX_FAILURES_PER_IP).fill(401));
    expect((await post(ip, 'admin', demoPassword)).status).toBe(429);
    expect((await post(freshIp(), 'admin', demoPassword)).status).toBe(200);
    // The blocked attempt did not count against "admin" itself.
    expect(await deps.limiter.isBlocked('admin', freshIp(), clock)).toBe(false);
    // Successful logins do not use up an office's shared address: each gives its attempt back.
    const office = freshIp();
    for (let i = 0; i < MAX_FAILURES_PER_IP + 5; i++) {
      const claim = await deps.limiter.claimAttempt('volunteer', office, clock);
      expect(claim.allowed).toBe(true);
      if (claim.allowed) await deps.limiter.succeeded('volunteer', office, clock, claim);
    }
    expect((await post(office, 'volunteer', demoPassword)).status).toBe(200);
  });

  it('the limits hold against parallel guesses: no more passwords are checked than allowed', async () => {
    await addUser('hammered');
    const count = (results: { status: number }[], status: number) => results.filter((r) => r.status === status).length;
    // One address, one username.
    const ip = freshIp();
    const one = await Promise.all(Array.from({ length: 25 }, (_, i) => post(ip, 'hammered', `guess ${i}`)));
    expect(count(one, 401)).toBe(MAX_FAILURES_PER_USERNAME_AND_ADDRESS);
    expect(count(one, 429)).toBe(25 - MAX_FAILURES_PER_USERNAME_AND_ADDRESS);
    // One address, many usernames.
    const sprayer = freshIp();
    const spray = await Promise.all(Array.from({ length: 25 }, (_, i) => post(sprayer, `parallel${i}`, 'Password123!')));
    expect(count(spray, 401)).toBe(MAX_FAILURES_PER_IP);
    expect(count(spray, 429)).toBe(25 - MAX_FAILURES_PER_IP);
    // Many addresses, one username: see 'guessing from many addresses' above (one check per clean address).
  });

  it('counters live in DynamoDB: another limiter instance (another Lambda) sees them', async () => {
    const a = new DynamoLoginLimiter(db.client, db.tableName);
    const b = new DynamoLoginLimiter((await import('../../functions/lib/storage/dynamo')).dynamoClient({ tableName: db.tableName, endpoint: db.endpoint, region: 'ap-southeast-1' }), db.tableName);
    const ip = freshIp();
    expect(await b.isBlocked('shared.name', ip, clock)).toBe(false);
    const elsewhere = freshIp();
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME_AND_ADDRESS; i++) await a.recordFailure('shared.name', ip, clock);
    await a.recordFailure('shared.name', elsewhere, clock);
    expect(await b.isBlocked('shared.name', ip, clock)).toBe(true);
    expect(await b.claimAttempt('shared.name', ip, clock)).toMatchObject({ allowed: false, limit: 'username-and-address' });
    expect(await b.isBlocked('shared.name', freshIp(), clock)).toBe(false);
    // A password reset forgets the username's failures from every address.
    await b.forgetUsername('shared.name', clock);
    expect(await a.isBlocked('shared.name', ip, clock)).toBe(false);
    for (const address of [ip, elsewhere]) {
      for (let i = 0; i < MAX_FAILURES_PER_USERNAME_AND_ADDRESS; i++) expect((await a.claimAttempt('shared.name', address, clock)).allowed).toBe(true);
    }
  });

  it('a token dies when its user is disabled or their password is reset', async () => {
    await addUser('revocable');
    const admin = userAdmin({ users: deps.users, now: () => clock });
    const first = await login(deps, { username: 'revocable', password: 'correct horse battery', clientIp: freshIp() });
    expect((await authenticate(deps, first.token)).username).toBe('revocable');

    const change = await admin.resetPassword('revocable', 'a brand new passphrase');
    expect(change.after.tokenVersion).toBe(change.before!.tokenVersion + 1);
    expect(JSON.stringify(change)).not.toContain('scrypt');
    await expect(authenticate(deps, first.token)).rejects.toBeInstanceOf(AuthError);
    expect((await post(freshIp(), 'revocable', 'correct horse battery')).status).toBe(401);

    const second = await login(deps, { username: 'revocable', password: 'a brand new passphrase', clientIp: freshIp() });
    expect((await authenticate(deps, second.token)).tokenId).toBeTruthy();
    await admin.setDisabled('revocable', true);
    await expect(authenticate(deps, second.token)).rejects.toBeInstanceOf(AuthError);
    await admin.setDisabled('revocable', false);
    await expect(authenticate(deps, second.token)).rejects.toBeInstanceOf(AuthError);
    expect((await post(freshIp(), 'revocable', 'a brand new passphrase')).status).toBe(200);
  });

  it('user administration: conflicts, validation, snapshots without hashes', async () => {
    const admin = userAdmin({ users: deps.users, now: () => clock, agencyExists: async (id) => id === agencyOfLevel('commune').id });
    const created = await admin.createUser({ username: ' New.Clerk ', role: 'clerk', agencyId: agencyOfLevel('commune').id, password: 'long enough pw' }, 'admin');
    expect(created.before).toBeNull();
    expect(created.after).toMatchObject({ username: 'new.clerk', role: 'clerk', displayName: 'new.clerk', disabled: false, tokenVersion: 0, createdBy: 'admin', version: 1 });
    expect(created.after).not.toHaveProperty('passwordHash');

    const code = async (p: Promise<unknown>) => {
      try {
        await p;
        return 'ok';
      } catch (err) {
        return err instanceof ApiError ? { code: err.code, paths: (err.details ?? []).map((d) => d.path) } : err;
      }
    };
    expect(await code(admin.createUser({ username: 'new.clerk', role: 'admin', password: 'long enough pw' }, 'admin'))).toEqual({ code: 'USER_EXISTS', paths: [] });
    expect(await code(admin.createUser({ username: 'no.agency', role: 'volunteer', password: 'long enough pw' }, 'admin'))).toEqual({ code: 'VALIDATION_FAILED', paths: ['agencyId'] });
    // An admin or leader may have an agency: the root of their scope (a commune's admin sees that commune).
    expect(await code(admin.createUser({ username: 'admin.two', role: 'admin', agencyId: agencyOfLevel('commune').id, password: 'long enough pw' }, 'admin'))).toBe('ok');
    expect(await code(admin.createUser({ username: 'admin.three', role: 'admin', agencyId: 'my-thanh', password: 'long enough pw' }, 'admin'))).toEqual({ code: 'AGENCY_NOT_FOUND', paths: [] });
    expect(await code(admin.createUser({ username: 'elsewhere', role: 'clerk', agencyId: 'nowhere', password: 'long enough pw' }, 'admin'))).toEqual({ code: 'AGENCY_NOT_FOUND', paths: [] });
    expect(await code(admin.createUser({ username: 'x', role: 'admin', password: 'short' }, 'admin'))).toEqual({ code: 'VALIDATION_FAILED', paths: ['username', 'password'] });
    expect(await code(admin.createUser({ username: 'samename12', role: 'admin', password: ' SameName12' }, 'admin'))).toEqual({ code: 'VALIDATION_FAILED', paths: ['password'] });
    expect(await code(admin.resetPassword('new.clerk', 'aaaaaaaaaaaaa'))).toEqual({ code: 'VALIDATION_FAILED', paths: ['password'] });
    expect(await code(admin.resetPassword('nobody', 'long enough pw'))).toEqual({ code: 'USER_NOT_FOUND', paths: [] });
    expect(await code(admin.setDisabled('admin', true, 'Admin'))).toEqual({ code: 'CANNOT_DISABLE_SELF', paths: [] });

    const disabled = await admin.setDisabled('new.clerk', true, 'admin');
    expect(disabled.before).toMatchObject({ disabled: false, version: 1 });
    expect(disabled.after).toMatchObject({ disabled: true, version: 2, tokenVersion: 1 });
    expect(disabled.after).not.toHaveProperty('passwordHash');

    const listed: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.listUsers(cursor);
      for (const u of page.items) {
        expect(u).not.toHaveProperty('passwordHash');
        listed.push(u.username);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(listed).toEqual(expect.arrayContaining(['admin', 'clerk', 'volunteer', 'leader', 'new.clerk']));
    expect(await code(admin.listUsers('bm90IGEgY3Vyc29y'))).toEqual({ code: 'INVALID_QUERY', paths: [] });
  });
});
