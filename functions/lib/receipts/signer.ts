/**
 * The signer port: whatever holds the collecting organisation's key. Decree 254/2026/NĐ-CP
 * has the organisation (not a person, not the software vendor) sign each receipt, with a
 * certificate from a licensed Vietnamese CA. Organisations keep that key in a secret store
 * as a PKCS#12 file (./pkcs12-signer.ts) or with a CA's remote-signing service
 * (./remote-signer.ts, VNPT SmartCA-style); both only ever sign a SHA-256 digest, so XML
 * work (./xml-signature.ts) never depends on where the key is.
 *
 * Also here: the errors every adapter raises, and what a certificate says about its holder.
 */
import { publicDecrypt, constants, type X509Certificate } from 'node:crypto';

/** The signer's certificate, and the intermediate CA certificates up to (not including) a root, if any. */
export interface SigningCertificate {
  leaf: X509Certificate;
  chain: readonly X509Certificate[];
}

export interface ReceiptSigner {
  /** The certificate whose key signs. An adapter may fetch it once and keep it. */
  certificate(): Promise<SigningCertificate>;
  /**
   * An RSASSA-PKCS1-v1_5 signature of a SHA-256 digest (32 bytes): what the XML Signature
   * algorithm rsa-sha256 puts in SignatureValue, and what remote-signing services offer.
   */
  signDigest(sha256: Uint8Array): Promise<Uint8Array>;
}

/**
 * Signing material that cannot be used: not a PKCS#12, wrong password, no key, a key that
 * does not match its certificate... Raised when the signer is made (at start-up), so a
 * function with broken material stops instead of ever issuing an unsigned receipt.
 */
export class SignerConfigError extends Error {
  override name = 'SignerConfigError';
}

/** The certificate is expired or not yet valid at the moment of signing. Nothing was signed. */
export class CertificateNotValidError extends Error {
  override name = 'CertificateNotValidError';
  constructor(
    readonly at: Date,
    readonly validFrom: Date,
    readonly validTo: Date,
    readonly serialNumber: string,
  ) {
    const state = at < validFrom ? 'is not valid before' : 'expired on';
    const when = at < validFrom ? validFrom : validTo;
    super(`the signing certificate (serial ${serialNumber}) ${state} ${when.toISOString()}; refusing to sign at ${at.toISOString()}`);
  }
}

export type UnavailableReason = 'timeout' | 'unreachable' | 'refused' | 'invalid-response';

/**
 * The signing service did not sign in time, could not be reached, refused, or answered
 * something unusable. Nothing was signed; the caller answers 503 and numbers nothing.
 */
export class SigningUnavailableError extends Error {
  override name = 'SigningUnavailableError';
  /** The HTTP status a route answers with. */
  readonly status = 503;
  constructor(
    readonly reason: UnavailableReason,
    message: string,
  ) {
    super(message);
  }
}

export function validityOf(cert: X509Certificate): { validFrom: Date; validTo: Date } {
  return { validFrom: new Date(cert.validFrom), validTo: new Date(cert.validTo) };
}

/** Throws CertificateNotValidError unless `at` lies within the certificate's validity. */
export function assertCertificateValidAt(cert: X509Certificate, at: Date): void {
  const { validFrom, validTo } = validityOf(cert);
  if (at < validFrom || at > validTo) throw new CertificateNotValidError(at, validFrom, validTo, cert.serialNumber);
}

/**
 * The subject's attributes in certificate order, as Node prints them ("CN=..." lines with
 * RFC 2253 escapes), still escaped.
 */
function subjectLines(cert: X509Certificate): string[] {
  return cert.subject.split('\n').filter(Boolean);
}

/** The subject as an RFC 4514 string, most specific first ("UID=MST:...,CN=...,C=VN"): X509SubjectName. */
export function certificateSubjectName(cert: X509Certificate): string {
  return subjectLines(cert).reverse().join(',');
}

function unescapeValue(value: string): string {
  return value.replace(/\\([0-9A-Fa-f]{2}|.)/g, (_, c: string) => (c.length === 2 ? String.fromCharCode(parseInt(c, 16)) : c));
}

function subjectAttribute(cert: X509Certificate, key: string): string | undefined {
  for (const line of subjectLines(cert)) {
    const eq = line.indexOf('=');
    if (line.slice(0, eq) === key) return unescapeValue(line.slice(eq + 1));
  }
  return undefined;
}

/** What a receipt's verifier shows about who signed it. */
export interface SignerInfo {
  /** The organisation (the subject's O, else its CN). */
  organisation: string;
  /** The tax code Vietnamese CAs put in the subject (UID=MST:0100109106), when present. */
  taxCode?: string;
  subject: string;
  issuer: string;
  /** Hexadecimal, as the CA prints it. */
  serialNumber: string;
  validFrom: string;
  validTo: string;
}

const TAX_CODE_IN_SUBJECT = /MST:(\d{10}(?:-\d{3})?)/;

export function signerInfo(cert: X509Certificate): SignerInfo {
  const { validFrom, validTo } = validityOf(cert);
  const taxCode = TAX_CODE_IN_SUBJECT.exec(subjectAttribute(cert, 'UID') ?? cert.subject)?.[1];
  return {
    organisation: subjectAttribute(cert, 'O') ?? subjectAttribute(cert, 'CN') ?? certificateSubjectName(cert),
    ...(taxCode ? { taxCode } : {}),
    subject: certificateSubjectName(cert),
    issuer: cert.issuer.split('\n').filter(Boolean).reverse().join(','),
    serialNumber: cert.serialNumber,
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
  };
}

// DER of DigestInfo for SHA-256 (RFC 8017, section 9.2, note 1), before the 32-byte digest.
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** The DigestInfo an RSASSA-PKCS1-v1_5 signature of this SHA-256 digest encrypts. */
export function sha256DigestInfo(digest: Uint8Array): Buffer {
  if (digest.length !== 32) throw new RangeError(`a SHA-256 digest has 32 bytes, got ${digest.length}`);
  return Buffer.concat([SHA256_DIGEST_INFO, digest]);
}

/** Whether `signature` is the certificate key's RSASSA-PKCS1-v1_5 signature of this SHA-256 digest. */
export function isSignatureOfDigest(cert: X509Certificate, digest: Uint8Array, signature: Uint8Array): boolean {
  try {
    const recovered = publicDecrypt({ key: cert.publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
    return recovered.equals(sha256DigestInfo(digest));
  } catch {
    return false;
  }
}
