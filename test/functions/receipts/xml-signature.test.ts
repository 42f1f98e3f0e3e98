import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { AGENCIES } from '../../../shared/catalogue';
import { NOTICE, RECEIPT, SUMMARY } from '../../../shared/e-receipt/names';
import { buildErrorNoticeXml } from '../../../shared/e-receipt/notice-xml';
import { buildReceiptXml } from '../../../shared/e-receipt/receipt-xml';
import { buildDailySummaryXml } from '../../../shared/e-receipt/summary-xml';
import { createDevCa, devSigningMaterial, issueAgencyCertificate, toPkcs12, type DevCertificateAuthority, type IssuedCertificate } from '../../../functions/lib/receipts/dev-ca';
import { pkcs12Signer } from '../../../functions/lib/receipts/pkcs12-signer';
import { CertificateNotValidError, SignerConfigError, type ReceiptSigner } from '../../../functions/lib/receipts/signer';
import { signXml, trustAnchorsFromPem, verifySignedXml } from '../../../functions/lib/receipts/xml-signature';
import { agency, sampleNotice, sampleReceipt, sampleSummary } from '../../support/e-receipt-fixtures';
import { SCHEMAS, xmllintValidate, xmlsecVerify } from '../../support/xml-tools';

const now = new Date();
let ca: DevCertificateAuthority;
let issued: IssuedCertificate;
let signer: ReceiptSigner;
let signedReceipt: string;

/** A receipt issued now (xmlsec1 checks the certificate at the present time). */
function receiptNow() {
  const year = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(2, 4);
  return buildReceiptXml(sampleReceipt({ symbol: `${year}TMT`, issuedAt: now.toISOString() }));
}

function counting(inner: ReceiptSigner): ReceiptSigner & { calls: number } {
  const wrapper = {
    calls: 0,
    certificate: () => inner.certificate(),
    signDigest: (digest: Uint8Array) => {
      wrapper.calls++;
      return inner.signDigest(digest);
    },
  };
  return wrapper;
}

beforeAll(async () => {
  ca = createDevCa({ now });
  issued = issueAgencyCertificate(ca, { name: agency.name, taxCode: agency.taxCode, province: 'Vĩnh Long' }, { now });
  signer = pkcs12Signer({ pkcs12: issued.pkcs12, password: issued.password, at: now });
  signedReceipt = await signXml(receiptNow(), signer, { signingTime: now });
});

const anchors = () => trustAnchorsFromPem(ca.certificatePem);

describe('a receipt signed with the PKCS#12 adapter', () => {
  it('carries the profile: enveloped, inclusive C14N, RSA-SHA256, SigningTime, X509SubjectName and X509Certificate', () => {
    const signature = signedReceipt.slice(signedReceipt.indexOf('<Signature '));
    expect(signedReceipt).toContain('<DSCKS><DVThu><Signature Id="collector-signature" xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>');
    expect(signature).toContain('<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>');
    expect(signature).toContain('<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>');
    expect(signature).toContain('<Reference URI="#data"><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>');
    expect(signature).toContain('<Reference URI="#SigningTime">');
    expect(signature).toMatch(/<X509SubjectName>UID=MST:9900000202,CN=Ủy ban nhân dân xã Giồng Trôm,ST=Vĩnh Long,C=VN<\/X509SubjectName><X509Certificate>MII/);
    expect(signature).toMatch(/<Object Id="SigningTime"><SignatureProperties><SignatureProperty Target="#collector-signature"><SigningTime>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00<\/SigningTime>/);
    expect(signedReceipt.startsWith('<?xml version="1.0" encoding="UTF-8"?><BLai>')).toBe(true);
  });

  it('validates against the receipt XSD (xmllint), signature included', () => {
    expect(xmllintValidate(SCHEMAS.receipt, [signedReceipt])).toMatchObject({ ok: true });
  });

  it('verifies with xmlsec1, trusting only our CA', () => {
    const result = xmlsecVerify(signedReceipt, ca.certificatePem, RECEIPT.data);
    expect(result.output).toContain('OK');
    expect(result.ok).toBe(true);
  });

  it('verifies with our verifier, which names the signer', () => {
    const result = verifySignedXml(signedReceipt, { trustAnchors: anchors(), now });
    expect(result).toMatchObject({
      ok: true,
      signer: {
        organisation: agency.name,
        taxCode: agency.taxCode,
        serialNumber: forge.pki.certificateFromPem(issued.certificatePem).serialNumber.toUpperCase(),
      },
      signingTime: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(),
    });
    if (!result.ok) return;
    expect(new Date(result.signer.validFrom) < now && now < new Date(result.signer.validTo)).toBe(true);
    expect(result.signedData.startsWith('<DLBLai Id="data">')).toBe(true);
  });

  it('is refused by both after any one character of its data changes', () => {
    const start = signedReceipt.indexOf('<DLBLai');
    const end = signedReceipt.indexOf('</DLBLai>') + '</DLBLai>'.length;
    const replacement = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzđư');
    const tampered = (position: number, c: string) => {
      const original = signedReceipt[position]!;
      const next = c === original ? (c === '0' ? '1' : '0') : c;
      return signedReceipt.slice(0, position) + next + signedReceipt.slice(position + 1);
    };
    // Ours at many positions (fast), xmlsec1 at a sample of them (a process each).
    fc.assert(
      fc.property(fc.integer({ min: start, max: end - 1 }), replacement, (position, c) => {
        expect(verifySignedXml(tampered(position, c), { trustAnchors: anchors() }).ok).toBe(false);
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.integer({ min: start, max: end - 1 }), replacement, (position, c) => {
        const xml = tampered(position, c);
        expect(xmlsecVerify(xml, ca.certificatePem, RECEIPT.data).ok).toBe(false);
        expect(verifySignedXml(xml, { trustAnchors: anchors() }).ok).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it('is refused by both after its signing time, digest, signature value or certificate changes', () => {
    const edits = [
      signedReceipt.replace(/(<SigningTime>\d{4}-\d\d-\d\dT)(\d)/, (_, a: string, d: string) => `${a}${d === '0' ? '1' : '0'}`),
      signedReceipt.replace(/<DigestValue>(.)/, (_, c: string) => `<DigestValue>${c === 'A' ? 'B' : 'A'}`),
      signedReceipt.replace(/<SignatureValue>(.)/, (_, c: string) => `<SignatureValue>${c === 'A' ? 'B' : 'A'}`),
      signedReceipt.replace(/(<X509Certificate>.{200})(.)/, (_, a: string, c: string) => `${a}${c === 'A' ? 'B' : 'A'}`),
    ];
    for (const xml of edits) {
      expect(xml).not.toBe(signedReceipt);
      expect(verifySignedXml(xml, { trustAnchors: anchors() }).ok).toBe(false);
      expect(xmlsecVerify(xml, ca.certificatePem, RECEIPT.data).ok).toBe(false);
    }
  });

  it('is refused when its certificate comes from another CA, or is swapped for another agency\'s', () => {
    const otherCa = createDevCa({ now, name: 'Some other CA' });
    expect(verifySignedXml(signedReceipt, { trustAnchors: trustAnchorsFromPem(otherCa.certificatePem) })).toMatchObject({ ok: false, reason: 'untrusted-certificate' });
    expect(xmlsecVerify(signedReceipt, otherCa.certificatePem, RECEIPT.data).ok).toBe(false);

    const other = issueAgencyCertificate(ca, { name: 'Ủy ban nhân dân xã Lương Hòa', taxCode: '9900000103' }, { now });
    const otherDer = forge.pki.certificateFromPem(other.certificatePem);
    const swapped = signedReceipt
      .replace(/<X509Certificate>[^<]+</, `<X509Certificate>${forge.util.encode64(forge.asn1.toDer(forge.pki.certificateToAsn1(otherDer)).getBytes())}<`)
      .replace(/<X509SubjectName>[^<]+</, '<X509SubjectName>UID=MST:9900000103,CN=Ủy ban nhân dân xã Lương Hòa,C=VN<');
    expect(verifySignedXml(swapped, { trustAnchors: anchors() })).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(xmlsecVerify(swapped, ca.certificatePem, RECEIPT.data).ok).toBe(false);
  });

  it('is refused by our verifier when it is not what we sign', () => {
    const verify = (xml: string) => verifySignedXml(xml, { trustAnchors: anchors() });
    expect(verify(receiptNow())).toMatchObject({ ok: false, reason: 'no-signature' });
    expect(verify(signedReceipt.replace('<BLai>', '<!DOCTYPE BLai><BLai>'))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verify(signedReceipt.replace('</BLai>', '</BLai'))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verify(signedReceipt.replace('<X509SubjectName>UID=MST:9900000202', '<X509SubjectName>UID=MST:9900000103'))).toMatchObject({ ok: false, reason: 'bad-certificate' });
    // The signature moved out of the organisation's place, or the data wrapped in another element.
    const signature = signedReceipt.slice(signedReceipt.indexOf('<Signature '), signedReceipt.indexOf('</DVThu></DSCKS>'));
    expect(verify(signedReceipt.replace(signature, '').replace('<DSCKS>', `<DSCKS>${signature}`))).toMatchObject({ ok: false, reason: 'no-signature' });
    const data = signedReceipt.slice(signedReceipt.indexOf('<DLBLai'), signedReceipt.indexOf('<DSCKS>'));
    expect(verify(signedReceipt.replace(data, `<X>${data}</X>`)).ok).toBe(false);
    expect(verify(signedReceipt.replace('<DSCKS>', `<DSCKS>${data.replace('<SHDon>', '<SHDon>1')}`)).ok).toBe(false);
    // A signing time in the future.
    expect(verifySignedXml(signedReceipt, { trustAnchors: anchors(), now: new Date(now.getTime() - 3_600_000) })).toMatchObject({
      ok: false,
      reason: 'certificate-not-valid-at-signing-time',
    });
  });
});

describe('the daily summary and the error notice', () => {
  it('sign, validate (xmllint) and verify (xmlsec1 and ours) the same way', async () => {
    const day = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const year = day.slice(2, 4);
    const summary = sampleSummary(2_000);
    summary.day = day;
    summary.madeAt = now.toISOString();
    summary.rows = summary.rows.map((row) => ({ ...row, symbol: `${year}TMT`, issuedAt: now.toISOString() }));
    const notice = sampleNotice();
    notice.entries = notice.entries.map((entry) => ({ ...entry, symbol: `${year}TMT`, issuedAt: now.toISOString() }));
    const signedSummary = await signXml(buildDailySummaryXml(summary), signer, { signingTime: now });
    const signedNotice = await signXml(buildErrorNoticeXml(notice), signer, { signingTime: now });

    expect(xmllintValidate(SCHEMAS.summary, [signedSummary])).toMatchObject({ ok: true });
    expect(xmllintValidate(SCHEMAS.notice, [signedNotice])).toMatchObject({ ok: true });
    expect(xmlsecVerify(signedSummary, ca.certificatePem, SUMMARY.data)).toMatchObject({ ok: true });
    expect(xmlsecVerify(signedNotice, ca.certificatePem, NOTICE.data)).toMatchObject({ ok: true });
    expect(verifySignedXml(signedSummary, { trustAnchors: anchors() })).toMatchObject({ ok: true, signer: { taxCode: agency.taxCode } });
    expect(verifySignedXml(signedNotice, { trustAnchors: anchors() })).toMatchObject({ ok: true });

    const changed = signedSummary.replace('<STien>8000</STien>', '<STien>9000</STien>');
    expect(changed).not.toBe(signedSummary);
    expect(verifySignedXml(changed, { trustAnchors: anchors() })).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(xmlsecVerify(changed, ca.certificatePem, SUMMARY.data).ok).toBe(false);
  });
});

describe('certificates outside their validity', () => {
  it('an expired or not-yet-valid certificate is refused before anything is signed', async () => {
    const day = 86_400_000;
    const expired = issueAgencyCertificate(ca, agency, { now, validFrom: new Date(now.getTime() - 400 * day), validTo: new Date(now.getTime() - day) });
    const future = issueAgencyCertificate(ca, agency, { now, validFrom: new Date(now.getTime() + day), validTo: new Date(now.getTime() + 400 * day) });
    for (const cert of [expired, future]) {
      const adapter = counting(pkcs12Signer({ pkcs12: cert.pkcs12, password: cert.password }));
      await expect(signXml(receiptNow(), adapter, { signingTime: now })).rejects.toBeInstanceOf(CertificateNotValidError);
      expect(adapter.calls).toBe(0);
      expect(() => pkcs12Signer({ pkcs12: cert.pkcs12, password: cert.password, at: now })).toThrow(SignerConfigError);
    }
    await expect(signXml(receiptNow(), pkcs12Signer({ pkcs12: expired.pkcs12, password: expired.password }), { signingTime: now })).rejects.toThrow(
      /the signing certificate \(serial [0-9A-F]+\) expired on/,
    );
  });

  it('a signer that returns a signature its certificate does not verify is refused', async () => {
    const other = issueAgencyCertificate(ca, agency, { now });
    const liar: ReceiptSigner = { certificate: () => signer.certificate(), signDigest: (d) => pkcs12Signer({ pkcs12: other.pkcs12, password: other.password }).signDigest(d) };
    await expect(signXml(receiptNow(), liar, { signingTime: now })).rejects.toThrow(/does not verify with its own certificate/);
  });
});

describe('PKCS#12 material that cannot be used stops the signer at construction', () => {
  const make = (pkcs12: string, password = issued.password) => () => pkcs12Signer({ pkcs12, password });

  it('a wrong password', () => {
    expect(make(issued.pkcs12, 'not the password')).toThrow(SignerConfigError);
    expect(make(issued.pkcs12, 'not the password')).toThrow(/PKCS#12 password is wrong/);
  });

  it('what is not a PKCS#12 file', () => {
    expect(make('this is not base64!')).toThrow(/not base64/);
    expect(make('')).toThrow(/not base64/);
    expect(make(Buffer.from('hello, world').toString('base64'))).toThrow(/not a PKCS#12 file|cannot be read/);
    const certDer = Buffer.from(issued.certificatePem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    expect(make(certDer.toString('base64'))).toThrow(SignerConfigError);
    const whole = Buffer.from(issued.pkcs12, 'base64');
    expect(make(whole.subarray(0, whole.length - 40).toString('base64'))).toThrow(SignerConfigError);
  });

  it('a key without its certificate, or a certificate of another key', () => {
    // forge takes null for "no certificate" though its types do not say so.
    const noCertificate = null as unknown as forge.pki.Certificate[];
    const keyOnly = forge.util.encode64(
      forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(issued.privateKeyPem), noCertificate, 'pw', { algorithm: 'aes256' })).getBytes(),
    );
    expect(make(keyOnly, 'pw')).toThrow(/no certificate for its private key/);
    const other = issueAgencyCertificate(ca, agency, { now });
    expect(make(toPkcs12(issued.privateKeyPem, [other.certificatePem], 'pw'), 'pw')).toThrow(/no certificate for its private key/);
  });

  it('a malformed certificate', () => {
    // The certificate's signature as an OCTET STRING instead of a BIT STRING: valid DER, not a certificate.
    const cert = forge.pki.certificateFromPem(issued.certificatePem);
    const asn1 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(issued.privateKeyPem), [cert], 'pw', { algorithm: 'aes256', useMac: false });
    const der = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
    const at = der.indexOf(Buffer.from('0382010100', 'hex'));
    expect(at).toBeGreaterThan(0);
    der[at] = 0x04;
    expect(make(der.toString('base64'), 'pw')).toThrow(/certificate 1 in the receipt signing PKCS#12 is malformed/);
  });

  it.skipIf(spawnSync('openssl', ['version']).status !== 0)('reads a PKCS#12 made by OpenSSL (AES-256, PBKDF2), as CAs and tokens export them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'p12-'));
    try {
      writeFileSync(join(dir, 'key.pem'), issued.privateKeyPem);
      writeFileSync(join(dir, 'cert.pem'), issued.certificatePem + ca.certificatePem);
      const made = spawnSync('openssl', ['pkcs12', '-export', '-inkey', join(dir, 'key.pem'), '-in', join(dir, 'cert.pem'), '-out', join(dir, 'a.p12'), '-passout', 'pass:Mật-khẩu 1']);
      expect(made.status, made.stderr.toString()).toBe(0);
      const fromOpenssl = pkcs12Signer({ pkcs12: readFileSync(join(dir, 'a.p12')).toString('base64'), password: 'Mật-khẩu 1' });
      const signed = await signXml(receiptNow(), fromOpenssl, { signingTime: now });
      expect(verifySignedXml(signed, { trustAnchors: anchors() })).toMatchObject({ ok: true });
      expect(() => pkcs12Signer({ pkcs12: readFileSync(join(dir, 'a.p12')).toString('base64'), password: 'wrong' })).toThrow(/password is wrong/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('development material', () => {
  it('gives each agency a certificate whose subject names its tax code, under one CA', async () => {
    const material = devSigningMaterial(AGENCIES, { now });
    const trusted = trustAnchorsFromPem(material.ca.certificatePem);
    for (const a of AGENCIES) {
      const cert = material.agencies[a.id]!;
      const agencySigner = pkcs12Signer({ pkcs12: cert.pkcs12, password: cert.password, at: now });
      const { leaf } = await agencySigner.certificate();
      expect(leaf.subject).toContain(`UID=MST:${a.taxCode}`);
      expect(leaf.checkIssued(trusted[0]!)).toBe(true);
    }
  });
});
