/**
 * Paying is its own short flow (issue 13, item 3), in the GOV.UK way: one thing per page.
 * The guide's "Nộp lệ phí" button leads here; this page asks where the citizen files (the
 * agency, remembered for next time by the script), how many copies and pages (with the
 * working shown), shows the amount to check, and its button goes straight to the QR.
 * The form itself is the guide's fee form (pages.ts renderFeeForm), not a copy of it.
 */
import { handles, type Agency, type Procedure } from '../../shared/catalogue';
import { SHORT_NAMES } from '../../shared/short-names';
import { html } from './html';
import { en, i18n, page, vi, type AssetPaths } from './layout';
import { portalPaymentNotice, renderFeeForm } from './pages';
import { procedurePath } from './paths';

export { paysOnline, payStartPath } from './paths';

export function renderPayStart(p: Procedure, agencies: readonly Agency[], assets: AssetPaths, maxQuantity: number): string {
  const local = agencies.filter((a) => handles(a, p));
  const short = SHORT_NAMES[p.code];
  const name = short?.vi ?? p.name;
  const body = html`<nav class="crumbs no-print" aria-label="${vi('nav.crumbs')}" data-i18n-attr="aria-label:nav.crumbs"><a href="/" data-i18n="search.find">${vi('search.find')}</a> <span aria-hidden="true">›</span> <a href="${procedurePath(p.code)}" lang="vi">${name}</a></nav>
<h1><span data-i18n="start.title">${vi('start.title')}</span><span class="caption" lang="vi">${name}</span></h1>
<section class="pay-start" id="nop-phi" aria-labelledby="start-h">
<h2 id="start-h" class="visually-hidden" data-i18n="guide.pay">${vi('guide.pay')}</h2>
${i18n('p', 'start.remembered', { attrs: { id: 'agency-remembered', class: 'hint', hidden: true } })}
${portalPaymentNotice(p)}${renderFeeForm(p, local, maxQuantity)}</section>
<p class="no-print"><a href="${procedurePath(p.code)}" data-i18n="start.back">${vi('start.back')}</a></p>
`;
  return page({
    assets,
    script: 'guide',
    prefetch: { scripts: ['pay'], pages: ['/pay.html'] },
    titleVi: `${vi('start.title')}: ${name} – ${vi('site.name')}`,
    titleEn: `${en('start.title')}: ${short?.en ?? p.nameEn} – ${en('site.name')}`,
    description: `Nộp lệ phí ${name} bằng mã QR chuyển khoản ngân hàng.`,
    body,
  });
}
