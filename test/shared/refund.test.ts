import { describe, expect, it } from 'vitest';
import { confirmRefund, refundMemo, refundState, sendRefund, type RefundHolder } from '../../shared/refund';

const due: RefundHolder = { refundDue: 5000 };
const sent = { at: '2026-12-03T08:00:00.000Z', by: 'clerk', note: 'Đã chuyển trả' };
const seen = { at: '2026-12-03T09:00:00.000Z', source: 'sepay' as const, transferKey: 'sepay:991' };

describe('a refund: REQUESTED → SENT → CONFIRMED', () => {
  it('has no state when nothing is due', () => {
    expect(refundState({ refundDue: 0 })).toBeUndefined();
    expect(sendRefund({ refundDue: 0 }, sent)).toEqual({ ok: false, refusal: 'NO_REFUND_DUE' });
    expect(confirmRefund({ refundDue: 0 }, seen)).toEqual({ ok: false, refusal: 'NO_REFUND_DUE' });
  });

  it('goes the whole way, each step once', () => {
    expect(refundState(due)).toBe('REQUESTED');
    const s = sendRefund(due, { ...sent, method: 'manual', amount: 5000, bankReference: 'FT26337123', sentOn: '2026-12-03' });
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(refundState(s.record)).toBe('SENT');
    expect(s.record.refund).toMatchObject({ method: 'manual', amount: 5000, bankReference: 'FT26337123' });
    expect(sendRefund(s.record, sent)).toEqual({ ok: false, refusal: 'ALREADY_REFUNDED' });
    const c = confirmRefund(s.record, seen, 5000);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(refundState(c.record)).toBe('CONFIRMED');
    expect(confirmRefund(c.record, seen)).toEqual({ ok: false, refusal: 'REFUND_ALREADY_CONFIRMED' });
    expect(sendRefund(c.record, sent)).toEqual({ ok: false, refusal: 'ALREADY_REFUNDED' });
  });

  it('cannot be confirmed before it is sent', () => {
    expect(confirmRefund(due, seen)).toEqual({ ok: false, refusal: 'REFUND_NOT_SENT' });
  });

  it('moves money exactly: the amount sent and seen must be the amount due', () => {
    expect(sendRefund(due, { ...sent, amount: 4999 })).toEqual({ ok: false, refusal: 'REFUND_AMOUNT_MISMATCH' });
    expect(sendRefund(due, { ...sent, amount: 5001 })).toEqual({ ok: false, refusal: 'REFUND_AMOUNT_MISMATCH' });
    const s = sendRefund(due, sent);
    expect(s.ok && s.record.refund?.amount).toBe(5000);
    if (!s.ok) return;
    expect(confirmRefund(s.record, seen, 50000)).toEqual({ ok: false, refusal: 'REFUND_AMOUNT_MISMATCH' });
  });

  it('a refund recorded before states existed (refund without method) reads as SENT', () => {
    expect(refundState({ refundDue: 5000, refund: { at: sent.at, by: 'clerk', note: 'x' } })).toBe('SENT');
  });

  it('its memo names the order, within payOS payouts’ and VietQR’s 25 characters', () => {
    expect(refundMemo('AB3K7MX2')).toBe('HOAN TIEN AB3K7MX2');
    expect(refundMemo('AB3K7MX2').length).toBeLessThanOrEqual(25);
  });
});
