/**
 * Which signer signs an agency's receipts (Decree 254/2026/NĐ-CP Art. 23.2: the
 * collecting organisation's digital signature), and which CAs a receipt's certificate
 * must chain to. Deployed: each agency's PKCS#12 (key and CA-issued certificate) from the
 * RECEIPT_SIGNERS secret, read and checked when the function starts (a malformed file or
 * a wrong password stops it, never an unsigned receipt). Development: a test CA and one
 * certificate per agency, made on first use (and kept in a file for `npm start`, so
 * receipts signed before a restart still check).
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { createDevCa, issueAgencyCertificate, type DevCertificateAuthority } from './dev-ca';
import { pkcs12Signer } from './pkcs12-signer';
import { SignerConfigError, type ReceiptSigner } from './signer';
import { trustAnchorsFromPem } from './xml-signature';

export interface SigningAgency {
  id: string;
  name: string;
  taxCode: string;
}

export interface ReceiptSigners {
  /** The signer of this agency's receipts; SignerConfigError when it has none. */
  signerFor(agency: SigningAgency): Promise<ReceiptSigner>;
  /** The CA certificates a receipt's signing certificate must chain to. */
  trustAnchors(): X509Certificate[];
}

const DEV_VALIDITY_MS = 5 * 365 * 86_400_000;

const signerSecret = z.record(z.string().min(1).max(64), z.strictObject({ pkcs12: z.string().min(1), password: z.string() }));

/**
 * From configuration: RECEIPT_SIGNERS, JSON `{"<agencyId>": {"pkcs12": "<base64 .p12>",
 * "password": "..."}}`, and RECEIPT_TRUST_ANCHORS, the PEM of the CA certificates
 * (the licensed CAs' roots and intermediates the agencies' certificates chain to).
 */
export function pkcs12ReceiptSigners(env: NodeJS.ProcessEnv, now: Date): ReceiptSigners {
  let parsed: z.output<typeof signerSecret>;
  try {
    parsed = signerSecret.parse(JSON.parse(env.RECEIPT_SIGNERS ?? ''));
  } catch {
    throw new SignerConfigError('RECEIPT_SIGNERS must be JSON {"<agencyId>": {"pkcs12": "<base64>", "password": "..."}}');
  }
  // Every file opened now: a wrong password or a certificate outside its validity stops the start.
  const signers = new Map(Object.entries(parsed).map(([id, material]) => [id, pkcs12Signer({ ...material, at: now })]));
  const anchors = trustAnchorsFromPem(env.RECEIPT_TRUST_ANCHORS ?? '');
  if (!anchors.length) throw new SignerConfigError('RECEIPT_TRUST_ANCHORS must hold the PEM certificate(s) of the CA(s) that issued the agencies\' certificates');
  return {
    async signerFor(agency) {
      const signer = signers.get(agency.id);
      if (!signer) throw new SignerConfigError(`no receipt signing certificate for agency ${agency.id} in RECEIPT_SIGNERS`);
      return signer;
    },
    trustAnchors: () => anchors,
  };
}

/**
 * Development signers: one test CA (in `caFile` when given, made there on first use) and
 * a certificate per agency whose subject names its tax code, issued on first use.
 */
export function devReceiptSigners(options: { now: () => Date; caFile?: string }): ReceiptSigners {
  let ca: DevCertificateAuthority | undefined;
  const authority = (): DevCertificateAuthority => {
    if (ca) return ca;
    if (options.caFile && existsSync(options.caFile)) {
      ca = JSON.parse(readFileSync(options.caFile, 'utf8')) as DevCertificateAuthority;
    } else {
      // Valid five years back and ahead: development and tests sign at simulated times too.
      ca = createDevCa({ now: new Date(options.now().getTime() - DEV_VALIDITY_MS), years: 15 });
      if (options.caFile) {
        mkdirSync(path.dirname(options.caFile), { recursive: true });
        writeFileSync(options.caFile, JSON.stringify(ca), { mode: 0o600 });
      }
    }
    return ca;
  };
  const signers = new Map<string, ReceiptSigner>();
  return {
    async signerFor(agency) {
      let signer = signers.get(agency.id);
      if (!signer) {
        const now = options.now();
        const issued = issueAgencyCertificate(authority(), { name: agency.name, taxCode: agency.taxCode }, {
          now,
          validFrom: new Date(now.getTime() - DEV_VALIDITY_MS),
          validTo: new Date(now.getTime() + DEV_VALIDITY_MS),
        });
        signer = pkcs12Signer({ pkcs12: issued.pkcs12, password: issued.password });
        signers.set(agency.id, signer);
      }
      return signer;
    },
    trustAnchors: () => trustAnchorsFromPem(authority().certificatePem),
  };
}

/** The deployment's signers: PKCS#12 from configuration, or in development the test CA. */
export function receiptSignersFrom(env: NodeJS.ProcessEnv, now: () => Date, devCaFile?: string): ReceiptSigners {
  if (env.RECEIPT_SIGNERS) return pkcs12ReceiptSigners(env, now());
  if (env.NODE_ENV === 'production') throw new SignerConfigError('RECEIPT_SIGNERS is required in production: receipts must be signed with each agency\'s CA-issued certificate');
  return devReceiptSigners({ now, ...(devCaFile ? { caFile: devCaFile } : {}) });
}
