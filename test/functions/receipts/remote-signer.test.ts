import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X509Certificate, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RECEIPT } from '../../../shared/e-receipt/names';
import { buildReceiptXml } from '../../../shared/e-receipt/receipt-xml';
import { createDevCa, issueAgencyCertificate, type DevCertificateAuthority, type IssuedCertificate } from '../../../functions/lib/receipts/dev-ca';
import { remoteSigner, type RemoteSignerOptions } from '../../../functions/lib/receipts/remote-signer';
import { CertificateNotValidError, SigningUnavailableError } from '../../../functions/lib/receipts/signer';
import { signXml, trustAnchorsFromPem, verifySignedXml } from '../../../functions/lib/receipts/xml-signature';
import { agency, sampleReceipt } from '../../support/e-receipt-fixtures';
import { startRemoteSignerStandIn, type StandIn, type StandInOptions } from '../../support/remote-signer-stand-in';
import { xmlsecVerify } from '../../support/xml-tools';

const now = new Date();
const DAY = 86_400_000;
let ca: DevCertificateAuthority;
let issued: IssuedCertificate;
let standIn: StandIn;
const stopAfter: StandIn[] = [];

const credentials = { clientId: 'motcua-pay', clientSecret: 'stand-in secret', userId: agency.taxCode };

function standInOptions(cert: IssuedCertificate, extra: Partial<StandInOptions> = {}): StandInOptions {
  return {
    key: createPrivateKey(cert.privateKeyPem),
    certificate: new X509Certificate(cert.certificatePem),
    caCertificate: new X509Certificate(ca.certificatePem),
    ...credentials,
    ...extra,
  };
}

async function freshStandIn(extra: Partial<StandInOptions> = {}, cert = issued): Promise<StandIn> {
  const started = await startRemoteSignerStandIn(standInOptions(cert, extra));
  stopAfter.push(started);
  return started;
}

function signerFor(server: StandIn, options: Partial<RemoteSignerOptions> = {}) {
  return remoteSigner({ baseUrl: server.url, ...credentials, requestTimeoutMs: 1_000, signTimeoutMs: 3_000, pollIntervalMs: 20, ...options });
}

function receiptNow(): string {
  const year = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(2, 4);
  return buildReceiptXml(sampleReceipt({ symbol: `${year}TMT`, issuedAt: now.toISOString() }));
}

async function unavailable(promise: Promise<unknown>): Promise<SigningUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SigningUnavailableError);
  return error as SigningUnavailableError;
}

beforeAll(async () => {
  ca = createDevCa({ now });
  issued = issueAgencyCertificate(ca, { name: agency.name, taxCode: agency.taxCode }, { now });
  standIn = await freshStandIn({ waitingPolls: 3 });
});

afterAll(async () => {
  await Promise.all(stopAfter.map((s) => s.close()));
});

describe('the remote signer against its stand-in, over HTTP', () => {
  it('fetches the certificate, submits the hash, polls until signed: xmlsec1 and our verifier accept the receipt', async () => {
    const signer = signerFor(standIn);
    const { leaf } = await signer.certificate();
    expect(leaf.serialNumber).toBe(new X509Certificate(issued.certificatePem).serialNumber);

    const before = standIn.requests.length;
    const signed = await signXml(receiptNow(), signer, { signingTime: now });
    const calls = standIn.requests.slice(before);
    expect(calls[0]).toBe('/v1/signatures/sign');
    expect(calls.filter((path) => path.endsWith('/status'))).toHaveLength(4); // three "waiting", then signed
    expect(standIn.requests.filter((path) => path === '/v1/credentials/get_certificate')).toHaveLength(1); // kept once fetched

    expect(xmlsecVerify(signed, ca.certificatePem, RECEIPT.data)).toMatchObject({ ok: true });
    expect(verifySignedXml(signed, { trustAnchors: trustAnchorsFromPem(ca.certificatePem) })).toMatchObject({
      ok: true,
      signer: { organisation: agency.name, taxCode: agency.taxCode },
    });
  });

  it('a sign request left unanswered is a timeout, within the request bound', async () => {
    const server = await freshStandIn({ behaviour: 'hang' });
    const started = Date.now();
    const error = await unavailable(signXml(receiptNow(), signerFor(server, { requestTimeoutMs: 300 }), { signingTime: now }));
    expect(error.reason).toBe('timeout');
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/did not answer \/v1\/signatures\/sign within 300 ms/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a transaction nobody approves is a timeout at the signing bound', async () => {
    const server = await freshStandIn({ behaviour: 'never-sign' });
    const started = Date.now();
    const error = await unavailable(signXml(receiptNow(), signerFor(server, { signTimeoutMs: 400, pollIntervalMs: 50 }), { signingTime: now }));
    expect(error.reason).toBe('timeout');
    expect(error.message).toMatch(/did not sign within 400 ms \(transaction .+ still waiting\)/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a refused transaction, wrong credentials, a broken or unreachable service, a bad signature: each a clear 503', async () => {
    const refusing = await freshStandIn({ behaviour: 'refuse' });
    expect((await unavailable(signXml(receiptNow(), signerFor(refusing), { signingTime: now }))).message).toMatch(/was refused/);

    const wrongSecret = remoteSigner({ baseUrl: standIn.url, ...credentials, clientSecret: 'wrong', requestTimeoutMs: 1_000 });
    const refused = await unavailable(wrongSecret.certificate());
    expect(refused).toMatchObject({ reason: 'refused' });
    expect(refused.message).toMatch(/refused our credentials \(HTTP 401\)/);
    expect(refused.message).not.toContain('wrong'); // the secret is never echoed

    const broken = await freshStandIn({ behaviour: 'broken' });
    expect(await unavailable(signerFor(broken).certificate())).toMatchObject({ reason: 'unreachable' });

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await unavailable(remoteSigner({ baseUrl: `http://127.0.0.1:${port}`, ...credentials }).certificate())).toMatchObject({ reason: 'unreachable' });

    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const lying = await freshStandIn({ behaviour: 'wrong-signature', otherKey });
    const lie = await unavailable(signXml(receiptNow(), signerFor(lying), { signingTime: now }));
    expect(lie).toMatchObject({ reason: 'invalid-response' });
    expect(lie.message).toMatch(/does not verify with its certificate/);
  });

  it('a certificate the service could not give is asked for again next time', async () => {
    const server = await freshStandIn({ behaviour: 'broken' });
    const signer = signerFor(server);
    await unavailable(signer.certificate());
    server.set('sign');
    await expect(signer.certificate()).resolves.toMatchObject({ leaf: expect.any(X509Certificate) });
  });

  it('an expired certificate at the service is refused before any hash is sent', async () => {
    const expired = issueAgencyCertificate(ca, agency, { now, validFrom: new Date(now.getTime() - 400 * DAY), validTo: new Date(now.getTime() - DAY) });
    const server = await freshStandIn({}, expired);
    await expect(signXml(receiptNow(), signerFor(server), { signingTime: now })).rejects.toBeInstanceOf(CertificateNotValidError);
    expect(server.requests).toEqual(['/v1/credentials/get_certificate']);
    expect(server.signed).toEqual([]);
  });
});
