/**
 * The few lines of XML writing the e-receipt documents need: elements with escaped text
 * and attributes, no namespaces, no whitespace between elements (a signature covers every
 * character, so the bytes we write are the bytes that are signed).
 */

/** The declaration every document starts with: UTF-8, as Circular 91/2026/TT-BTC's XML is. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * Characters XML 1.0 cannot carry at all (C0 controls other than tab, line feed and carriage
 * return; lone surrogates; U+FFFE and U+FFFF). Escaping cannot help, so they are refused.
 */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function checked(value: string, where: string): string {
  const bad = NOT_XML.exec(value);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new RangeError(`${where} contains U+${code}, which XML cannot carry`);
  }
  return value;
}

/**
 * Text content. A carriage return is written as a reference: written raw, an XML parser
 * would read it back as a line feed and the signature would no longer match.
 */
export function escapeText(value: string, where = 'text'): string {
  return checked(value, where).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

/** An attribute value in double quotes; whitespace other than spaces is kept as references. */
export function escapeAttribute(value: string, where = 'attribute'): string {
  return checked(value, where)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}

/** Already-written XML, so that text and markup cannot be mixed up by accident. */
export interface Xml {
  readonly xml: string;
}

/** A leaf element with text, or nothing when the value is undefined (an optional element). */
export function leaf(name: string, value: string | number | undefined): Xml | undefined {
  if (value === undefined) return undefined;
  return { xml: `<${name}>${escapeText(String(value), name)}</${name}>` };
}

/** An element holding other elements; undefined children (optional elements left out) are skipped. */
export function element(name: string, children: ReadonlyArray<Xml | undefined>, attributes: Record<string, string> = {}): Xml {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeAttribute(value, `${name}/@${key}`)}"`)
    .join('');
  const inner = children.map((child) => child?.xml ?? '').join('');
  return { xml: inner ? `<${name}${attrs}>${inner}</${name}>` : `<${name}${attrs}/>` };
}

/** The whole document: declaration and root element. */
export function document(root: Xml): string {
  return `${XML_DECLARATION}${root.xml}`;
}
