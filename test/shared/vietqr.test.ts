import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  cleanText,
  crc16ccitt,
  decodeVietQr,
  encodeVietQr,
  VietQrError,
  type VietQrData,
} from '../../shared/vietqr';

/** The reason a call was refused with, or 'ACCEPTED'. */
function outcome(run: () => unknown): string {
  try {
    run();
    return 'ACCEPTED';
  } catch (error) {
    if (error instanceof VietQrError) return error.reason;
    throw error;
  }
}

/** Independent TLV writer, so malformed payloads can be built with a valid CRC. */
type Tlv = readonly [id: string, value: string];
const tlvs = (fields: readonly Tlv[]): string =>
  fields.map(([id, value]) => id + String(value.length).padStart(2, '0') + value).join('');
const withCrc = (body: string): string => body + '6304' + crc16ccitt(body + '6304');
const payloadOf = (fields: readonly Tlv[]): string => withCrc(tlvs(fields));

// docs/domain.md, "VietQR": published test vectors
const VECTORS: ReadonlyArray<{ name: string; payload: string; data: VietQrData }> = [
  {
    name: '1 NAPAS dynamic to account',
    payload:
      '00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E',
    data: {
      bankBin: '970403',
      accountNumber: '0011012345678',
      service: 'QRIBFTTA',
      amount: 180000,
      currency: '704',
      country: 'VN',
      billNumber: 'NPS6869',
      purpose: 'thanh toan don hang',
    },
  },
  {
    name: '2 NAPAS static to card',
    payload:
      '00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52',
    data: {
      bankBin: '970403',
      accountNumber: '9704031101234567',
      service: 'QRIBFTTC',
      currency: '704',
      country: 'VN',
    },
  },
  {
    name: '3 dynamic with memo',
    payload:
      '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6',
    data: {
      bankBin: '970416',
      accountNumber: '257678859',
      service: 'QRIBFTTA',
      amount: 10000,
      currency: '704',
      country: 'VN',
      purpose: 'Chuyen tien',
    },
  },
  {
    name: '4 static, same account',
    payload:
      '00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F',
    data: {
      bankBin: '970416',
      accountNumber: '257678859',
      service: 'QRIBFTTA',
      currency: '704',
      country: 'VN',
    },
  },
  {
    name: '5 read-only, lowercase CRC',
    payload:
      '00020101021138540010A00000072701240006970422011003523509170208QRIBFTTA53037045802VN630479db',
    data: {
      bankBin: '970422',
      accountNumber: '0352350917',
      service: 'QRIBFTTA',
      currency: '704',
      country: 'VN',
    },
  },
];
const [vector1, vector2, vector3, vector4, vector5] = VECTORS.map((v) => v.payload) as [
  string,
  string,
  string,
  string,
  string,
];

describe('crc16ccitt', () => {
  it('has the CRC-16/CCITT-FALSE check value', () => {
    expect(crc16ccitt('123456789')).toBe('29B1');
  });

  it('writes four uppercase hex digits, zero-padded', () => {
    expect(crc16ccitt('')).toBe('FFFF');
    for (const input of ['a', 'b', 'VN', '6304']) expect(crc16ccitt(input)).toMatch(/^[0-9A-F]{4}$/);
  });
});

describe('public vectors', () => {
  it.each(VECTORS)('decodes vector $name', ({ payload, data }) => {
    expect(decodeVietQr(payload)).toStrictEqual(data);
  });

  it.each(VECTORS.slice(0, 4))('re-encodes vector $name to the same string', ({ payload, data }) => {
    expect(encodeVietQr(data)).toBe(payload);
  });

  it('writes the CRC of vector 5 uppercase when re-encoding it', () => {
    expect(encodeVietQr(decodeVietQr(vector5))).toBe(vector5.replace(/79db$/, '79DB'));
  });

  it('rejects vector 6 (account declared 12 long, CRC valid) for its length, not its CRC', () => {
    // The spec's example 6.1.1: vector 1 with '0112' before the 13-digit account.
    const body = vector1.slice(0, -4).replace('01130011012345678', '01120011012345678');
    expect(body).not.toBe(vector1.slice(0, -4));
    const broken = body + crc16ccitt(body);
    expect(outcome(() => decodeVietQr(broken))).toBe('LENGTH');
    expect(() => decodeVietQr(broken)).toThrow(/38\.01/);
  });
});

describe('cleanText', () => {
  it('strips Vietnamese diacritics, Đ included, and punctuation', () => {
    expect(cleanText('Đăng ký khai sinh, bé Nguyễn Thị Ánh!', 99)).toBe('Dang ky khai sinh be Nguyen Thi Anh');
  });

  it('cuts at the limit, then drops a trailing space', () => {
    expect(cleanText('Nộp phí đăng ký khai sinh cho con', 25)).toBe('Nop phi dang ky khai sinh');
    expect(cleanText('abc def', 4)).toBe('abc');
  });
});

const minimal: VietQrData = { bankBin: '970416', accountNumber: '257678859', service: 'QRIBFTTA' };

describe('encodeVietQr cleaning', () => {
  it('writes memo and merchant name in ASCII, cut at 25', () => {
    const decoded = decodeVietQr(
      encodeVietQr({
        ...minimal,
        amount: 50000,
        merchantName: 'ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ',
        merchantCity: 'Thành phố Hồ Chí Minh',
        purpose: 'Nộp phí đăng ký khai sinh cho con',
      }),
    );
    expect(decoded.merchantName).toBe('UY BAN NHAN DAN PHUONG BE');
    expect(decoded.merchantCity).toBe('Thanh pho Ho Ch');
    expect(decoded.purpose).toBe('Nop phi dang ky khai sinh');
  });

  it('omits a free-text field that is empty once cleaned', () => {
    const payload = encodeVietQr({ ...minimal, merchantName: '  ', purpose: '!!!' });
    expect(payload).toBe(vector4);
  });

  it('defaults currency to 704 and country to VN', () => {
    expect(decodeVietQr(encodeVietQr(minimal))).toStrictEqual({ ...minimal, currency: '704', country: 'VN' });
  });

  it.each<[string, Partial<VietQrData>, string]>([
    ['account over 19 characters', { accountNumber: '12345678901234567890' }, 'FORMAT'],
    ['empty account', { accountNumber: '' }, 'FORMAT'],
    ['account with a dash', { accountNumber: '0071-000' }, 'FORMAT'],
    ['BIN of 5 digits', { bankBin: '97041' }, 'FORMAT'],
    ['BIN of 7 digits', { bankBin: '9704160' }, 'FORMAT'],
    ['BIN with a letter', { bankBin: '97041A' }, 'FORMAT'],
    ['amount 0', { amount: 0 }, 'AMOUNT'],
    ['negative amount', { amount: -10000 }, 'AMOUNT'],
    ['non-integer amount', { amount: 10000.5 }, 'AMOUNT'],
    ['amount NaN', { amount: Number.NaN }, 'AMOUNT'],
    ['amount 500,000,000', { amount: 500_000_000 }, 'AMOUNT'],
    ['amount 1e21', { amount: 1e21 }, 'AMOUNT'],
    ['unknown service', { service: 'QRIBFTTX' as VietQrData['service'] }, 'FORMAT'],
    ['other currency', { currency: '840' as VietQrData['currency'] }, 'FORMAT'],
    ['other country', { country: 'US' as VietQrData['country'] }, 'FORMAT'],
    ['MCC of 3 digits', { merchantCategoryCode: '931' }, 'FORMAT'],
    ['empty MCC', { merchantCategoryCode: '' }, 'FORMAT'],
    [
      'field 62 over 99 characters',
      { billNumber: 'B'.repeat(25), referenceLabel: 'R'.repeat(25), terminal: 'T'.repeat(25), purpose: 'P'.repeat(25) },
      'LENGTH',
    ],
  ])('refuses %s', (_, change, reason) => {
    expect(outcome(() => encodeVietQr({ ...minimal, ...change }))).toBe(reason);
  });

  it('accepts the extremes of the amount range', () => {
    expect(decodeVietQr(encodeVietQr({ ...minimal, amount: 1 })).amount).toBe(1);
    expect(decodeVietQr(encodeVietQr({ ...minimal, amount: 499_999_999 })).amount).toBe(499_999_999);
  });
});

describe('decodeVietQr strictness', () => {
  const beneficiary = (organisation: readonly Tlv[], extra: readonly Tlv[] = []): Tlv => [
    '38',
    tlvs([['00', 'A000000727'], ['01', tlvs(organisation)], ['02', 'QRIBFTTA'], ...extra]),
  ];
  const account: readonly Tlv[] = [
    ['00', '970416'],
    ['01', '257678859'],
  ];
  // Vector 3 as fields, to vary one thing at a time.
  const base: readonly Tlv[] = [
    ['00', '01'],
    ['01', '12'],
    beneficiary(account),
    ['53', '704'],
    ['54', '10000'],
    ['58', 'VN'],
    ['62', tlvs([['08', 'Chuyen tien']])],
  ];
  const replaced = (id: string, value: string): Tlv[] => base.map((f) => (f[0] === id ? [id, value] : f));
  const without = (id: string): Tlv[] => base.filter(([fieldId]) => fieldId !== id);

  it('builds vector 3 from the base fields', () => {
    expect(payloadOf(base)).toBe(vector3);
  });

  it.each<[string, string, string]>([
    ['non-ASCII memo', payloadOf(replaced('62', tlvs([['08', 'Chuyển tiền']]))), 'NON_ASCII'],
    ['control character', payloadOf(replaced('62', tlvs([['08', 'Chuyen\ttien']]))), 'NON_ASCII'],
    ['empty payload', '', 'MISSING_FIELD'],
    ['length prefix not digits', withCrc('000201010212' + '53x3704'), 'LENGTH'],
    ['length 00', withCrc(tlvs(base) + '5900'), 'LENGTH'],
    ['truncated CRC', vector3.slice(0, -1), 'LENGTH'],
    ['truncated header', vector3 + '63', 'LENGTH'],
    ['id not digits', withCrc(tlvs(base) + 'A102XY'), 'FORMAT'],
    ['duplicated 53', payloadOf([...base, ['53', '704']]), 'DUPLICATE_FIELD'],
    ['duplicated 63', vector3 + '63040000', 'DUPLICATE_FIELD'],
    ['duplicated 62.08', payloadOf(replaced('62', tlvs([['08', 'a'], ['08', 'b']]))), 'DUPLICATE_FIELD'],
    ['duplicated 38.01.01', payloadOf(replaced('38', beneficiary([...account, ['01', '1']])[1])), 'DUPLICATE_FIELD'],
    ['missing 00', payloadOf(without('00')), 'MISSING_FIELD'],
    ['missing 63', tlvs(base), 'MISSING_FIELD'],
    ['missing 01', payloadOf(without('01')), 'MISSING_FIELD'],
    ['missing 38', payloadOf(without('38')), 'MISSING_FIELD'],
    ['missing 53', payloadOf(without('53')), 'MISSING_FIELD'],
    ['missing 58', payloadOf(without('58')), 'MISSING_FIELD'],
    ['missing GUID', payloadOf(replaced('38', tlvs([['01', tlvs(account)], ['02', 'QRIBFTTA']]))), 'MISSING_FIELD'],
    ['missing BIN', payloadOf(replaced('38', beneficiary([['01', '257678859']])[1])), 'MISSING_FIELD'],
    ['missing account', payloadOf(replaced('38', beneficiary([['00', '970416']])[1])), 'MISSING_FIELD'],
    [
      'missing service',
      payloadOf(replaced('38', tlvs([['00', 'A000000727'], ['01', tlvs(account)]]))),
      'MISSING_FIELD',
    ],
    ['00 not first', payloadOf([['01', '12'], ['00', '01'], ...base.slice(2)]), 'ORDER'],
    ['63 not last', tlvs(base) + '63040000' + '6401X', 'ORDER'],
    ['wrong CRC', vector3.replace(/53E6$/, '53E7'), 'CRC'],
    ['CRC not hex', vector3.replace(/53E6$/, '53EG'), 'CRC'],
    ['CRC of 5 characters', tlvs(base) + '630553E60', 'CRC'],
    ['payload format 02', payloadOf(replaced('00', '02')), 'FORMAT'],
    ['unknown GUID', payloadOf(replaced('38', tlvs([['00', 'A000000728'], ['01', tlvs(account)], ['02', 'QRIBFTTA']]))), 'GUID'],
    ['BIN of 5 digits', payloadOf(replaced('38', beneficiary([['00', '97041'], ['01', '257678859']])[1])), 'FORMAT'],
    ['account of 20', payloadOf(replaced('38', beneficiary([['00', '970416'], ['01', '1'.repeat(20)]])[1])), 'FORMAT'],
    [
      'unknown service',
      payloadOf(replaced('38', tlvs([['00', 'A000000727'], ['01', tlvs(account)], ['02', 'QRIBFTTX']]))),
      'FORMAT',
    ],
    ['extra sub-field in 38', payloadOf(replaced('38', beneficiary(account, [['03', 'X']])[1])), 'UNSUPPORTED_FIELD'],
    ['extra sub-field in 38.01', payloadOf(replaced('38', beneficiary([...account, ['02', 'X']])[1])), 'UNSUPPORTED_FIELD'],
    ['tip indicator 55', payloadOf([...base, ['55', '01']]), 'UNSUPPORTED_FIELD'],
    ['currency 840', payloadOf(replaced('53', '840')), 'FORMAT'],
    ['country US', payloadOf(replaced('58', 'US')), 'FORMAT'],
    ['amount 0', payloadOf(replaced('54', '0')), 'AMOUNT'],
    ['amount with leading zero', payloadOf(replaced('54', '010000')), 'AMOUNT'],
    ['amount with decimals', payloadOf(replaced('54', '10000.00')), 'AMOUNT'],
    ['amount with separator', payloadOf(replaced('54', '10,000')), 'AMOUNT'],
    ['negative amount', payloadOf(replaced('54', '-10000')), 'AMOUNT'],
    ['amount of 500,000,000', payloadOf(replaced('54', '500000000')), 'AMOUNT'],
    ['amount over 13 characters', payloadOf(replaced('54', '12345678901234')), 'AMOUNT'],
    ['dynamic without amount', payloadOf(without('54')), 'INITIATION'],
    ['static with amount', payloadOf(replaced('01', '11')), 'INITIATION'],
    ['unknown initiation', payloadOf(replaced('01', '13')), 'INITIATION'],
    ['MCC of 5 digits', payloadOf([...base, ['52', '12345']]), 'FORMAT'],
    ['merchant name of 26', payloadOf([...base, ['59', 'N'.repeat(26)]]), 'FORMAT'],
    ['city of 16', payloadOf([...base, ['60', 'C'.repeat(16)]]), 'FORMAT'],
    ['memo of 26', payloadOf(replaced('62', tlvs([['08', 'M'.repeat(26)]]))), 'FORMAT'],
    ['62 sub-field truncated', payloadOf(replaced('62', '0811Chuyen')), 'LENGTH'],
  ])('rejects %s', (_, payload, reason) => {
    expect(outcome(() => decodeVietQr(payload))).toBe(reason);
  });

  it('tolerates ids it does not model that cannot change payee or amount', () => {
    const payload = payloadOf([
      ...replaced('62', tlvs([['03', 'Store 1'], ['08', 'Chuyen tien']])),
      ['64', tlvs([['00', 'VI'], ['01', 'Chuyen tien']])], // language template
    ]);
    expect(decodeVietQr(payload)).toStrictEqual(VECTORS[2]?.data);
  });

  it('reads the optional fields it models', () => {
    const payload = payloadOf([...base, ['52', '9399'], ['59', 'UBND PHUONG 1'], ['60', 'HA NOI']]);
    expect(decodeVietQr(payload)).toMatchObject({ merchantCategoryCode: '9399', merchantName: 'UBND PHUONG 1', merchantCity: 'HA NOI' });
  });
});

// ---------------------------------------------------------------------------
// Properties

const ALNUM = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];
const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
/** Text as cleanText leaves it: alphanumeric words joined by single spaces. */
const cleanTextArb = (max: number) =>
  fc
    .array(fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 5 })
    .map((words) => words.join(' '))
    .filter((text) => text.length <= max);

const ADDITIONAL_KEYS = ['billNumber', 'referenceLabel', 'terminal', 'purpose'] as const;
/** Field 62 holds at most 99 characters, its sub-fields' headers included. */
const fitsAdditionalData = (data: VietQrData): boolean =>
  ADDITIONAL_KEYS.reduce((total, key) => total + (data[key] === undefined ? 0 : 4 + data[key].length), 0) <= 99;

/** Valid data in the shape the decoder reports it (currency and country always present). */
const vietQrDataArb: fc.Arbitrary<VietQrData> = fc
  .record(
    {
      bankBin: digits(6),
      accountNumber: fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: 19 }),
      service: fc.constantFrom('QRIBFTTA', 'QRIBFTTC'),
      amount: fc.integer({ min: 1, max: 499_999_999 }),
      currency: fc.constant('704'),
      country: fc.constant('VN'),
      merchantCategoryCode: digits(4),
      merchantName: cleanTextArb(25),
      merchantCity: cleanTextArb(15),
      billNumber: cleanTextArb(25),
      referenceLabel: cleanTextArb(25),
      terminal: cleanTextArb(25),
      purpose: cleanTextArb(25),
    },
    { requiredKeys: ['bankBin', 'accountNumber', 'service', 'currency', 'country'], noNullPrototype: true },
  )
  .filter(fitsAdditionalData);

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

/**
 * Single-character corruptions of `payload` that the decoder accepted although they differ
 * from the original. One replacement is not a corruption: flipping the case of a hex letter
 * of the CRC. We must read lowercase CRCs (vector 5), so '2E2E' and '2e2E' denote the same
 * check value over the same bytes; such a payload must decode to exactly the same data.
 */
function acceptedCorruptions(payload: string, replacements: readonly string[]): string[] {
  const original = decodeVietQr(payload);
  const accepted: string[] = [];
  for (let position = 0; position < payload.length; position++) {
    const current = payload.charAt(position);
    for (const replacement of replacements) {
      if (replacement === current) continue;
      const corrupted = payload.slice(0, position) + replacement + payload.slice(position + 1);
      const inCrc = position >= payload.length - 4;
      if (inCrc && replacement.toUpperCase() === current.toUpperCase()) {
        expect(decodeVietQr(corrupted)).toStrictEqual(original);
      } else if (outcome(() => decodeVietQr(corrupted)) === 'ACCEPTED') {
        accepted.push(`${position}:${JSON.stringify(replacement)} ${corrupted}`);
      }
    }
  }
  return accepted;
}

describe('properties', () => {
  it('decode(encode(x)) equals x for every valid x', () => {
    fc.assert(
      fc.property(vietQrDataArb, (data) => {
        expect(decodeVietQr(encodeVietQr(data))).toStrictEqual(data);
      }),
      { numRuns: 500 },
    );
  });

  it('encodes any text as printable ASCII and decodes it as cleanText made it', () => {
    const vietnamese = fc.string({ unit: fc.constantFrom(...'aăâbdđeêioôơuưyĐÂỦỹÀáạảãếệ ,.-/!09'), maxLength: 40 });
    const anyText = fc.oneof(vietnamese, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
    fc.assert(
      fc.property(anyText, anyText, anyText, (name, city, memo) => {
        const payload = encodeVietQr({ ...minimal, merchantName: name, merchantCity: city, purpose: memo });
        expect(payload).toMatch(/^[\x20-\x7e]+$/);
        const decoded = decodeVietQr(payload);
        expect(decoded.merchantName ?? '').toBe(cleanText(name, 25));
        expect(decoded.merchantCity ?? '').toBe(cleanText(city, 15));
        expect(decoded.purpose ?? '').toBe(cleanText(memo, 25));
      }),
      { numRuns: 500 },
    );
  });

  it('rejects every single-character corruption of the public vectors', () => {
    for (const payload of [vector1, vector2, vector3, vector4, vector5]) {
      expect(acceptedCorruptions(payload, PRINTABLE)).toEqual([]);
    }
  });

  it('rejects every single-character corruption of generated payloads', () => {
    fc.assert(
      fc.property(
        vietQrDataArb,
        fc.uniqueArray(fc.constantFrom(...PRINTABLE), { minLength: 3, maxLength: 5 }),
        (data, replacements) => {
          expect(acceptedCorruptions(encodeVietQr(data), replacements)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
