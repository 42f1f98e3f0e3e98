/**
 * A test certificate authority and one certificate per agency, for development and tests
 * only: in production the certificate comes from a licensed Vietnamese CA (VNPT-CA,
 * Viettel-CA, FPT-CA...). The agency's subject is laid out the way those CAs lay out an
 * organisation's certificate: UID=MST:<tax code>, CN=<name>, ST=<province>, C=VN.
 *
 * Pure JavaScript (node-forge builds the certificates and the PKCS#12; Node makes the RSA
 * keys), so it runs where the openssl command does not.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** The PKCS#12 password of development material. Public: never a production secret. */
export const DEV_PKCS12_PASSWORD = 'motcua-dev-receipts';

export interface DevCertificateAuthority {
  certificatePem: string;
  privateKeyPem: string;
}

export interface IssuedCertificate {
  certificatePem: string;
  privateKeyPem: string;
  /** Key, certificate and the CA certificate as a PKCS#12 file, base64: what a Secrets Manager secret holds. */
  pkcs12: string;
  password: string;
}

export interface AgencyIdentity {
  name: string;
  taxCode: string;
  /** The province, for ST. */
  province?: string;
}

const DAY_MS = 86_400_000;
const UID = '0.9.2342.19200300.100.1.1';

function rsaKeyPair(bits: number): { privateKeyPem: string; publicKey: forge.pki.rsa.PublicKey } {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: pair.privateKey, publicKey: forge.pki.publicKeyFromPem(pair.publicKey) };
}

/** A positive serial of 16 random bytes, hexadecimal, as CAs issue them. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return bytes.toString('hex');
}

// Vietnamese names need UTF8String (forge writes the value's UTF-8 itself).
const utf8 = (shortName: string, value: string) => ({ shortName, value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class });

function sign(cert: forge.pki.Certificate, issuerKeyPem: string): string {
  cert.sign(forge.pki.privateKeyFromPem(issuerKeyPem) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** A self-signed root, valid from `now` (less a day, for clock skew) for `years`. */
export function createDevCa(options: { now: Date; name?: string; years?: number; bits?: number }): DevCertificateAuthority {
  const { privateKeyPem, publicKey } = rsaKeyPair(options.bits ?? 2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(options.now.getTime() - DAY_MS);
  cert.validity.notAfter = new Date(options.now.getTime() + (options.years ?? 10) * 365 * DAY_MS);
  const subject = [{ shortName: 'C', value: 'VN' }, utf8('O', 'motcua-pay development'), utf8('CN', options.name ?? 'motcua-pay Development CA (not for production)')];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  return { certificatePem: sign(cert, privateKeyPem), privateKeyPem };
}

/**
 * A certificate for one agency, signed by the CA, with its PKCS#12. Valid from `now` less a
 * day for `days` (365), unless validFrom/validTo say otherwise (tests make expired ones).
 */
export function issueAgencyCertificate(
  ca: DevCertificateAuthority,
  agency: AgencyIdentity,
  options: { now: Date; days?: number; validFrom?: Date; validTo?: Date; password?: string; bits?: number },
): IssuedCertificate {
  const { privateKeyPem, publicKey } = rsaKeyPair(options.bits ?? 2048);
  const caCert = forge.pki.certificateFromPem(ca.certificatePem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = options.validFrom ?? new Date(options.now.getTime() - DAY_MS);
  cert.validity.notAfter = options.validTo ?? new Date(options.now.getTime() + (options.days ?? 365) * DAY_MS);
  cert.setSubject([
    { shortName: 'C', value: 'VN' },
    ...(agency.province ? [utf8('ST', agency.province)] : []),
    utf8('CN', agency.name),
    { type: UID, value: `MST:${agency.taxCode}` },
  ]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  const certificatePem = sign(cert, ca.privateKeyPem);
  const password = options.password ?? DEV_PKCS12_PASSWORD;
  return { certificatePem, privateKeyPem, password, pkcs12: toPkcs12(privateKeyPem, [certificatePem, ca.certificatePem], password) };
}

/** A PKCS#12 (base64) of a key and its certificates, the signer's first; AES-256 encrypted. */
export function toPkcs12(privateKeyPem: string, certificatePems: readonly string[], password: string): string {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(privateKeyPem),
    certificatePems.map((pem) => forge.pki.certificateFromPem(pem)),
    password,
    { algorithm: 'aes256', generateLocalKeyId: true },
  );
  return forge.util.encode64(forge.asn1.toDer(asn1).getBytes());
}

/** A CA and one certificate per agency: what `npm start` signs with. */
export function devSigningMaterial(
  agencies: ReadonlyArray<AgencyIdentity & { id: string }>,
  options: { now: Date },
): { ca: DevCertificateAuthority; agencies: Record<string, IssuedCertificate> } {
  const ca = createDevCa({ now: options.now });
  return {
    ca,
    agencies: Object.fromEntries(agencies.map((agency) => [agency.id, issueAgencyCertificate(ca, agency, { now: options.now })])),
  };
}
