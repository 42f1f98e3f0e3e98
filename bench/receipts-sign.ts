/**
 * E-receipt signing: per receipt, building the XML alone against building and signing it
 * with the PKCS#12 adapter (RSA-2048, the deployed default), in the same run; our
 * verifier for comparison; then a day's summary table (01/TH-BLĐT) of 2,000 receipts,
 * built and signed. Target (issue 15): signing adds at most 2 ms p50 per receipt, and the
 * 2,000-row summary builds and signs in under a second.
 *
 * `npm run bench -- receipts` (or `npx tsx bench/receipts-sign.ts`); BENCH_RECEIPTS scales the receipt count (default 2000).
 */
import { pathToFileURL } from 'node:url';
import { AGENCIES } from '../shared/catalogue';
import { buildReceiptXml, type EReceipt } from '../shared/e-receipt/receipt-xml';
import { buildDailySummaryXml, type SummaryRow } from '../shared/e-receipt/summary-xml';
import { createDevCa, issueAgencyCertificate } from '../functions/lib/receipts/dev-ca';
import { pkcs12Signer } from '../functions/lib/receipts/pkcs12-signer';
import { signXml, trustAnchorsFromPem, verifySignedXml } from '../functions/lib/receipts/xml-signature';
import { measure, ms, table, type Stats } from './lib';

const agency = AGENCIES.find((a) => a.id === 'xa-giong-trom')!;
const SIGNED_AT = new Date('2026-07-15T03:04:05.000Z');

function receipt(i: number): EReceipt {
  return {
    template: 'EBL01',
    symbol: '26TGR',
    number: i + 1,
    issuedAt: new Date(SIGNED_AT.getTime() + i * 1_000).toISOString(),
    collector: { name: agency.name, taxCode: agency.taxCode, address: agency.address },
    payer: { name: 'Nguyễn Thị Hồng Nhung' },
    lines: [{ feeName: 'Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ)', procedureCode: '2.000815', amount: 10_000 + (i % 9) * 1_000 }],
    paymentMethod: 'bank_transfer',
    orderReference: `K7P3QX${String(i % 1000).padStart(3, '0')}`,
  };
}

function row(i: number): SummaryRow {
  return {
    template: 'EBL01',
    symbol: '26TGR',
    number: i + 1,
    issuedAt: new Date(Date.parse('2026-07-15T01:00:00.000Z') + i * 15_000).toISOString(),
    feeName: 'Lệ phí cấp bản sao trích lục hộ tịch',
    amount: 8_000 + (i % 7) * 1_000,
    status: 'new',
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function benchReceiptsSigning(): Promise<string> {
  const count = Number(process.env.BENCH_RECEIPTS ?? 2_000);
  // Valid around the fixed signing time the receipts carry.
  const ca = createDevCa({ now: SIGNED_AT });
  const issued = issueAgencyCertificate(ca, { name: agency.name, taxCode: agency.taxCode }, { now: SIGNED_AT });
  const signer = pkcs12Signer({ pkcs12: issued.pkcs12, password: issued.password });
  const anchors = trustAnchorsFromPem(ca.certificatePem);

  // Warm up both paths (JIT, the key's first use).
  for (let i = 0; i < 200; i++) await signXml(buildReceiptXml(receipt(i)), signer, { signingTime: SIGNED_AT });

  const signed: string[] = [];
  const build = await measure(count, 1, async (i) => {
    buildReceiptXml(receipt(i));
  });
  const buildAndSign = await measure(count, 1, async (i) => {
    signed[i] = await signXml(buildReceiptXml(receipt(i)), signer, { signingTime: SIGNED_AT });
  });
  const verify = await measure(count, 1, async (i) => {
    if (!verifySignedXml(signed[i]!, { trustAnchors: anchors }).ok) throw new Error('a signed receipt did not verify');
  });

  const rows = Array.from({ length: 2_000 }, (_, i) => row(i));
  const summaryBuild: number[] = [];
  const summarySign: number[] = [];
  let bytes = 0;
  for (let run = 0; run < 7; run++) {
    const t0 = performance.now();
    const xml = buildDailySummaryXml({ day: '2026-07-15', summaryNumber: 1, firstTime: true, organisation: { name: agency.name, taxCode: agency.taxCode }, madeAt: '2026-07-15T15:59:00.000Z', rows });
    const t1 = performance.now();
    const signedSummary = await signXml(xml, signer, { signingTime: new Date('2026-07-15T15:59:30.000Z') });
    const t2 = performance.now();
    summaryBuild.push(t1 - t0);
    summarySign.push(t2 - t1);
    bytes = Buffer.byteLength(signedSummary);
  }

  const line = (name: string, s: Stats) => ({ what: name, n: s.n, p50: ms(s.p50), p99: ms(s.p99), mean: ms(s.mean), 'per second': s.perSecond.toFixed(0) });
  const buildMs = median(summaryBuild);
  const signMs = median(summarySign);
  return [
    table([line('build receipt XML', build), line('build + sign (PKCS#12, RSA-2048)', buildAndSign), line('verify (ours)', verify)]),
    '',
    `build + sign against build alone (same run): ${(buildAndSign.p50 / build.p50).toFixed(1)}× p50, ${(buildAndSign.p99 / build.p99).toFixed(1)}× p99, ${(buildAndSign.perSecond / build.perSecond).toFixed(3)}× receipts per second`,
    `signing adds ${ms(buildAndSign.p50 - build.p50)} p50 and ${ms(buildAndSign.p99 - build.p99)} p99 per receipt (target: at most 2 ms p50)`,
    `daily summary of 2,000 receipts (${(bytes / 1024).toFixed(0)} KB signed): build ${ms(buildMs)}, sign ${ms(signMs)}, together ${ms(buildMs + signMs)} (median of 7; target: under 1,000 ms)`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${await benchReceiptsSigning()}\n`);
}
