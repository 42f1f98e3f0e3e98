/**
 * The static site as built for production: every procedure reachable and readable
 * without JavaScript, one h1 and lang="vi" everywhere, each first view within 50 KB gzip
 * (HTML + the CSS and JS it references), the receipt and staff pages present, and the
 * development payment tool absent (but present in a development build).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web';
import { AGENCIES, PROCEDURES, handles, type Procedure } from '../../shared/catalogue';
import { feeCountsCopies } from '../../shared/fees';
import { RECEIPT_TITLE } from '../../shared/receipt';
import { SHORT_NAMES } from '../../shared/short-names';
import { orderView } from '../../web/src/lib/order-view';
import { formatVnd } from '../../web/src/lib/format';
import type { AssetPaths } from '../../web/templates/layout';
import { renderProcedure } from '../../web/templates/pages';

const FIRST_VIEW_LIMIT = 50 * 1024;
const OTHER_PAGES = ['index.html', 'pay.html', '404.html', 'bien-lai.html', 'kiem-tra-bien-lai.html', 'can-bo/dang-nhap.html', 'can-bo/tai-quay.html', 'can-bo/ban-lam-viec.html', 'can-bo/bang-dieu-khien.html'];

let outDir = '';
const pages = new Map<string, string>();

async function htmlFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await htmlFiles(path.join(dir, entry.name), rel)));
    else if (entry.name.endsWith('.html')) out.push(rel);
  }
  return out;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * What a reader sees with JavaScript off: no scripts, no `hidden` elements (only
 * those without nested same-name tags, which is all this site emits), no tags.
 */
function visibleText(html: string): string {
  const withoutScripts = html.replace(/<script\b[\s\S]*?<\/script>/g, ' ');
  const withoutHidden = withoutScripts.replace(/<(\w+)\b[^>]*\shidden[\s>][\s\S]*?<\/\1>/g, ' ');
  return decodeEntities(withoutHidden.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

function guidePath(p: Procedure): string {
  return `thu-tuc/${p.code}.html`;
}

function payStartRel(p: { code: string }): string {
  return `thu-tuc/${p.code}/nop-phi.html`;
}

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'motcua-web-'));
  await buildWeb(outDir, { production: true });
  for (const rel of await htmlFiles(outDir)) pages.set(rel, await readFile(path.join(outDir, rel), 'utf8'));
});

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('web build', () => {
  it('writes the home, pay, receipt, check, staff and 404 pages and one guide per procedure', () => {
    for (const rel of OTHER_PAGES) expect(pages.has(rel), rel).toBe(true);
    expect(PROCEDURES.length).toBeGreaterThanOrEqual(30);
    for (const p of PROCEDURES) expect(pages.has(guidePath(p)), p.code).toBe(true);
    // And the pay flow's page of each procedure paid here (issue 13).
    const payable = PROCEDURES.filter((p) => p.fee.kind !== 'free' && p.feeCollectedBy === undefined);
    for (const p of payable) expect(pages.has(payStartRel(p)), p.code).toBe(true);
    expect(pages.size).toBe(PROCEDURES.length + OTHER_PAGES.length + payable.length);
  });

  it('keeps crawlers and referrers away from every address that carries a secret', async () => {
    const robots = await readFile(path.join(outDir, 'robots.txt'), 'utf8');
    for (const rel of ['pay.html', 'bien-lai.html', 'kiem-tra-bien-lai.html']) {
      expect(robots).toContain(`Disallow: /${rel}`);
      expect(pages.get(rel), rel).toContain('name="referrer" content="no-referrer"');
    }
    expect(robots).toContain('Disallow: /can-bo/');
    for (const rel of OTHER_PAGES.filter((r) => r.startsWith('can-bo/'))) expect(pages.get(rel), rel).toContain('name="robots" content="noindex, nofollow"');
  });

  it('prints every legally required label on the receipt page, in Vietnamese', () => {
    const receipt = visibleText(pages.get('bien-lai.html')?.replace(/<article class="receipt" id="receipt" lang="vi" aria-labelledby="receipt-h" hidden>/, '<article>') ?? '');
    for (const label of [RECEIPT_TITLE, 'Mẫu số', 'Ký hiệu', 'Số:', 'Mã số thuế', 'Tên loại phí, lệ phí', 'Số tiền', 'Viết bằng chữ', 'Người thu tiền', 'Chữ ký số', 'đồng Việt Nam (VND)']) {
      expect(receipt, label).toContain(label);
    }
    expect(pages.get('bien-lai.html')).toContain('<style id="page-size">@page{size:A4');
  });

  it('leaves the development payment tool out of production, and puts it in development builds', async () => {
    const pay = pages.get('pay.html') ?? '';
    expect(pay).not.toContain('dev-pay');
    expect(pay).not.toContain('Mô phỏng');
    const payJs = pay.match(/src="(\/assets\/pay-[^"]+\.js)"/)?.[1] ?? '';
    const js = await readFile(path.join(outDir, payJs), 'utf8');
    expect(js).not.toContain('__dev');
    expect(js).not.toContain('simulate');

    const devDir = await mkdtemp(path.join(os.tmpdir(), 'motcua-web-dev-'));
    try {
      await buildWeb(devDir, { production: false });
      const devPay = await readFile(path.join(devDir, 'pay.html'), 'utf8');
      expect(devPay).toContain('id="dev-pay-button"');
      expect(devPay).toContain('Mô phỏng thanh toán ngân hàng');
      const devJs = await readFile(path.join(devDir, devPay.match(/src="\/(assets\/pay-[^"]+\.js)"/)?.[1] ?? ''), 'utf8');
      expect(devJs).toContain('/__dev/simulate-payment');
    } finally {
      await rm(devDir, { recursive: true, force: true });
    }
  });

  it('lists every procedure on the home page as a plain link, by its everyday name', () => {
    const home = pages.get('index.html') ?? '';
    const text = visibleText(home);
    for (const p of PROCEDURES) {
      expect(home, p.code).toContain(`href="/thu-tuc/${p.code}.html"`);
      expect(text, p.code).toContain(norm(SHORT_NAMES[p.code]!.vi));
    }
  });

  it('puts the whole guide in the HTML: name, documents, steps, legal basis', () => {
    for (const p of PROCEDURES) {
      const text = visibleText(pages.get(guidePath(p)) ?? '');
      expect(text, p.code).toContain(norm(p.name));
      expect(text, p.code).toContain(norm(p.eligibility));
      for (const doc of p.documents) expect(text, `${p.code} document`).toContain(norm(doc.name));
      for (const step of p.onlineSteps) expect(text, `${p.code} step`).toContain(norm(step));
      for (const law of p.legalBasis) expect(text, `${p.code} legal basis`).toContain(norm(law));
      expect(text, p.code).toContain(norm(p.processingTime));
      expect(text, p.code).toContain('Đăng nhập Cổng Dịch vụ công quốc gia bằng VNeID mức 2');
    }
  });

  it('offers the fee form only where a VietQR order can be made, with agencies of the right level', () => {
    for (const p of PROCEDURES) {
      const guide = pages.get(guidePath(p)) ?? '';
      const payable = p.fee.kind !== 'free' && p.feeCollectedBy === undefined;
      // The guide starts with a "Nộp lệ phí" button to the pay flow's own page, which has the form.
      expect(guide.includes(`id="pay-start" href="/${payStartRel(p)}"`), p.code).toBe(payable);
      expect(guide.includes('id="order-form"'), p.code).toBe(false);
      if (p.fee.kind === 'free') expect(visibleText(guide), p.code).toContain('không mất lệ phí');
      if (!payable) continue;
      const page = pages.get(payStartRel(p)) ?? '';
      expect(page.includes('id="order-form"'), p.code).toBe(true);
      const options = [...page.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
      // Today's agencies that handle it: the province for a province procedure, its communes for the commune's.
      expect(options.sort(), p.code).toEqual(AGENCIES.filter((a) => handles(a, p)).map((a) => a.id).sort());
      expect(options, p.code).not.toContain('my-thanh');
      const countsUnits = p.fee.kind === 'per_unit' || p.fee.kind === 'tiered';
      expect(page.includes('id="quantity"'), p.code).toBe(countsUnits);
      // Copies are asked for where the fee counts the pages of one paper (the certified copy).
      expect(page.includes('id="copies"'), p.code).toBe(feeCountsCopies(p.fee));
    }
    expect(pages.get(payStartRel(PROCEDURES.find((p) => p.code === '2.000815')!))).toContain('id="copies"');
  });

  it('says nothing of Bến Tre or of a district on any page: the map is today\'s', () => {
    for (const [rel, html] of pages) expect(visibleText(html), rel).not.toMatch(/Bến Tre|huyện/);
  });

  it('gives every page lang="vi", exactly one h1, a skip link and a main landmark', () => {
    for (const [rel, html] of pages) {
      expect(html, rel).toMatch(/^<!doctype html>\s*<html lang="vi">/);
      expect(html.match(/<h1[\s>]/g)?.length, rel).toBe(1);
      expect(html, rel).toContain('href="#main"');
      expect(html.match(/<main[\s>]/g)?.length, rel).toBe(1);
    }
  });

  it('references assets by absolute path, and they exist', () => {
    for (const [rel, html] of pages) {
      const refs = [...html.matchAll(/(?:<script src|<link rel="stylesheet" href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
      expect(refs.length, rel).toBe(2);
      for (const ref of refs) expect(existsSync(path.join(outDir, ref)), `${rel} → ${ref}`).toBe(true);
    }
  });

  it('keeps each first view (HTML + its CSS and JS) within 50 KB gzip', async () => {
    const sizes: Record<string, number> = {};
    for (const [rel, html] of pages) {
      let total = gzipSync(html, { level: 9 }).length;
      for (const m of html.matchAll(/(?:<script src|<link rel="stylesheet" href)="(\/assets\/[^"]+)"/g)) {
        total += gzipSync(await readFile(path.join(outDir, m[1] ?? '')), { level: 9 }).length;
      }
      sizes[rel] = total;
      expect(total, rel).toBeLessThanOrEqual(FIRST_VIEW_LIMIT);
    }
    const manifest = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as {
      pages: Record<string, { firstViewGzip: number }>;
    };
    for (const [rel, size] of Object.entries(sizes)) expect(manifest.pages[rel]?.firstViewGzip, rel).toBe(size);
  });

  it('pay page works as a static file: JSON data, QR placeholders, an honest noscript notice', () => {
    const pay = pages.get('pay.html') ?? '';
    expect(pay).toContain('id="pay-data"');
    expect(pay).toContain('id="qr"');
    expect(pay).toContain('<noscript>');
    expect(pay).toContain('name="referrer" content="no-referrer"');
  });
});

describe('web templates', () => {
  const assets: AssetPaths = { css: '/assets/site.css', scripts: { home: '/h.js', procedure: '/pr.js', guide: '/g.js', pay: '/p.js', page: '/x.js', receipt: '/r.js', verify: '/v.js', login: '/l.js', counter: '/c.js', console: '/k.js', dashboard: '/d.js' } };

  it('escapes every interpolated catalogue string', () => {
    const base = PROCEDURES.find((p) => p.fee.kind === 'per_unit' || p.fee.kind === 'tiered') ?? PROCEDURES[0]!;
    const evil = '<script>alert(1)</script>"\'&';
    const p: Procedure = {
      ...base,
      name: evil,
      nameEn: evil,
      eligibility: evil,
      field: evil,
      documents: [{ name: evil, copies: evil, note: evil, required: true }],
      onlineSteps: [evil],
      legalBasis: [evil],
      feeNote: evil,
    };
    const html = renderProcedure(p, AGENCIES.map((a) => ({ ...a, name: evil })), assets, 1000);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toMatch(/"'&(?!amp;|lt;|gt;|quot;|#39;)/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
  });
});

describe('pay page status rules', () => {
  const JWS = 'eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ.c2lnbmF0dXJl';
  const order = { id: 'ABCDEFGH', reference: 'ABCDEFGH', amount: 25_000, paidAmount: 0, status: 'PENDING', vietqr: { memo: 'ABCDEFGH' } };

  it('formats VND the Vietnamese way', () => {
    expect(formatVnd(25_000)).toBe('25.000 ₫');
    expect(formatVnd(1_234_567)).toBe('1.234.567 ₫');
    expect(formatVnd(0)).toBe('0 ₫');
  });

  it('polls every 2 s while money is due, slower while a clerk acts, never once final', () => {
    expect(orderView(order).pollMs).toBe(2_000);
    expect(orderView(order).payable).toBe(true);
    expect(orderView({ ...order, status: 'UNDERPAID', paidAmount: 10_000 })).toMatchObject({ payable: true, due: 15_000, pollMs: 2_000 });
    expect(orderView({ ...order, status: 'PAID', paidAmount: 25_000 })).toMatchObject({ payable: false, kind: 'PAID' });
    expect(orderView({ ...order, status: 'CONFIRMED', receipt: { number: 1, verifyUrl: `/api/receipts/verify?token=${JWS}` } }).pollMs).toBeNull();
    expect(orderView({ ...order, status: 'CANCELLED' }).pollMs).toBeNull();
    expect(orderView({ ...order, status: 'EXPIRED', expiresAt: '2020-01-01T00:00:00Z' }).pollMs).toBeNull();
  });

  it('treats a transfer after expiry as paid late', () => {
    expect(orderView({ ...order, status: 'EXPIRED', paidAmount: 25_000 }).kind).toBe('LATE');
    expect(orderView({ ...order, status: 'PAID', paidAmount: 25_000, paidLate: true }).kind).toBe('LATE');
    expect(orderView({ ...order, status: 'EXPIRED' }).kind).toBe('EXPIRED');
  });

  it('links an issued receipt to the receipt page, never to a javascript: URL', () => {
    const view = orderView({ ...order, status: 'CONFIRMED', receipt: { number: 42, verifyUrl: `/api/receipts/verify?token=${JWS}` } });
    expect(view.receiptUrl).toBe(`/bien-lai.html?token=${JWS}`);
    expect(view.receiptNumber).toBe('00000042');
    expect(orderView({ ...order, status: 'CONFIRMED', receipt: { number: '1', verifyUrl: 'javascript:alert(1)' } }).receiptUrl).toBeNull();
    expect(orderView({ ...order, status: 'CONFIRMED', receipt: { number: 1, verifyUrl: '/api/receipts/verify?token=%3Cscript%3E' } }).receiptUrl).toBeNull();
    // A cancelled receipt is not offered as the order's receipt.
    expect(orderView({ ...order, status: 'PAID', paidAmount: 25_000, receipt: { number: 1, status: 'CANCELLED', verifyUrl: `/api/receipts/verify?token=${JWS}` } }).receiptUrl).toBeNull();
  });
});
