/**
 * Reading a receipt in the browser: where its pages are, what the verification API
 * answers, and how the printed receipt writes its numbers and date. Pure, and free of
 * shared/receipt.ts at run time (that module brings zod, far too heavy for a phone).
 */
import { vietnamWallClock } from '../../../shared/time';
export const RECEIPT_PAGE = '/bien-lai.html';
export const VERIFY_PAGE = '/kiem-tra-bien-lai.html';

/** A compact JWS: three base64url segments. The API refuses anything longer than 4,096. */
const TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function isReceiptToken(value: string): boolean {
  return value.length <= 4096 && TOKEN.test(value);
}

/**
 * What the signed receipt says about its payer and collector, read from the token the
 * page holds. The public check answers these masked (anyone may scan a receipt's QR);
 * the token is the receipt itself, and once the check has found it, character for
 * character, on record, its content is the receipt's. Null when it cannot be read.
 */
export function signedParties(token: string): { payerName?: string; collectorName?: string } | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
    const content = JSON.parse(new TextDecoder().decode(bytes)) as { payer?: { name?: unknown }; collector?: { displayName?: unknown } };
    return {
      ...(typeof content.payer?.name === 'string' ? { payerName: content.payer.name } : {}),
      ...(typeof content.collector?.displayName === 'string' ? { collectorName: content.collector.displayName } : {}),
    };
  } catch {
    return null;
  }
}

/** The token in an API verifyUrl (`/api/receipts/verify?token=…`) or a page link; null when there is none. */
export function tokenFromUrl(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  const m = /[?&]token=([^&#\s]+)/.exec(url);
  if (!m?.[1]) return null;
  let token: string;
  try {
    token = decodeURIComponent(m[1]);
  } catch {
    return null;
  }
  return isReceiptToken(token) ? token : null;
}

/** What a person pasted into the check form: a link holding the token, or the token alone. */
export function tokenFromInput(text: string): string | null {
  const trimmed = text.replace(/\s+/g, '');
  if (isReceiptToken(trimmed)) return trimmed;
  return tokenFromUrl(trimmed);
}

export function receiptPagePath(token: string): string {
  return `${RECEIPT_PAGE}?token=${token}`;
}

/** What the receipt's QR holds: the public check page, absolute, so any phone camera opens it. */
export function verifyPageUrl(origin: string, token: string): string {
  return `${origin}${VERIFY_PAGE}?token=${token}`;
}

/** 8 digits, zero-padded, as the law's number field prints it: 42 → "00000042". */
export function formatReceiptNumber(n: number): string {
  return String(n).padStart(8, '0');
}

function local(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : vietnamWallClock(d);
}

/** "Ngày 22 tháng 11 năm 2026", in Vietnam time: how a Vietnamese receipt writes its date. */
export function receiptDateWords(iso: string): string {
  const d = local(iso);
  if (!d) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `Ngày ${pad(d.getUTCDate())} tháng ${pad(d.getUTCMonth() + 1)} năm ${d.getUTCFullYear()}`;
}

/** "22/11/2026" in Vietnam time. */
export function shortDate(iso: string): string {
  const d = local(iso);
  if (!d) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** 25000 → "25.000 VND": a receipt names the currency in full, not with the sign. */
export function receiptAmount(amount: number): string {
  return `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} VND`;
}

export const PAYMENT_METHOD_WORDS: Record<string, string> = {
  bank_transfer: 'Chuyển khoản ngân hàng',
  cash: 'Tiền mặt',
};

/** A receipt's fee lines in the receipt's own words (Vietnamese): name, kind, copies and amount of each. */
export function feeLineTexts(r: { feeName: string; copies?: number; lines?: { feeName: string; kind: 'phi' | 'le_phi'; copies: number; amount: number }[] }): string[] {
  const kind = (k: 'phi' | 'le_phi') => (k === 'phi' ? 'Phí' : 'Lệ phí');
  if (!r.lines?.length) return [r.copies && r.copies > 1 ? `${r.feeName} (${r.copies} bản)` : r.feeName];
  if (r.lines.length === 1) {
    const l = r.lines[0]!;
    return [`${l.feeName}${l.copies > 1 ? ` (${l.copies} bản)` : ''} – ${kind(l.kind)}`];
  }
  return r.lines.map((l) => `${l.feeName}${l.copies > 1 ? ` (${l.copies} bản)` : ''} – ${kind(l.kind)}: ${receiptAmount(l.amount)}`);
}
