/** What the day's summary reads: the agency's receipts made that day and those cancelled that day. */
import type { Agency } from '../../../shared/catalogue';
import type { SummaryRow } from '../../../shared/e-receipt/summary-xml';
import { vietnamDayBounds } from '../../../shared/time';
import type { StaffPrincipal } from '../../lib/accounts/login';
import { dailySummaryXml, summaryRows, type SummaryInput } from '../../lib/receipts/daily-summary';
import { signXml } from '../../lib/receipts/xml-signature';
import type { StaffDeps } from '../context';
import { agencyFor, reportDeps } from './reports';

async function summaryInput(d: StaffDeps, p: StaffPrincipal, day: string, agencyId: string | undefined): Promise<{ agency: Agency; input: SummaryInput }> {
  const agency = await agencyFor(reportDeps(d), p, agencyId);
  const { start, end } = vietnamDayBounds(day);
  const [issued, cancelled] = await Promise.all([d.reports.receiptsIssued(agency.id, start, end), d.reports.receiptsCancelledBetween(agency.id, start, end)]);
  return { agency, input: { day, agency, issued, cancelled } };
}

export async function summaryFor(d: StaffDeps, p: StaffPrincipal, day: string, agencyId: string | undefined): Promise<{ agency: Agency; day: string; rows: SummaryRow[] }> {
  const { agency, input } = await summaryInput(d, p, day, agencyId);
  return { agency, day, rows: summaryRows(input) };
}

/** The table signed by the agency, as the tax authority receives it. */
export async function signedSummaryXml(d: StaffDeps, p: StaffPrincipal, day: string, agencyId: string | undefined): Promise<{ agency: Agency; day: string; xml: string }> {
  const { agency, input } = await summaryInput(d, p, day, agencyId);
  const now = d.now();
  const signer = await d.receiptSigners.signerFor(agency);
  return { agency, day, xml: await signXml(dailySummaryXml(input, now), signer, { signingTime: now }) };
}
