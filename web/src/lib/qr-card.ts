/**
 * The pay page's QR as a PNG drawn in the browser from the order's VietQR payload (issue
 * 13, items 4 and 5): no extra request for an image, and a picture worth saving on the
 * same phone, since under the code it prints the amount, the receiver's name, the account
 * and the transfer message, so a saved image still says what it pays and to whom. It is a
 * `data:` PNG in a real <img>, which iOS offers to "Lưu vào Ảnh" on a long press and
 * Android downloads to the gallery. Null where a canvas cannot be drawn (the page then
 * shows the API's qr.svg).
 */
import { encodeQr } from './qr';

const MODULE = 8;
const QUIET = 4;
const PAD = 24;

export interface QrCardText {
  amount: string;
  lines: string[];
}

/** Splits `text` into lines no wider than `width` (by whole words; a word wider than the line stays whole). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      out.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) out.push(line);
  return out;
}

export function qrCardPng(payload: string, text: QrCardText): string | null {
  let qr;
  try {
    qr = encodeQr(payload, { ecc: 'M' });
  } catch {
    return null;
  }
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const side = (qr.size + 2 * QUIET) * MODULE;
  const width = side;
  const font = (px: number, bold: boolean) => `${bold ? 'bold ' : ''}${px}px system-ui, -apple-system, Roboto, Arial, sans-serif`;
  ctx.font = font(22, false);
  const lines = text.lines.flatMap((l) => wrap(ctx, l, width - 2 * PAD));
  const height = side + 48 + lines.length * 30 + PAD;
  canvas.width = width;
  canvas.height = height;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size; x++) {
      if (qr.modules[y * qr.size + x]) ctx.fillRect((x + QUIET) * MODULE, (y + QUIET) * MODULE, MODULE, MODULE);
    }
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.font = font(34, true);
  ctx.fillText(text.amount, width / 2, side + 30);
  ctx.font = font(22, false);
  lines.forEach((l, i) => ctx.fillText(l, width / 2, side + 66 + i * 30));
  try {
    return canvas.toDataURL('image/png');
  } catch {
    return null;
  }
}
