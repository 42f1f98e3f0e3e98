/**
 * The signer adapter for a key held as a PKCS#12 file (a .p12/.pfx, base64, and its
 * password), as an organisation's certificate is exported from a CA's token and kept in
 * Secrets Manager. Everything is checked when the signer is made, once per cold start: a
 * file that is not PKCS#12, a wrong password, no key, no certificate for the key, or a
 * certificate already outside its validity (when `at` is given) is a SignerConfigError,
 * so the function stops instead of issuing a receipt it cannot sign.
 *
 * node-forge reads the PKCS#12 (Node's crypto cannot); Node's crypto signs.
 */
import { X509Certificate, constants, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import {
  CertificateNotValidError,
  SignerConfigError,
  assertCertificateValidAt,
  sha256DigestInfo,
  type ReceiptSigner,
  type SigningCertificate,
} from './signer';

export interface Pkcs12Options {
  /** The PKCS#12 file, base64 (whitespace allowed). */
  pkcs12: string;
  password: string;
  /** When given, a certificate not valid at this instant is refused now rather than at the first receipt. */
  at?: Date;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function readPkcs12(options: Pkcs12Options): forge.pkcs12.Pkcs12Pfx {
  const base64 = options.pkcs12.replace(/\s+/g, '');
  if (!base64 || base64.length % 4 !== 0 || !BASE64.test(base64)) {
    throw new SignerConfigError('the receipt signing PKCS#12 is not base64 (expected the .p12 file, base64-encoded)');
  }
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.decode64(base64));
  } catch {
    throw new SignerConfigError('the receipt signing PKCS#12 is not a PKCS#12 file (its base64 does not decode to DER)');
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, options.password);
  } catch (error) {
    const message = (error as Error).message ?? '';
    if (/MAC could not be verified|Invalid password/i.test(message)) {
      throw new SignerConfigError('the receipt signing PKCS#12 password is wrong, or the file is damaged (its integrity check failed)');
    }
    const retried = /[^\x00-\x7f]/.test(options.password) ? readWithUtf8Password(asn1, options.password) : undefined;
    if (retried) return retried;
    throw new SignerConfigError(`the receipt signing PKCS#12 cannot be read (${message || 'unknown structure'})`);
  }
}

/**
 * PBES2, OpenSSL 3's default encryption, derives its key from the password's UTF-8 bytes;
 * forge hands it the password one byte per character, which only works for ASCII. The
 * MAC (over the password as BMPString, which forge gets right) was checked by the first
 * attempt, so this one reads the file without it, with the password as UTF-8 bytes.
 */
function readWithUtf8Password(asn1: forge.asn1.Asn1, password: string): forge.pkcs12.Pkcs12Pfx | undefined {
  try {
    const parts = asn1.value as forge.asn1.Asn1[];
    const withoutMac = forge.asn1.create(asn1.tagClass, asn1.type, asn1.constructed, parts.slice(0, 2));
    return forge.pkcs12.pkcs12FromAsn1(withoutMac, forge.util.encodeUtf8(password));
  } catch {
    return undefined;
  }
}

function keyOf(p12: forge.pkcs12.Pkcs12Pfx): KeyObject {
  const bags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const keys = bags.filter((bag) => bag.key);
  if (keys.length !== 1) {
    throw new SignerConfigError(`the receipt signing PKCS#12 must hold exactly one private key (RSA), found ${keys.length}`);
  }
  try {
    return createPrivateKey(forge.pki.privateKeyToPem(keys[0]!.key!));
  } catch (error) {
    throw new SignerConfigError(`the receipt signing PKCS#12's private key cannot be used (${(error as Error).message})`);
  }
}

function certificatesOf(p12: forge.pkcs12.Pkcs12Pfx): X509Certificate[] {
  const bags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  return bags.map((bag, i) => {
    // forge parses RSA certificates only; it keeps the raw ASN.1 of others.
    const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
    try {
      return new X509Certificate(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
    } catch (error) {
      throw new SignerConfigError(`certificate ${i + 1} in the receipt signing PKCS#12 is malformed (${(error as Error).message})`);
    }
  });
}

/** A signer over the key and certificate of a PKCS#12 file. Throws SignerConfigError (see above). */
export function pkcs12Signer(options: Pkcs12Options): ReceiptSigner {
  const p12 = readPkcs12(options);
  const key = keyOf(p12);
  if (key.asymmetricKeyType !== 'rsa') {
    throw new SignerConfigError(`the receipt signing key must be RSA (the profile is RSA-SHA256), got ${key.asymmetricKeyType}`);
  }
  const certificates = certificatesOf(p12);
  const leaf = certificates.find((cert) => cert.checkPrivateKey(key));
  if (!leaf) throw new SignerConfigError('the receipt signing PKCS#12 holds no certificate for its private key');
  if (options.at) {
    try {
      assertCertificateValidAt(leaf, options.at);
    } catch (error) {
      if (error instanceof CertificateNotValidError) throw new SignerConfigError(error.message);
      throw error;
    }
  }
  // Intermediates only: the root is what a verifier trusts, not something we send.
  const chain = certificates.filter((cert) => cert !== leaf && !cert.checkIssued(cert));
  const certificate: SigningCertificate = { leaf, chain };
  return {
    certificate: async () => certificate,
    signDigest: async (digest) => privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, sha256DigestInfo(digest)),
  };
}
