/**
 * The collecting organisation's signature on a receipt, daily summary or error notice:
 * the profile seen in tax-authority XML (docs/e-receipts.md), W3C XML Signature,
 * - enveloped: the ds:Signature sits in the document's signatures list (DSCKS/DVThu) and
 *   its first Reference names the data element by Id ("#data", transforms
 *   enveloped-signature then inclusive C14N, as those files list them);
 * - inclusive C14N 1.0 (http://www.w3.org/TR/2001/REC-xml-c14n-20010315), RSA-SHA256,
 *   SHA-256 digests;
 * - a second Reference to a ds:Object holding SignatureProperties/SignatureProperty
 *   (Target = the signature's Id) / SigningTime, Vietnam time;
 * - KeyInfo/X509Data with X509SubjectName and X509Certificate (the signer's, then any
 *   intermediates).
 * xml-crypto does the XML-DSig work (references, canonicalisation, digests); the key stays
 * behind the signer port, which is handed the SHA-256 digest of the canonical SignedInfo.
 *
 * verifySignedXml is our own verifier: the signature, the certificate chain to a trusted
 * CA, validity at the signing time, and who signed.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { COMMON, DATA_ID, ID_ATTRIBUTE, SIGNATURE_PROPERTY } from '../../../shared/e-receipt/names';
import { escapeText } from '../../../shared/e-receipt/xml-writer';
import { vietnamDateTime } from '../../../shared/time';
import {
  assertCertificateValidAt,
  certificateSubjectName,
  isSignatureOfDigest,
  signerInfo,
  validityOf,
  type ReceiptSigner,
  type SignerInfo,
} from './signer';

export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

const SLOT_XPATH = `/*/${COMMON.signatures}/${COMMON.collectorSignature}`;
const DATA_XPATH = `/*/*[@${ID_ATTRIBUTE}='${DATA_ID}']`;
// Paths from the root: a '//' search walks every node of a 2,000-row summary (twice).
const SIGNING_TIME_XPATH = `${SLOT_XPATH}/*[local-name(.)='Signature']/*[local-name(.)='Object'][@${ID_ATTRIBUTE}='${SIGNATURE_PROPERTY.objectId}']`;

function base64Der(cert: X509Certificate): string {
  return cert.raw.toString('base64');
}

/**
 * Signs an unsigned document from shared/e-receipt (its collecting organisation's place in
 * the signatures list empty). Checks the certificate's validity at `signingTime` before
 * asking the signer for anything; a signature the signer returns is checked against the
 * certificate before it is used. Errors of the signer (SigningUnavailableError...) pass
 * through; no partly signed document is ever returned.
 */
export async function signXml(xml: string, signer: ReceiptSigner, options: { signingTime: Date }): Promise<string> {
  const { leaf, chain } = await signer.certificate();
  assertCertificateValidAt(leaf, options.signingTime);
  if (leaf.publicKey.asymmetricKeyType !== 'rsa') throw new RangeError('the signing certificate must hold an RSA key (the profile is RSA-SHA256)');

  const subjectName = escapeText(certificateSubjectName(leaf));
  const certificates = [leaf, ...chain].map((cert) => `<X509Certificate>${base64Der(cert)}</X509Certificate>`).join('');
  const signingTime = vietnamDateTime(options.signingTime);
  const sig = new SignedXml({
    canonicalizationAlgorithm: C14N,
    signatureAlgorithm: RSA_SHA256,
    // xml-crypto insists on a key; ours stays behind the port, reached through RemoteRsaSha256 below.
    privateKey: 'held by the signer port',
    getKeyInfoContent: () => `<X509Data><X509SubjectName>${subjectName}</X509SubjectName>${certificates}</X509Data>`,
    objects: [
      {
        content:
          `<SignatureProperties><SignatureProperty Target="#${SIGNATURE_PROPERTY.signatureId}">` +
          `<${SIGNATURE_PROPERTY.signingTime}>${signingTime}</${SIGNATURE_PROPERTY.signingTime}>` +
          `</SignatureProperty></SignatureProperties>`,
        attributes: { Id: SIGNATURE_PROPERTY.objectId },
      },
    ],
  });

  class RemoteRsaSha256 {
    getAlgorithmName() {
      return RSA_SHA256;
    }
    getSignature(signedInfo: string | Buffer, _key: unknown, callback?: (error: Error | null, signature?: string) => void): string | void {
      if (!callback) throw new Error('the signer port signs asynchronously');
      const digest = createHash('sha256').update(signedInfo).digest();
      signer.signDigest(digest).then(
        (signature) => {
          if (!isSignatureOfDigest(leaf, digest, signature)) {
            callback(new Error('the signer returned a signature that does not verify with its own certificate'));
          } else {
            callback(null, Buffer.from(signature).toString('base64'));
          }
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }
    verifySignature(): boolean {
      throw new Error('signing only');
    }
  }
  sig.SignatureAlgorithms = { [RSA_SHA256]: RemoteRsaSha256 as never };
  sig.idAttributes = [ID_ATTRIBUTE];
  sig.addReference({ xpath: DATA_XPATH, transforms: [ENVELOPED_SIGNATURE, C14N], digestAlgorithm: SHA256 });
  sig.addReference({ xpath: SIGNING_TIME_XPATH, transforms: [C14N], digestAlgorithm: SHA256 });

  const signed = await new Promise<SignedXml>((resolve, reject) => {
    try {
      sig.computeSignature(
        xml,
        { location: { reference: SLOT_XPATH, action: 'append' }, attrs: { Id: SIGNATURE_PROPERTY.signatureId } },
        (error, result) => (error || !result ? reject(error ?? new Error('no signature computed')) : resolve(result)),
      );
    } catch (error) {
      reject(error);
    }
  });
  return signed.getSignedXml();
}

// ---------------------------------------------------------------------------------------
// Verifying

export type XmlSignatureRejection =
  /** Not well-formed XML, a DOCTYPE, or too large. */
  | 'malformed'
  /** No signature, more than one, or not in the collecting organisation's place. */
  | 'no-signature'
  /** Algorithms or references other than the profile's. */
  | 'unexpected-profile'
  /** No usable certificate in KeyInfo, or X509SubjectName is not its subject. */
  | 'bad-certificate'
  /** The certificate does not lead to a trusted CA. */
  | 'untrusted-certificate'
  /** A digest or the signature value does not match: the document was changed. */
  | 'bad-signature'
  /** The certificate (or a CA above it) was not valid at the signing time, or the signing time is in the future. */
  | 'certificate-not-valid-at-signing-time';

export type XmlSignatureVerification =
  | {
      ok: true;
      signer: SignerInfo;
      /** ISO 8601 instant. */
      signingTime: string;
      /** The canonical XML of the signed data element: read the document from this, not from the input. */
      signedData: string;
    }
  | { ok: false; reason: XmlSignatureRejection; detail?: string };

export interface VerifyOptions {
  /** The CA certificates trusted as roots (see trustAnchorsFromPem). */
  trustAnchors: ReadonlyArray<X509Certificate>;
  /** Refuse signing times after this instant (plus five minutes for clocks). */
  now?: Date;
}

/** A generous bound: a day's summary of 2,000 receipts is about 1 MB. */
export const MAX_SIGNED_XML_LENGTH = 50_000_000;
const CLOCK_SKEW_MS = 5 * 60_000;
const SIGNING_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;

function strictParse(xml: string): Document | undefined {
  let failed = false;
  const doc = new DOMParser({
    errorHandler: {
      warning: () => (failed = true),
      error: () => (failed = true),
      fatalError: () => (failed = true),
    },
  }).parseFromString(xml, 'text/xml');
  if (failed || !doc?.documentElement || doc.doctype) return undefined;
  return doc as unknown as Document;
}

function elementChildren(node: Node): Element[] {
  const out: Element[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (child.nodeType === 1) out.push(child as Element);
  return out;
}

/** Walks from the leaf to a trust anchor through the intermediates; the path (leaf first) or undefined. */
function chainToAnchor(leaf: X509Certificate, intermediates: X509Certificate[], anchors: ReadonlyArray<X509Certificate>): X509Certificate[] | undefined {
  const path = [leaf];
  let current = leaf;
  for (let depth = 0; depth < 6; depth++) {
    const issuedBy = (candidate: X509Certificate) => current.checkIssued(candidate) && current.verify(candidate.publicKey);
    const anchor = anchors.find(issuedBy);
    if (anchor) return [...path, anchor];
    const next = intermediates.find((candidate) => !path.includes(candidate) && issuedBy(candidate));
    if (!next) return undefined;
    path.push(next);
    current = next;
  }
  return undefined;
}

function refuse(reason: XmlSignatureRejection, detail?: string): XmlSignatureVerification {
  return { ok: false, reason, ...(detail ? { detail } : {}) };
}

/** Whether a signed document holds: never throws. */
export function verifySignedXml(xml: string, options: VerifyOptions): XmlSignatureVerification {
  try {
    return verify(xml, options);
  } catch (error) {
    return refuse('bad-signature', (error as Error).message);
  }
}

function verify(xml: string, options: VerifyOptions): XmlSignatureVerification {
  if (typeof xml !== 'string' || xml.length > MAX_SIGNED_XML_LENGTH) return refuse('malformed');
  const doc = strictParse(xml);
  if (!doc) return refuse('malformed');

  const signatures = Array.from(doc.getElementsByTagNameNS(XMLDSIG_NS, 'Signature'));
  if (signatures.length !== 1) return refuse('no-signature', `${signatures.length} signatures`);
  const signature = signatures[0]!;
  const slot = signature.parentNode as Element | null;
  const list = slot?.parentNode as Element | null;
  if (slot?.nodeName !== COMMON.collectorSignature || list?.nodeName !== COMMON.signatures || list.parentNode !== doc.documentElement) {
    return refuse('no-signature', 'the signature is not in the collecting organisation\'s place');
  }
  const data = elementChildren(doc.documentElement)[0];
  if (!data || data.getAttribute(ID_ATTRIBUTE) !== DATA_ID) return refuse('unexpected-profile', 'the first element is not the data element');

  const sig = new SignedXml({ getCertFromKeyInfo: () => null });
  // Our documents name elements by Id only (as xmlsec1 is told with --id-attr:Id); each
  // further spelling xml-crypto tries (ID, id) is one more XPath search of the whole document.
  sig.idAttributes = [ID_ATTRIBUTE];
  sig.loadSignature(signature);
  const references = sig.getReferences();
  const [dataRef, timeRef] = references;
  const profile =
    sig.canonicalizationAlgorithm === C14N &&
    sig.signatureAlgorithm === RSA_SHA256 &&
    references.length === 2 &&
    dataRef?.uri === `#${DATA_ID}` &&
    dataRef.digestAlgorithm === SHA256 &&
    dataRef.transforms.every((t) => t === ENVELOPED_SIGNATURE || t === C14N) &&
    timeRef?.uri === `#${SIGNATURE_PROPERTY.objectId}` &&
    timeRef.digestAlgorithm === SHA256 &&
    timeRef.transforms.every((t) => t === C14N);
  if (!profile) return refuse('unexpected-profile');

  const x509Data = Array.from(signature.getElementsByTagNameNS(XMLDSIG_NS, 'X509Data'));
  if (x509Data.length !== 1) return refuse('bad-certificate', 'expected one X509Data');
  const certificates: X509Certificate[] = [];
  for (const node of Array.from(x509Data[0]!.getElementsByTagNameNS(XMLDSIG_NS, 'X509Certificate'))) {
    try {
      certificates.push(new X509Certificate(Buffer.from((node.textContent ?? '').replace(/\s+/g, ''), 'base64')));
    } catch {
      return refuse('bad-certificate', 'an X509Certificate does not parse');
    }
  }
  const [leaf, ...intermediates] = certificates;
  if (!leaf) return refuse('bad-certificate', 'no X509Certificate');
  const subjectNames = Array.from(x509Data[0]!.getElementsByTagNameNS(XMLDSIG_NS, 'X509SubjectName'));
  if (subjectNames.length !== 1 || subjectNames[0]!.textContent !== certificateSubjectName(leaf)) {
    return refuse('bad-certificate', 'X509SubjectName is not the certificate\'s subject');
  }
  const path = chainToAnchor(leaf, intermediates, options.trustAnchors);
  if (!path) return refuse('untrusted-certificate');

  sig.publicCert = leaf.toString();
  let valid: boolean;
  try {
    valid = sig.checkSignature(xml);
  } catch (error) {
    return refuse('bad-signature', (error as Error).message);
  }
  if (!valid) return refuse('bad-signature');

  const [signedData, signedTime] = sig.getSignedReferences();
  if (signedData === undefined || signedTime === undefined) return refuse('bad-signature', 'signed references missing');
  const timeDoc = strictParse(signedTime);
  const property = timeDoc?.getElementsByTagNameNS(XMLDSIG_NS, 'SignatureProperty')[0];
  const timeText = timeDoc?.getElementsByTagNameNS(XMLDSIG_NS, SIGNATURE_PROPERTY.signingTime)[0]?.textContent ?? '';
  if (!property || property.getAttribute('Target') !== `#${signature.getAttribute('Id')}` || !SIGNING_TIME.test(timeText)) {
    return refuse('unexpected-profile', 'no signing time for this signature');
  }
  const signingTime = new Date(timeText);
  for (const cert of path) {
    const { validFrom, validTo } = validityOf(cert);
    if (signingTime < validFrom || signingTime > validTo) return refuse('certificate-not-valid-at-signing-time');
  }
  if (options.now && signingTime.getTime() > options.now.getTime() + CLOCK_SKEW_MS) {
    return refuse('certificate-not-valid-at-signing-time', 'the signing time is in the future');
  }
  return { ok: true, signer: signerInfo(leaf), signingTime: signingTime.toISOString(), signedData };
}

/** Parses trust anchors from PEM text (one or more certificates). */
export function trustAnchorsFromPem(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new X509Certificate(block));
}
