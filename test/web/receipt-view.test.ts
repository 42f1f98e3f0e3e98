/** How the browser reads receipt links and writes a receipt's numbers and date. */
import { describe, expect, it } from 'vitest';
import { formatReceiptNumber, isReceiptToken, receiptAmount, receiptDateWords, receiptPagePath, shortDate, tokenFromInput, tokenFromUrl, verifyPageUrl } from '../../web/src/lib/receipt-view';
import { safeNext, loginUrl } from '../../web/src/lib/staff-session';

const JWS = 'eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ.c2lnbmF0dXJl';

describe('receipt links', () => {
  it('takes the token from the API’s verifyUrl and from a pasted check link', () => {
    expect(tokenFromUrl(`/api/receipts/verify?token=${JWS}`)).toBe(JWS);
    expect(tokenFromUrl(`https://a.vn/kiem-tra-bien-lai.html?x=1&token=${encodeURIComponent(JWS)}#top`)).toBe(JWS);
    expect(tokenFromInput(`  https://a.vn/kiem-tra-bien-lai.html?token=${JWS}\n`)).toBe(JWS);
    expect(tokenFromInput(JWS)).toBe(JWS);
    // What is not a compact JWS is not a token, whatever surrounds it.
    for (const bad of ['javascript:alert(1)', '/x?token=abc', '/x?token=%3Cscript%3E.a.b', 'hello', '', `/x?token=${'a'.repeat(5000)}.b.c`]) {
      expect(tokenFromInput(bad), bad).toBeNull();
    }
    expect(isReceiptToken(JWS)).toBe(true);
  });

  it('builds the receipt page path and the absolute check URL the QR holds', () => {
    expect(receiptPagePath(JWS)).toBe(`/bien-lai.html?token=${JWS}`);
    expect(verifyPageUrl('https://motcua.gov.vn', JWS)).toBe(`https://motcua.gov.vn/kiem-tra-bien-lai.html?token=${JWS}`);
  });

  it('writes numbers, amounts and dates as a Vietnamese receipt does, in Vietnam time', () => {
    expect(formatReceiptNumber(42)).toBe('00000042');
    expect(receiptAmount(1_234_000)).toBe('1.234.000 VND');
    // 18:30 UTC on 31 December is 01:30 on 1 January in Vietnam.
    expect(receiptDateWords('2026-12-31T18:30:00Z')).toBe('Ngày 01 tháng 01 năm 2027');
    expect(shortDate('2026-07-01T02:00:00Z')).toBe('01/07/2026');
  });
});

describe('staff login redirects', () => {
  it('returns only to staff pages of this site', () => {
    expect(safeNext('/can-bo/ban-lam-viec.html#chua-khop')).toBe('/can-bo/ban-lam-viec.html#chua-khop');
    for (const bad of ['https://evil.example/', '//evil.example/can-bo/', '/can-bo//evil', '/pay.html', '/can-bo/dang-nhap.html', '/can-bo/\\evil', null]) {
      expect(safeNext(bad), String(bad)).toBeNull();
    }
    expect(loginUrl('expired', '/can-bo/tai-quay.html')).toBe('/can-bo/dang-nhap.html?reason=expired&next=%2Fcan-bo%2Ftai-quay.html');
    expect(loginUrl('logout')).toBe('/can-bo/dang-nhap.html?reason=logout');
  });
});
