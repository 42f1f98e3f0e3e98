/**
 * The day's summary to the tax authority (issue 15, item 5), against DynamoDB Local and a
 * T-VAN stand-in over HTTP driven by the real connector: the tax job makes, signs and sends
 * each agency's 01/TH-BLĐT (xmllint validates it, xmlsec1 verifies it), records the
 * answer, makes a corrected table for late changes, retries an outage with backoff, keeps
 * a rejection with its errors until an admin re-sends, and counts the days not accepted
 * by the next working day. The manual adapter: the signed package to download and the
 * answer recorded by an admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOverdue, nextWorkingDay, runTaxJob, type TaxDeps } from '../../../functions/lib/receipts/summary-transmission';
import { TransmissionConfigError, TransmissionUnavailableError } from '../../../functions/lib/receipts/transmission';
import { taxTransmitterFrom } from '../../../functions/lib/receipts/transmitters';
import { tvanConnector } from '../../../functions/lib/receipts/tvan-connector';
import { createStaffApp } from '../../../functions/staff/app';
import type { StaffDeps } from '../../../functions/staff/context';
import { taxDeps } from '../../../functions/staff/use-cases/tax-documents';
import { NOTICE, SUMMARY } from '../../../shared/e-receipt/names';
import { addDays, vietnamDate, vietnamDayBounds } from '../../../shared/time';
import { call, makeReceipt, staffWorld, testReceiptSigners, type StaffWorld } from '../../support/staff';
import { startTvanStandIn, type TvanStandIn } from '../../support/tvan-stand-in';
import { SCHEMAS, xmllintValidate, xmlsecVerify } from '../../support/xml-tools';

let world: StaffWorld;
let tvan: TvanStandIn;
const today = vietnamDate(new Date());
/** The job's clock: 23:30 Vietnam time today (the summary is due), moved on by the tests. */
let clock = new Date(Math.max(Date.now(), Date.parse(vietnamDayBounds(today).end) - 30 * 60_000));
const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
let jobDeps: TaxDeps;
let tvanApp: ReturnType<typeof createStaffApp>;

const caPem = () => testReceiptSigners().trustAnchors().map((c) => c.toString()).join('\n');
const valid = (xml: string) => {
  const schema = xmllintValidate(SCHEMAS.summary, [xml]);
  expect(schema.ok, schema.output).toBe(true);
  const signature = xmlsecVerify(xml, caPem(), SUMMARY.data);
  expect(signature.ok, signature.output).toBe(true);
};

beforeAll(async () => {
  world = await staffWorld();
  tvan = await startTvanStandIn({ processingPolls: 1 });
  const transmitter = tvanConnector({ baseUrl: tvan.url, apiKey: tvan.apiKey, requestTimeoutMs: 300 });
  const staff: StaffDeps = { ...world.deps, transmitter };
  tvanApp = createStaffApp(() => staff);
  jobDeps = { ...taxDeps(staff), now: () => clock };
}, 120_000);
afterAll(async () => tvan?.close());

async function transmission(agencyId: string, app = tvanApp) {
  const res = await app.request(`/api/staff/receipts/daily-summary?date=${today}&agencyId=${agencyId}`, { headers: { authorization: `Bearer ${world.tokens.admin}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { transmission: { status: string; via: string; documents: { id: string; status: string; amendment: number; rows: number; answer?: { accepted: boolean; reference?: string; errors: { code: string }[] }; attempts: { outcome: string }[]; xmlUrl: string }[] } }).transmission;
}

describe('the tax job through the T-VAN connector', () => {
  it('makes, signs and sends the day’s table; the connector gets valid, verifiable XML', async () => {
    await makeReceipt(world, world.own);
    await makeReceipt(world, world.own);
    const result = await runTaxJob(jobDeps);
    expect(result).toMatchObject({ prepared: 1, sent: 1, failed: 0 });
    expect(tvan.received).toHaveLength(1);
    const [doc] = tvan.received;
    expect(doc!.kind).toBe('01/TH-BLDT');
    expect(doc!.xml).toContain(`<${SUMMARY.firstTime}>1</${SUMMARY.firstTime}>`);
    expect(doc!.xml.match(new RegExp(`<${SUMMARY.row}>`, 'g'))).toHaveLength(2);
    valid(doc!.xml);
    const t = await transmission(world.own);
    expect(t).toMatchObject({ status: 'sent', via: 'tvan' });
    // The package as stored is the one sent.
    const xml = await (await call(world, 'GET', t.documents[0]!.xmlUrl, world.tokens.clerk)).text();
    expect(xml).toBe(doc!.xml);
  });

  it('asks for the answer until the data check comes, then records it', async () => {
    later(2 * 60_000);
    expect((await runTaxJob(jobDeps)).accepted).toBe(0); // the connector is still processing
    later(3 * 60_000);
    expect((await runTaxJob(jobDeps)).accepted).toBe(1);
    const t = await transmission(world.own);
    expect(t.status).toBe('accepted');
    expect(t.documents[0]!.answer).toMatchObject({ accepted: true, reference: expect.stringMatching(/^TB-KTDL-/) });
    expect(t.documents[0]!.attempts.map((a) => a.outcome)).toEqual(['sent', 'waiting', 'accepted']);
    // Nothing new: the next run sends nothing.
    later(60_000);
    expect(await runTaxJob(jobDeps)).toMatchObject({ prepared: 0, sent: 0 });
  });

  it('makes a corrected table (an amendment) with only what changed after it was sent', async () => {
    const { receiptId } = await makeReceipt(world, world.own);
    const res = await call(world, 'POST', `/api/staff/receipts/${encodeURIComponent(receiptId)}/cancel`, world.tokens.clerk, { reason: 'Thu nhầm thủ tục' });
    expect(res.status).toBe(200);
    later(60_000);
    expect((await runTaxJob(jobDeps)).sent).toBe(1);
    const amendment = tvan.received.at(-1)!.xml;
    expect(amendment).toContain(`<${SUMMARY.firstTime}>0</${SUMMARY.firstTime}>`);
    expect(amendment).toContain(`<${SUMMARY.amendment}>1</${SUMMARY.amendment}>`);
    // The receipt made and cancelled since: one row, cancelled, with its reason.
    expect(amendment.match(new RegExp(`<${SUMMARY.row}>`, 'g'))).toHaveLength(1);
    expect(amendment).toContain('Thu nhầm thủ tục');
    valid(amendment);
    const t = await transmission(world.own);
    expect(t.documents.map((d) => d.amendment)).toEqual([0, 1]);
    expect(t.status).toBe('sent');
  });

  it('retries an outage with backoff, every try logged, and sends once it is over', async () => {
    later(10 * 60_000);
    await runTaxJob(jobDeps); // the amendment's answer
    await makeReceipt(world, world.other);
    tvan.set('broken');
    later(60_000);
    const failed = await runTaxJob(jobDeps);
    expect(failed.failed).toBeGreaterThanOrEqual(1);
    let t = await transmission(world.other);
    expect(t.status).toBe('pending');
    expect(t.documents[0]!.attempts).toEqual([expect.objectContaining({ outcome: 'failed' })]);
    // A connector that does not answer at all: the same, bounded by the request timeout.
    tvan.set('hang');
    later(6 * 60_000);
    await runTaxJob(jobDeps);
    t = await transmission(world.other);
    expect(t.documents[0]!.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed']);
    // Backoff: the next try waits 10 minutes after the second failure; before that, nothing is sent.
    tvan.set('accept');
    later(60_000);
    await runTaxJob(jobDeps);
    expect((await transmission(world.other)).documents[0]!.attempts).toHaveLength(2);
    later(10 * 60_000);
    await runTaxJob(jobDeps);
    expect((await transmission(world.other)).status).toBe('sent');
    later(5 * 60_000);
    await runTaxJob(jobDeps);
    later(5 * 60_000);
    await runTaxJob(jobDeps);
    expect((await transmission(world.other)).status).toBe('accepted');
  });

  it('keeps a rejection with the tax authority’s errors, does not resend it by itself, and an admin re-sends once fixed', async () => {
    await makeReceipt(world, world.province);
    tvan.set('reject');
    later(60_000);
    await runTaxJob(jobDeps);
    later(5 * 60_000);
    await runTaxJob(jobDeps);
    later(5 * 60_000);
    const rejectedRun = await runTaxJob(jobDeps);
    let t = await transmission(world.province);
    expect(t.status).toBe('rejected');
    expect(t.documents[0]!.answer).toMatchObject({ accepted: false, errors: [{ code: 'KTDL-05' }] });
    expect(rejectedRun.prepared).toBe(0);
    // The schedule does not send the same data again.
    later(60 * 60_000);
    expect((await runTaxJob(jobDeps)).prepared).toBe(0);
    // Fixed (say, the registration accepted): the admin sends again; the rows go again, as a first time.
    tvan.set('accept');
    const res = await tvanApp.request('/api/staff/receipts/daily-summary/send', { method: 'POST', headers: { authorization: `Bearer ${world.tokens.admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ date: today, agencyId: world.province }) });
    expect(res.status).toBe(200);
    t = (await res.json()).transmission;
    expect(t.documents.map((d) => d.status)).toEqual(['rejected', 'sent']);
    const resent = tvan.received.at(-1)!.xml;
    expect(resent).toContain(`<${SUMMARY.firstTime}>1</${SUMMARY.firstTime}>`);
    valid(resent);
  });

  it('refused at submission (4xx with errors): rejected at once, with the errors', async () => {
    const agency = world.province;
    await makeReceipt(world, agency);
    tvan.set('refuse');
    later(60_000);
    await runTaxJob(jobDeps);
    const t = await transmission(agency);
    expect(t.documents.at(-1)).toMatchObject({ status: 'rejected', answer: { accepted: false, errors: [{ code: 'KTDL-05' }] } });
    tvan.set('accept');
  });

  it('counts a day not accepted by the next working day (the alarm’s measure)', async () => {
    expect(nextWorkingDay('2026-12-04')).toBe('2026-12-07'); // a Friday's is the Monday
    expect(isOverdue('2026-12-04', new Date('2026-12-07T10:00:00+07:00'))).toBe(false);
    expect(isOverdue('2026-12-04', new Date('2026-12-08T00:10:00+07:00'))).toBe(true);
    // The province's day ends rejected then re-sent (not yet answered): overdue four days later.
    const overdue = await runTaxJob({ ...jobDeps, now: () => new Date(Date.parse(`${addDays(today, 4)}T12:00:00+07:00`)) });
    expect(overdue.overdueDays).toBeGreaterThanOrEqual(1);
  });

  it('a wrong API key is an outage (retried), never a verdict', async () => {
    const wrongKey = tvanConnector({ baseUrl: tvan.url, apiKey: 'not-the-key-0000000000' });
    await expect(wrongKey.submit({ kind: 'summary', taxCode: '9900000202', messageId: 'm-1', xml: '<x/>' })).rejects.toThrow(TransmissionUnavailableError);
    await expect(wrongKey.verdict('t-1')).rejects.toThrow(TransmissionUnavailableError);
  });
});

describe('error notices (04/SS-CTĐT) through the same port', () => {
  const post = (path: string, body: unknown, token = world.tokens.clerk) =>
    tvanApp.request(path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('a wrong name: the receipt stays, a signed notice is sent, answered, and shown with the receipt', async () => {
    tvan.set('accept');
    const { receiptId } = await makeReceipt(world, world.own);
    const before = await (await call(world, 'GET', `/api/staff/receipts/${encodeURIComponent(receiptId)}`, world.tokens.clerk)).json();
    const res = await post(`/api/staff/receipts/${encodeURIComponent(receiptId)}/error-notice`, { action: 'explain', reason: 'Sai tên người nộp: Nguyễn Văn Ân, không phải Nguyễn Văn An' });
    expect(res.status).toBe(201);
    const { notice } = await res.json();
    expect(notice).toMatchObject({ kind: 'notice', status: 'sent' });
    const sent = tvan.received.at(-1)!;
    expect(sent.kind).toBe('04/SS-CTDT');
    const schema = xmllintValidate(SCHEMAS.notice, [sent.xml]);
    expect(schema.ok, schema.output).toBe(true);
    const signature = xmlsecVerify(sent.xml, caPem(), NOTICE.data);
    expect(signature.ok, signature.output).toBe(true);
    expect(sent.xml).toContain(before.symbol);
    // The job asks for the answer like a summary's.
    later(5 * 60_000);
    await runTaxJob(jobDeps);
    later(5 * 60_000);
    await runTaxJob(jobDeps);
    const after = await (await call(world, 'GET', `/api/staff/receipts/${encodeURIComponent(receiptId)}`, world.tokens.clerk)).json();
    expect(after.notices).toEqual([expect.objectContaining({ id: notice.id, status: 'accepted' })]);
    // Nothing of the receipt changed: not its XML, not its status, not its number.
    const { notices: noneBefore, ...receiptBefore } = before;
    const { notices: _, ...receiptAfter } = after;
    expect(noneBefore).toEqual([]);
    expect(receiptAfter).toEqual(receiptBefore);
  });

  it('a cancellation notice only for a cancelled receipt; bad input is a 400; a volunteer may not', async () => {
    const { receiptId } = await makeReceipt(world, world.own);
    const path = `/api/staff/receipts/${encodeURIComponent(receiptId)}/error-notice`;
    expect((await post(path, { action: 'cancel', reason: 'Đã hủy biên lai' })).status).toBe(409);
    expect((await post(path, { action: 'rewrite', reason: 'Sai tên' })).status).toBe(400);
    expect((await post(path, { reason: '' })).status).toBe(400);
    expect((await post(path, { reason: 'Sai tên' }, world.tokens.volunteer)).status).toBe(403);
    expect((await post(path, { reason: 'Sai tên' }, world.tokens.clerk2)).status).toBe(404);
    expect((await world.deps.taxDocuments.notices(world.own, '2000-01-01')).filter((n) => n.receiptIds?.includes(receiptId))).toEqual([]);
  });

  it('during an outage the notice waits in the outbox and the job sends it', async () => {
    const { receiptId } = await makeReceipt(world, world.own);
    tvan.set('broken');
    const res = await post(`/api/staff/receipts/${encodeURIComponent(receiptId)}/error-notice`, { reason: 'Sai địa chỉ người nộp' });
    expect(res.status).toBe(201);
    expect((await res.json()).notice.status).toBe('pending');
    tvan.set('accept');
    const count = tvan.received.length;
    later(10 * 60_000);
    await runTaxJob(jobDeps);
    expect(tvan.received.slice(count).map((d) => d.kind)).toContain('04/SS-CTDT');
  });
});

describe('the manual adapter and the admin’s routes', () => {
  it('marks the day sent by hand, serves the signed package, and records the answer an admin enters', async () => {
    const { app } = world;
    await makeReceipt(world, world.own);
    const send = await call(world, 'POST', '/api/staff/receipts/daily-summary/send', world.tokens.admin, { date: today, agencyId: world.own });
    expect(send.status).toBe(200);
    const t = (await send.json()).transmission;
    expect(t.via).toBe('manual');
    const doc = t.documents.at(-1);
    expect(doc.status).toBe('sent');
    const xml = await (await app.request(doc.xmlUrl, { headers: { authorization: `Bearer ${world.tokens.clerk}` } })).text();
    valid(xml);
    // The clerk may download, not record.
    expect((await call(world, 'POST', '/api/staff/tax-documents/answer', world.tokens.clerk, { agencyId: world.own, kind: 'summary', id: doc.id, accepted: true })).status).toBe(403);
    // A rejection needs the errors; bad input is a 400 and records nothing.
    const bad = await call(world, 'POST', '/api/staff/tax-documents/answer', world.tokens.admin, { agencyId: world.own, kind: 'summary', id: doc.id, accepted: false });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('VALIDATION_FAILED');
    expect((await call(world, 'POST', '/api/staff/tax-documents/answer', world.tokens.admin, { agencyId: world.own, kind: 'summary', id: '2026-01-01#000', accepted: true })).status).toBe(404);
    const ok = await call(world, 'POST', '/api/staff/tax-documents/answer', world.tokens.admin, { agencyId: world.own, kind: 'summary', id: doc.id, accepted: true, reference: '01/TB-KTDL 123' });
    expect(ok.status).toBe(200);
    expect((await ok.json()).document).toMatchObject({ status: 'accepted', answer: { accepted: true, reference: '01/TB-KTDL 123', recordedBy: 'admin' } });
    // Answered once: not again.
    expect((await call(world, 'POST', '/api/staff/tax-documents/answer', world.tokens.admin, { agencyId: world.own, kind: 'summary', id: doc.id, accepted: true })).status).toBe(409);
  });

  it('refuses bad input with the contract’s 4xx', async () => {
    const cases: [unknown, number][] = [
      [{ date: '2026-02-30' }, 400],
      [{ date: today, extra: 1 }, 400],
      [{ date: addDays(today, 2), agencyId: world.own }, 422],
      [{ date: '2020-01-01', agencyId: world.own }, 422],
    ];
    for (const [body, status] of cases) {
      const res = await call(world, 'POST', '/api/staff/receipts/daily-summary/send', world.tokens.admin, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await res.json()).error.messageEn).toBeTruthy();
    }
    expect((await call(world, 'GET', '/api/staff/tax-documents/xml?kind=summary&id=%3Cx%3E', world.tokens.admin)).status).toBe(400);
  });

  it('refuses an incomplete T-VAN configuration at start-up', () => {
    expect(() => taxTransmitterFrom({ TAX_TRANSMISSION: 'tvan' })).toThrow(TransmissionConfigError);
    expect(() => taxTransmitterFrom({ TAX_TRANSMISSION: 'tvan', TAX_TVAN_URL: 'https://tvan.example', TAX_TVAN_API_KEY: 'short' })).toThrow(/API key/);
    expect(() => taxTransmitterFrom({ TAX_TRANSMISSION: 'tvan', TAX_TVAN_URL: 'http://tvan.example', TAX_TVAN_API_KEY: 'a-long-enough-api-key', NODE_ENV: 'production' })).toThrow(/https/);
    expect(() => taxTransmitterFrom({ TAX_TRANSMISSION: 'email' })).toThrow(TransmissionConfigError);
    expect(taxTransmitterFrom({}).name).toBe('manual');
  });
});
