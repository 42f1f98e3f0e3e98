/** Where the citizen's static pages live, and which procedures have a pay flow. */
import { handles, type Agency, type Procedure } from '../../shared/catalogue';

/** Codes become file names and URLs: keep them to a safe alphabet. */
const SAFE_CODE = /^[A-Za-z0-9._-]+$/;

export function procedurePath(code: string): string {
  if (!SAFE_CODE.test(code) || code.startsWith('.')) throw new Error(`Procedure code not usable as a file name: ${JSON.stringify(code)}`);
  return `/thu-tuc/${code}.html`;
}

/** The pay flow's first page of a procedure: `/thu-tuc/<code>/nop-phi.html`. */
export function payStartPath(code: string): string {
  return procedurePath(code).replace(/\.html$/, '/nop-phi.html');
}

/** Whether a citizen can get a QR for this procedure here (a fee, collected by us, somewhere to file). */
export function paysOnline(p: Procedure, agencies: readonly Agency[]): boolean {
  return p.fee.kind !== 'free' && p.feeCollectedBy === undefined && agencies.some((a) => handles(a, p));
}
