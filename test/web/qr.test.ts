/**
 * The browser's QR encoder (web/src/lib/qr.ts), which draws the receipt's verification
 * code: module for module the same as the `qrcode` package for every mask, version and
 * level it supports, and readable by jsQR at the receipt's real size (about 1,450
 * characters of URL at level L).
 */
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { encodeQr, qrSvgPath, type EccLevel } from '../../web/src/lib/qr';

const TOKEN_LIKE = (n: number) => Array.from({ length: n }, (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[(i * 37 + 11) % 64]).join('');
const RECEIPT_URL = `https://motcua.example.gov.vn/kiem-tra-bien-lai.html?token=${TOKEN_LIKE(200)}.${TOKEN_LIKE(1100)}.${TOKEN_LIKE(86)}`;

function reference(text: string, ecc: EccLevel, options: { mask?: number; version?: number } = {}) {
  const qr = QRCode.create([{ data: text, mode: 'byte' }] as unknown as string, {
    errorCorrectionLevel: ecc,
    ...(options.mask !== undefined ? { maskPattern: options.mask as QRCode.QRCodeMaskPattern } : {}),
    ...(options.version !== undefined ? { version: options.version } : {}),
  });
  return { size: qr.modules.size, modules: Array.from(qr.modules.data, Boolean), version: qr.version, mask: qr.maskPattern };
}

/** The code as an RGBA image, `scale` pixels a module, with a 4-module quiet zone. */
function rgba(qr: ReturnType<typeof encodeQr>, scale: number): { data: Uint8ClampedArray; width: number } {
  const width = (qr.size + 8) * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size; x++) {
      if (!qr.modules[y * qr.size + x]) continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + 4) * scale + dy) * width + (x + 4) * scale + dx) * 4;
          data[i] = data[i + 1] = data[i + 2] = 0;
        }
      }
    }
  }
  return { data, width };
}

describe('QR encoder', () => {
  const texts = ['VN', 'https://x.vn/a?b=c', 'Biên lai số 00000042 – Mỹ Thạnh', TOKEN_LIKE(300), RECEIPT_URL];

  it('matches the qrcode package module for module, for every mask and both levels', () => {
    for (const text of texts) {
      for (const ecc of ['L', 'M'] as const) {
        for (let mask = 0; mask < 8; mask++) {
          const mine = encodeQr(text, { ecc, mask });
          const ref = reference(text, ecc, { mask, version: mine.version });
          expect(mine.size, `${text.length} ${ecc} ${mask}`).toBe(ref.size);
          expect(mine.modules.map(Number).join(''), `${text.length} chars, ${ecc}, mask ${mask}`).toBe(ref.modules.map(Number).join(''));
        }
      }
    }
  });

  it('picks the smallest version, and a mask (by the standard’s penalty) that reads back', () => {
    // Penalty scoring differs in detail between encoders (finder-like runs), so the mask
    // chosen may differ from the package's; any mask is valid, and each must decode.
    for (const text of texts) {
      for (const ecc of ['L', 'M'] as const) {
        const mine = encodeQr(text, { ecc });
        expect(mine.version, `${text.length} ${ecc}`).toBe(reference(text, ecc).version);
        const { data, width } = rgba(mine, 4);
        expect(jsQR(data, width, width)?.data, `${text.length} ${ecc}`).toBe(text);
      }
    }
  });

  it('encodes a receipt’s check link at level L in a version jsQR reads back', () => {
    const qr = encodeQr(RECEIPT_URL);
    expect(qr.ecc).toBe('L');
    expect(qr.version).toBeLessThanOrEqual(30);
    const { data, width } = rgba(qr, 4);
    expect(jsQR(data, width, width)?.data).toBe(RECEIPT_URL);
  });

  it('refuses what no version holds', () => {
    expect(() => encodeQr('x'.repeat(3000), { ecc: 'L' })).toThrow(RangeError);
  });

  it('draws one rectangle per run of dark modules, inside the quiet zone', () => {
    const qr = encodeQr('VN');
    const path = qrSvgPath(qr, 4);
    const dark = qr.modules.filter(Boolean).length;
    const widths = [...path.matchAll(/h(\d+)v1/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(widths).toBe(dark);
    expect(path.startsWith('M4 4h7')).toBe(true); // the top-left finder's first row
  });
});
