/**
 * VietQR: the EMVCo merchant-presented QR as profiled by NAPAS
 * ("QR_Format_T&C_v1.0_VN_092021"). An encoder that refuses what it cannot write
 * correctly, and a strict decoder. Pure: no I/O, no clock.
 */
import { toBankAscii } from './text';

export type VietQrService = 'QRIBFTTA' | 'QRIBFTTC'; // to account / to card

export interface VietQrData {
  bankBin: string; // 6 digits
  accountNumber: string; // letters/digits, 1..19
  service: VietQrService;
  amount?: number; // integer VND, 1..499_999_999; absent => static QR, present => dynamic
  currency?: '704'; // default '704'; the decoder always reports it
  country?: 'VN'; // default 'VN'; the decoder always reports it
  merchantCategoryCode?: string; // field 52, 4 digits
  merchantName?: string; // field 59, <= 25
  merchantCity?: string; // field 60, <= 15
  billNumber?: string; // 62.01
  referenceLabel?: string; // 62.05
  terminal?: string; // 62.07
  purpose?: string; // 62.08, the transfer memo
}

export type VietQrErrorReason =
  | 'NON_ASCII' // a character outside printable ASCII
  | 'LENGTH' // TLV framing: length prefix not 01..99, value cut short, or too long to write
  | 'FORMAT' // an id that is not two digits, or a value that breaks its field's rule
  | 'ORDER' // 00 not first, or 63 not last
  | 'DUPLICATE_FIELD'
  | 'MISSING_FIELD'
  | 'UNSUPPORTED_FIELD' // a field we must not ignore and cannot honour
  | 'GUID' // field 38 is not VietQR's
  | 'AMOUNT'
  | 'INITIATION' // point of initiation unknown or inconsistent with the amount
  | 'CRC';

export class VietQrError extends Error {
  override readonly name = 'VietQrError';

  constructor(
    readonly reason: VietQrErrorReason,
    /** Where: a field path such as '38.01.00' ('' for the payload as a whole). */
    readonly field: string,
    detail: string,
  ) {
    super(field === '' ? detail : `field ${field}: ${detail}`);
  }
}

const PAYLOAD_FORMAT = '01';
const STATIC = '11';
const DYNAMIC = '12';
const VIETQR_GUID = 'A000000727';
const CURRENCY_VND = '704';
const COUNTRY_VN = 'VN';
const SERVICES: readonly string[] = ['QRIBFTTA', 'QRIBFTTC'] satisfies VietQrService[];

/** A NAPAS 247 transfer must be under 500,000,000 VND. */
const MAX_AMOUNT = 499_999_999;
const MERCHANT_NAME_MAX = 25;
const MERCHANT_CITY_MAX = 15;
const ADDITIONAL_DATA_ITEM_MAX = 25;

const BIN_PATTERN = /^\d{6}$/;
const ACCOUNT_PATTERN = /^[A-Za-z0-9]{1,19}$/;
const MCC_PATTERN = /^\d{4}$/;
/** EMVCo allows 13 characters; VND has no decimals, so digits only, no leading zero. */
const AMOUNT_PATTERN = /^[1-9]\d{0,12}$/;
const CRC_PATTERN = /^[0-9A-Fa-f]{4}$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Sub-fields of 62 we model, in the order we write them. */
const ADDITIONAL_DATA_FIELDS = [
  ['01', 'billNumber'],
  ['05', 'referenceLabel'],
  ['07', 'terminal'],
  ['08', 'purpose'],
] as const satisfies ReadonlyArray<readonly [string, keyof VietQrData]>;

/**
 * Tip or convenience fee (EMVCo 55-57) would change what the payer is asked to pay;
 * ignoring them would misstate the amount, so the decoder refuses them. Other ids we do
 * not model (other schemes' accounts, 64 language template, 80-99 templates...) cannot
 * change payee or amount and are tolerated, but the encoder never writes them.
 */
const AMOUNT_CHANGING_IDS = ['55', '56', '57'];

/** ISO/IEC 13239 CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final XOR. */
export function crc16ccitt(input: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(input)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** Free text a bank app can carry: ASCII letters, digits, single spaces, at most maxLength. */
export function cleanText(input: string, maxLength: number): string {
  return toBankAscii(input).slice(0, maxLength).trimEnd();
}

// ---------------------------------------------------------------------------
// Field rules shared by encoder and decoder, so both enforce the same thing.

function requirePattern(value: string, pattern: RegExp, field: string, what: string): string {
  if (!pattern.test(value)) throw new VietQrError('FORMAT', field, `${what} expected`);
  return value;
}

function requireExactly<T extends string>(value: string, expected: T, field: string): T {
  if (value !== expected) throw new VietQrError('FORMAT', field, `'${expected}' expected`);
  return expected;
}

function requireService(value: string, field: string): VietQrService {
  if (!SERVICES.includes(value)) throw new VietQrError('FORMAT', field, 'unknown service code');
  return value as VietQrService;
}

function requireAmount(amount: number, field: string): number {
  if (!Number.isInteger(amount) || amount < 1 || amount > MAX_AMOUNT) {
    throw new VietQrError('AMOUNT', field, `integer VND from 1 to ${MAX_AMOUNT} expected`);
  }
  return amount;
}

function requireCategory(code: string | undefined): string | undefined {
  return code === undefined ? undefined : requirePattern(code, MCC_PATTERN, '52', '4-digit MCC');
}

function requireMaxLength(value: string, max: number, field: string): string {
  if (value.length > max) throw new VietQrError('FORMAT', field, `at most ${max} characters`);
  return value;
}

// ---------------------------------------------------------------------------
// Encoder

/** One TLV field; a value that cannot be framed in 01..99 is refused, never mis-framed. */
function tlv(id: string, value: string): string {
  if (value.length < 1 || value.length > 99) {
    throw new VietQrError('LENGTH', id, `${value.length} characters do not fit a TLV field`);
  }
  return id + String(value.length).padStart(2, '0') + value;
}

/** Empty or absent values are left out rather than written as zero-length fields. */
function optionalTlv(id: string, value: string | undefined): string {
  return value === undefined || value === '' ? '' : tlv(id, value);
}

function encodeBeneficiary(data: VietQrData): string {
  const organisation =
    tlv('00', requirePattern(data.bankBin, BIN_PATTERN, '38.01.00', '6-digit BIN')) +
    tlv('01', requirePattern(data.accountNumber, ACCOUNT_PATTERN, '38.01.01', '1-19 letters or digits'));
  return tlv('00', VIETQR_GUID) + tlv('01', organisation) + tlv('02', requireService(data.service, '38.02'));
}

function encodeAdditionalData(data: VietQrData): string {
  return ADDITIONAL_DATA_FIELDS.map(([id, key]) =>
    optionalTlv(id, cleanText(data[key] ?? '', ADDITIONAL_DATA_ITEM_MAX)),
  ).join('');
}

export function encodeVietQr(data: VietQrData): string {
  const { amount } = data;
  const body =
    tlv('00', PAYLOAD_FORMAT) +
    tlv('01', amount === undefined ? STATIC : DYNAMIC) +
    tlv('38', encodeBeneficiary(data)) +
    optionalTlv('52', requireCategory(data.merchantCategoryCode)) +
    tlv('53', requireExactly(data.currency ?? CURRENCY_VND, CURRENCY_VND, '53')) +
    optionalTlv('54', amount === undefined ? undefined : String(requireAmount(amount, '54'))) +
    tlv('58', requireExactly(data.country ?? COUNTRY_VN, COUNTRY_VN, '58')) +
    optionalTlv('59', cleanText(data.merchantName ?? '', MERCHANT_NAME_MAX)) +
    optionalTlv('60', cleanText(data.merchantCity ?? '', MERCHANT_CITY_MAX)) +
    optionalTlv('62', encodeAdditionalData(data)) +
    '6304'; // the CRC covers its own id and length
  return body + crc16ccitt(body);
}

// ---------------------------------------------------------------------------
// Decoder

interface Field {
  id: string;
  value: string;
}

function fieldPath(parent: string, id: string): string {
  return parent === '' ? id : `${parent}.${id}`;
}

/** Splits a TLV run; every framing defect (bad prefix, truncation) is an error. */
function parseTlv(text: string, parent: string): Field[] {
  const fields: Field[] = [];
  let at = 0;
  while (at < text.length) {
    if (text.length - at < 4) throw new VietQrError('LENGTH', parent, `truncated field at ${at}`);
    const id = text.slice(at, at + 2);
    const length = text.slice(at + 2, at + 4);
    const path = fieldPath(parent, id);
    if (!/^\d\d$/.test(id)) throw new VietQrError('FORMAT', parent, `bad field id '${id}' at ${at}`);
    if (!/^\d\d$/.test(length) || length === '00') {
      throw new VietQrError('LENGTH', path, `bad length '${length}'`);
    }
    const end = at + 4 + Number(length);
    if (end > text.length) throw new VietQrError('LENGTH', path, `declares ${length} characters, fewer remain`);
    fields.push({ id, value: text.slice(at + 4, end) });
    at = end;
  }
  return fields;
}

function indexFields(fields: Field[], parent: string): Map<string, string> {
  const byId = new Map<string, string>();
  for (const { id, value } of fields) {
    if (byId.has(id)) throw new VietQrError('DUPLICATE_FIELD', fieldPath(parent, id), 'appears twice');
    byId.set(id, value);
  }
  return byId;
}

function parseTemplate(text: string, parent: string, allowedIds?: readonly string[]): Map<string, string> {
  const fields = indexFields(parseTlv(text, parent), parent);
  for (const id of fields.keys()) {
    if (allowedIds && !allowedIds.includes(id)) {
      throw new VietQrError('UNSUPPORTED_FIELD', fieldPath(parent, id), 'not part of this template');
    }
  }
  return fields;
}

function required(fields: Map<string, string>, id: string, parent: string): string {
  const value = fields.get(id);
  if (value === undefined) throw new VietQrError('MISSING_FIELD', fieldPath(parent, id), 'missing');
  return value;
}

function checkOrder(fields: Field[]): void {
  if (fields[0]?.id !== '00') throw new VietQrError('ORDER', '00', 'must come first');
  if (fields.at(-1)?.id !== '63') throw new VietQrError('ORDER', '63', 'must come last');
}

/** 63 is last and 4 long, so the CRC covers everything but its own 4 hex digits. */
function checkCrc(payload: string, crc: string): void {
  if (!CRC_PATTERN.test(crc)) throw new VietQrError('CRC', '63', '4 hex digits expected');
  if (crc.toUpperCase() !== crc16ccitt(payload.slice(0, -4))) {
    throw new VietQrError('CRC', '63', 'does not match the payload');
  }
}

function decodeBeneficiary(value: string): Pick<VietQrData, 'bankBin' | 'accountNumber' | 'service'> {
  // The payee must be exactly what we understand: no extra sub-fields tolerated here.
  const template = parseTemplate(value, '38', ['00', '01', '02']);
  if (required(template, '00', '38') !== VIETQR_GUID) throw new VietQrError('GUID', '38.00', 'not VietQR');
  const organisation = parseTemplate(required(template, '01', '38'), '38.01', ['00', '01']);
  return {
    bankBin: requirePattern(required(organisation, '00', '38.01'), BIN_PATTERN, '38.01.00', '6-digit BIN'),
    accountNumber: requirePattern(
      required(organisation, '01', '38.01'),
      ACCOUNT_PATTERN,
      '38.01.01',
      '1-19 letters or digits',
    ),
    service: requireService(required(template, '02', '38'), '38.02'),
  };
}

function decodeAmount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!AMOUNT_PATTERN.test(value)) throw new VietQrError('AMOUNT', '54', 'digits without leading zero expected');
  return requireAmount(Number(value), '54');
}

/** Static QR carries no amount; dynamic QR is for one payment of a fixed amount. */
function checkInitiation(initiation: string, amount: number | undefined): void {
  const expected = amount === undefined ? STATIC : DYNAMIC;
  if (initiation !== expected) {
    throw new VietQrError('INITIATION', '01', `'${expected}' expected ${amount === undefined ? 'without' : 'with'} amount`);
  }
}

function decodeAdditionalData(value: string | undefined): Partial<VietQrData> {
  if (value === undefined) return {};
  // Sub-fields we do not model (store label, loyalty number...) are informational: tolerated.
  const template = parseTemplate(value, '62');
  const data: Partial<VietQrData> = {};
  for (const [id, key] of ADDITIONAL_DATA_FIELDS) {
    const item = template.get(id);
    if (item !== undefined) data[key] = requireMaxLength(item, ADDITIONAL_DATA_ITEM_MAX, `62.${id}`);
  }
  return data;
}

function decodeOptionalText(fields: Map<string, string>, id: string, max: number): string | undefined {
  const value = fields.get(id);
  return value === undefined ? undefined : requireMaxLength(value, max, id);
}

/** Keeps absent optional fields out of the result instead of present as undefined. */
function withoutUndefined<T extends object>(data: T): T {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as T;
}

/**
 * Framing first (so the CRC is found by parsing, not assumed to be the last 8
 * characters), then the CRC, then each field's rule. A CRC-16 detects every error
 * burst up to 16 bits, hence every single-character change before the CRC value;
 * the structural checks refuse what a producer got wrong under a valid CRC (vector 6).
 */
export function decodeVietQr(payload: string): VietQrData {
  if (!PRINTABLE_ASCII.test(payload)) throw new VietQrError('NON_ASCII', '', 'printable ASCII expected');
  const list = parseTlv(payload, '');
  const fields = indexFields(list, '');
  const payloadFormat = required(fields, '00', '');
  const crc = required(fields, '63', '');
  checkOrder(list);
  checkCrc(payload, crc);

  for (const id of AMOUNT_CHANGING_IDS) {
    if (fields.has(id)) throw new VietQrError('UNSUPPORTED_FIELD', id, 'tip or convenience fee not supported');
  }
  requireExactly(payloadFormat, PAYLOAD_FORMAT, '00');
  const initiation = required(fields, '01', '');
  const beneficiary = decodeBeneficiary(required(fields, '38', ''));
  const currency = requireExactly(required(fields, '53', ''), CURRENCY_VND, '53');
  const country = requireExactly(required(fields, '58', ''), COUNTRY_VN, '58');
  const amount = decodeAmount(fields.get('54'));
  checkInitiation(initiation, amount);

  return withoutUndefined<VietQrData>({
    ...beneficiary,
    amount,
    currency,
    country,
    merchantCategoryCode: requireCategory(fields.get('52')),
    merchantName: decodeOptionalText(fields, '59', MERCHANT_NAME_MAX),
    merchantCity: decodeOptionalText(fields, '60', MERCHANT_CITY_MAX),
    ...decodeAdditionalData(fields.get('62')),
  });
}
