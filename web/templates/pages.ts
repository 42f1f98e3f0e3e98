/**
 * The static pages, rendered at build time from the catalogue. Guide pages carry all
 * their content in the HTML so they read fine with JavaScript off; scripts only add
 * search, the saved checklist, the fee form and the English interface.
 */
import { handles, type Agency, type Procedure } from '../../shared/catalogue';
import { SHORT_NAMES } from '../../shared/short-names';
import { foldForSearch } from '../../shared/text';
import type { MessageKey } from '../src/i18n';
import { formatVnd } from '../src/lib/format';
import type { FeeFormData } from '../src/lib/page-data';
import { feeCountsCopies, MAX_COPIES } from '../../shared/fees';
import { feeCountsUnits, feeDescription, feeSummary } from './fee-text';
import { asksVneid, reliefsHtml, vneidField } from './relief-html';
import { attrs, html, jsonForScript, type SafeHtml } from './html';
import { paysOnline, payStartPath, procedurePath } from './paths';
import { en, i18n, page, vi, type AssetPaths } from './layout';

export type Level = Procedure['level'];
const LEVELS: readonly Level[] = ['commune', 'province'];

export { procedurePath } from './paths';

function levelKey(level: Level): 'level.commune' | 'level.province' {
  return level === 'commune' ? 'level.commune' : 'level.province';
}

function levelShortKey(level: Level): 'levelShort.commune' | 'levelShort.province' {
  return level === 'commune' ? 'levelShort.commune' : 'levelShort.province';
}

/** The fee in a few words, in the page's language (the switch re-words it). */
function feeSummaryHtml(procedure: Procedure): SafeHtml {
  const fee = procedure.fee;
  switch (fee.kind) {
    case 'free':
      return i18n('span', 'fee.free');
    case 'flat':
      return html`<span>${feeSummary(fee)}</span>`;
    case 'per_unit':
      return i18n('span', 'fee.perUnit', { params: { amount: formatVnd(fee.unitAmount), unit: `@unit.${fee.unit}` } });
    case 'tiered':
      return i18n('span', 'fee.fromPerUnit', { params: { amount: formatVnd(Math.min(...fee.tiers.map((tier) => tier.unitAmount))), unit: `@unit.${fee.unit}` } });
  }
}

// ---------------------------------------------------------------------------- home

export function renderHome(procedures: readonly Procedure[], assets: AssetPaths): string {
  const levels = LEVELS.map((level) => {
    const ofLevel = procedures.filter((p) => p.level === level);
    if (ofLevel.length === 0) return '';
    const fields: string[] = [];
    for (const p of ofLevel) if (!fields.includes(p.field)) fields.push(p.field);
    const groups = fields.map((field) => {
      const items = ofLevel.filter((p) => p.field === field);
      return html`<div class="field-group">
<h4 lang="vi">${field}</h4>
<ul class="proc-list">
${items.map((p) => {
  const short = SHORT_NAMES[p.code];
  const haystack = foldForSearch([p.name, p.nameEn, short?.vi ?? '', short?.en ?? '', p.code, p.field, ...(p.keywords ?? [])].join(' '));
  return html`<li data-search="${haystack}"><a href="${procedurePath(p.code)}"><span class="proc-name" lang="vi">${short?.vi ?? p.name}</span><span class="en-only proc-en" lang="en">${short?.en ?? p.nameEn}</span></a> <span class="proc-fee">${feeSummaryHtml(p)}</span></li>
`;
})}</ul>
</div>
`;
    });
    return html`<section class="level-group" aria-labelledby="level-${level}">
${i18n('h3', levelKey(level), { attrs: { id: `level-${level}` } })}
${groups}</section>
`;
  });

  // Search sits right under the title and its results right under the box, so on a phone
  // they stay in view above the on-screen keyboard (issue 13); the how-to comes after.
  const body = html`<h1 data-i18n="home.title">${vi('home.title')}</h1>
<div class="search js-only" id="search" role="search">
<label for="q" data-i18n="search.label">${vi('search.label')}</label>
${i18n('p', 'search.hint', { attrs: { id: 'q-hint', class: 'hint' } })}
<input id="q" name="q" type="search" autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="search" aria-describedby="q-hint" aria-controls="procedure-list">
<p id="search-status" class="search-status" role="status" aria-live="polite"></p>
</div>
<noscript><p class="tip">${vi('search.noscript')}</p></noscript>
<section id="procedure-list" aria-labelledby="list-title">
${i18n('h2', 'list.title', { attrs: { id: 'list-title' } })}
${levels}</section>
<section class="about-site" aria-labelledby="how-h">
${i18n('h2', 'home.howTitle', { attrs: { id: 'how-h' } })}
${i18n('p', 'home.intro', { attrs: { class: 'lead' } })}
<ol class="how">
${i18n('li', 'home.step1')}
${i18n('li', 'home.step2')}
${i18n('li', 'home.step3')}
</ol>
</section>
`;
  return page({
    assets,
    script: 'home',
    prefetch: { scripts: ['procedure'] },
    titleVi: `${vi('home.title')} – ${vi('site.name')}`,
    titleEn: `${en('home.title')} – ${en('site.name')}`,
    description: vi('home.intro'),
    body,
  });
}

// --------------------------------------------------------------------------- guide

export function renderProcedure(procedure: Procedure, agencies: readonly Agency[], assets: AssetPaths, maxQuantity: number): string {
  const p = procedure;
  // Agencies in service that handle it (an agency of the old map takes no new order).
  const localAgencies = agencies.filter((a) => handles(a, p));
  const docs = p.documents.map((doc, i) => {
    const id = `doc-${i}`;
    const meta: SafeHtml[] = [];
    if (doc.copies !== undefined) meta.push(html`<span>${doc.copies}</span>`);
    meta.push(i18n('span', doc.required ? 'guide.required' : 'guide.optional', { attrs: { class: doc.required ? 'tag tag-required' : 'tag' } }));
    return html`<li><input type="checkbox" id="${id}" data-doc="${i}"><label for="${id}"><span class="doc-name">${doc.name}</span> <span class="doc-meta">${meta.map((m, j) => (j === 0 ? m : html` · ${m}`))}</span>${doc.note ? html`<span class="doc-note">${doc.note}</span>` : ''}</label></li>
`;
  });

  const steps = (n: number, id: string, key: MessageKey, content: SafeHtml) => html`<section class="step" id="${id}" aria-labelledby="${id}-h">
<h2 id="${id}-h"><span class="step-no" aria-hidden="true">${n}</span> <span data-i18n="${key}">${vi(key)}</span></h2>
${content}</section>
`;

  const before = html`${i18n('h3', 'guide.eligibility')}
<p lang="vi">${p.eligibility}</p>
${i18n('h3', 'guide.documents', { attrs: { id: 'docs-h' } })}
${i18n('p', 'guide.checkHint', { attrs: { class: 'hint no-print' } })}
<ul class="checklist" id="checklist" aria-labelledby="docs-h" data-procedure="${p.code}" lang="vi">
${docs}</ul>
<p id="checklist-progress" class="hint no-print" aria-live="polite"></p>
<p class="no-print"><button type="button" id="print-checklist" class="button secondary" hidden data-i18n="guide.print">${vi('guide.print')}</button></p>
`;

  const login = html`<ol class="steps">
${i18n('li', 'guide.login1')}
${i18n('li', 'guide.login2')}
${i18n('li', 'guide.login3')}
${i18n('li', 'guide.login4')}
</ol>
<p><a class="button secondary" href="https://dichvucong.gov.vn/" rel="noopener" data-i18n="guide.portal">${vi('guide.portal')}</a></p>
`;

  const submit = html`${i18n('p', 'guide.submitIntro')}
<ol class="steps" lang="vi">
${p.onlineSteps.map((s) => html`<li>${s}</li>
`)}</ol>
${i18n('p', 'guide.submitAfter')}
`;

  // Paying is its own short flow (pay-start.ts); the guide's step 4 leads there.
  const short = SHORT_NAMES[p.code];
  const payable = paysOnline(p, agencies);
  // Paid on the national portal when filed online (issue 14, item 6): said plainly, before any QR.
  const portal = portalPaymentNotice(p);
  const pay = payable
    ? html`${portal}${i18n('p', 'guide.payStep')}
<p><a class="button primary" href="${payStartPath(p.code)}" data-i18n="guide.payButton">${vi('guide.payButton')}</a></p>
`
    : html`${portal}${renderFeeForm(p, localAgencies, maxQuantity)}`;

  const track = html`${i18n('p', 'guide.track1')}
${i18n('h3', 'guide.resultCollection')}
<p lang="vi">${p.resultCollection}</p>
<p><strong data-i18n="guide.processingTime">${vi('guide.processingTime')}</strong>: <span lang="vi">${p.processingTime}</span></p>
`;

  const facts = html`<section class="facts" id="thong-tin" aria-labelledby="thong-tin-h">
${i18n('h2', 'guide.facts', { attrs: { id: 'thong-tin-h' } })}
<dl>
<div><dt data-i18n="guide.officialName">${vi('guide.officialName')}</dt><dd lang="vi">${p.name}</dd></div>
<div><dt data-i18n="fee.label">${vi('fee.label')}</dt><dd lang="vi">${feeDescription(p.fee)}${p.feeNote ? html` <span class="fee-note">${p.feeNote}</span>` : ''}${reliefsHtml(p)}</dd></div>
<div><dt data-i18n="guide.processingTime">${vi('guide.processingTime')}</dt><dd lang="vi">${p.processingTime}</dd></div>
<div><dt data-i18n="guide.level">${vi('guide.level')}</dt><dd>${i18n('span', levelShortKey(p.level))}</dd></div>
<div><dt data-i18n="guide.field">${vi('guide.field')}</dt><dd lang="vi">${p.field}</dd></div>
<div><dt data-i18n="guide.code">${vi('guide.code')}</dt><dd>${p.code}</dd></div>
<div><dt data-i18n="guide.legalBasis">${vi('guide.legalBasis')}</dt><dd><ul class="legal" lang="vi">
${p.legalBasis.map((l) => html`<li>${l}</li>
`)}</ul></dd></div>
</dl>
</section>
`;

  const body = html`<nav class="crumbs no-print" aria-label="${vi('nav.crumbs')}" data-i18n-attr="aria-label:nav.crumbs"><a href="/" data-i18n="nav.home">${vi('nav.home')}</a> <span aria-hidden="true">›</span> ${i18n('span', levelKey(p.level))}</nav>
<h1 lang="vi">${short?.vi ?? p.name}</h1>
<p class="en-only name-en" lang="en">${short?.en ?? p.nameEn}</p>
<p class="summary"><span class="summary-item"><strong data-i18n="fee.label">${vi('fee.label')}</strong>: ${feeSummaryHtml(p)}</span> <span class="summary-item"><strong data-i18n="guide.processingTime">${vi('guide.processingTime')}</strong>: <span lang="vi">${p.processingTime}</span></span></p>
${payable ? html`<p class="pay-cta no-print"><a class="button primary" id="pay-start" href="${payStartPath(p.code)}" data-i18n="guide.payButton">${vi('guide.payButton')}</a></p>
` : ''}<nav class="toc no-print" aria-label="${vi('guide.toc')}" data-i18n-attr="aria-label:guide.toc">
<ol>
<li><a href="#truoc-khi-bat-dau" data-i18n="guide.before">${vi('guide.before')}</a></li>
<li><a href="#dang-nhap" data-i18n="guide.login">${vi('guide.login')}</a></li>
<li><a href="#nop-ho-so" data-i18n="guide.submit">${vi('guide.submit')}</a></li>
<li><a href="#nop-phi" data-i18n="guide.pay">${vi('guide.pay')}</a></li>
<li><a href="#theo-doi" data-i18n="guide.track">${vi('guide.track')}</a></li>
</ol>
</nav>
${steps(1, 'truoc-khi-bat-dau', 'guide.before', before)}${steps(2, 'dang-nhap', 'guide.login', login)}${steps(3, 'nop-ho-so', 'guide.submit', submit)}${steps(4, 'nop-phi', 'guide.pay', pay)}${steps(5, 'theo-doi', 'guide.track', track)}${facts}`;

  return page({
    assets,
    script: 'procedure',
    prefetch: payable ? { scripts: ['guide'], pages: [payStartPath(p.code)] } : undefined,
    titleVi: `${short?.vi ?? p.name} – ${vi('site.name')}`,
    titleEn: `${short?.en ?? p.nameEn} – ${en('site.name')}`,
    description: `Hướng dẫn từng bước thủ tục ${p.name}: giấy tờ cần chuẩn bị, nộp hồ sơ trực tuyến và nộp lệ phí.`,
    body,
  });
}

/** Paid on the national portal when filed online (issue 14, item 6): said plainly, before any QR; empty otherwise. */
export function portalPaymentNotice(p: Procedure): SafeHtml | '' {
  return p.paidOnPortalOnline === true ? i18n('p', 'guide.portalPayment', { attrs: { class: 'notice', id: 'portal-payment' } }) : '';
}

export function renderFeeForm(p: Procedure, agencies: readonly Agency[], maxQuantity: number): SafeHtml {
  if (p.fee.kind === 'free') {
    return html`${i18n('p', 'form.free', { attrs: { class: 'notice notice-ok' } })}
`;
  }
  if (p.feeCollectedBy !== undefined) {
    return html`${i18n('p', 'form.collectedBy', { params: { who: p.feeCollectedBy }, attrs: { class: 'notice' } })}
`;
  }
  if (agencies.length === 0) {
    return html`${i18n('p', 'form.noAgency', { attrs: { class: 'notice' } })}
`;
  }
  const data: FeeFormData = {
    procedureCode: p.code,
    fee: p.fee,
    maxQuantity,
    maxCopies: MAX_COPIES,
    source: { fee: p.fee, legalBasis: p.legalBasis, ...(p.feeKind ? { feeKind: p.feeKind } : {}), ...(p.feeRules ? { feeRules: p.feeRules } : {}), ...(p.reliefs ? { reliefs: p.reliefs } : {}) },
  };
  const single = agencies.length === 1;
  const unit = feeCountsUnits(p.fee) ? p.fee.unit : null;
  const unitParams: Record<string, string> = unit ? { unit: `@unit.${unit}`, units: `@units.${unit}` } : {};
  // A fee counted on the pages of one paper asks how many copies, then how many pages each:
  // each copy is charged on its own (shared/fees.ts feeFor).
  const perCopy = feeCountsCopies(p.fee);
  const copies = perCopy
    ? html`<div class="field" id="field-copies">
${i18n('label', 'form.copies', { attrs: { for: 'copies' } })}
${i18n('p', 'form.copiesHint', { attrs: { class: 'hint', id: 'copies-hint' } })}
<p class="field-error" id="copies-error" hidden></p>
<input id="copies" name="copies" type="number" inputmode="numeric" pattern="[0-9]*" min="1" max="${MAX_COPIES}" step="1" value="1" required aria-describedby="copies-hint copies-error" class="input-short">
</div>
`
    : '';
  const quantity = unit
    ? html`<div class="field" id="field-quantity">
${i18n('label', perCopy ? 'form.quantityEach' : 'form.quantity', { params: unitParams, attrs: { for: 'quantity' } })}
${i18n('p', perCopy ? 'form.quantityEachHint' : 'form.quantityHint', { params: unitParams, attrs: { class: 'hint', id: 'quantity-hint' } })}
<p class="field-error" id="quantity-error" hidden></p>
<input id="quantity" name="quantity" type="number" inputmode="numeric" pattern="[0-9]*" min="1" max="${maxQuantity}" step="1" value="1" required aria-describedby="quantity-hint quantity-error" class="input-short">
</div>
`
    : '';
  return html`${i18n('p', 'form.intro')}
${reliefsHtml(p)}<script type="application/json" id="fee-data">${jsonForScript(data)}</script>
<form id="order-form" class="order-form" novalidate hidden>
<div id="form-errors" class="error-summary" role="alert" tabindex="-1" hidden></div>
<div class="field" id="field-agencyId">
<label for="agencyId" data-i18n="form.agency">${vi('form.agency')}</label>
<p class="field-error" id="agencyId-error" hidden></p>
<select id="agencyId" name="agencyId" required aria-describedby="agencyId-error">
${single ? '' : html`<option value="" data-i18n="form.agencyChoose">${vi('form.agencyChoose')}</option>
`}${agencies.map((a) => html`<option${attrs({ value: a.id, selected: single })}>${a.name}</option>
`)}</select>
</div>
${asksVneid(p) ? vneidField() : ''}${copies}${quantity}<div class="field" id="field-dossierCode">
<label for="dossierCode" data-i18n="form.dossier">${vi('form.dossier')}</label>
${i18n('p', 'form.dossierHint', { attrs: { class: 'hint', id: 'dossierCode-hint' } })}
<p class="field-error" id="dossierCode-error" hidden></p>
<input id="dossierCode" name="dossierCode" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40" aria-describedby="dossierCode-hint dossierCode-error" class="input-medium">
</div>
<p class="amount-line"><span data-i18n="form.amount">${vi('form.amount')}</span>: <output id="amount" class="amount" aria-live="polite"${attrs({ for: unit ? (perCopy ? 'copies quantity' : 'quantity') : undefined })}>${p.fee.kind === 'flat' ? formatVnd(p.fee.amount) : ''}</output></p>
${unit ? html`<p id="amount-working" class="hint amount-working"></p>
` : ''}
<details class="more">
<summary data-i18n="form.more">${vi('form.more')}</summary>
<div class="field" id="field-payerName">
<label for="payerName" data-i18n="form.name">${vi('form.name')}</label>
<p class="field-error" id="payerName-error" hidden></p>
<input id="payerName" name="payerName" type="text" autocomplete="name" maxlength="100" aria-describedby="payerName-error">
</div>
<div class="field" id="field-payerPhone">
<label for="payerPhone" data-i18n="form.phone">${vi('form.phone')}</label>
${i18n('p', 'form.phoneHint', { attrs: { class: 'hint', id: 'payerPhone-hint' } })}
<p class="field-error" id="payerPhone-error" hidden></p>
<input id="payerPhone" name="payerPhone" type="tel" autocomplete="tel" inputmode="tel" maxlength="20" aria-describedby="payerPhone-hint payerPhone-error" class="input-medium">
</div>
</details>
<button type="submit" class="button primary" id="order-submit" data-i18n="form.submit">${vi('form.submit')}</button>
<p id="form-busy" class="hint" role="status" aria-live="polite"></p>
</form>
<noscript><p class="notice">${vi('form.noscript')}</p></noscript>
`;
}

// ----------------------------------------------------------------------------- 404

export function renderNotFound(assets: AssetPaths): string {
  const body = html`<h1 data-i18n="notFound.title">${vi('notFound.title')}</h1>
${i18n('p', 'notFound.body', { attrs: { class: 'lead' } })}
<p><a class="button primary" href="/" data-i18n="search.find">${vi('search.find')}</a></p>
${i18n('p', 'notFound.ask')}
`;
  return page({
    assets,
    script: 'page',
    titleVi: `${vi('notFound.title')} – ${vi('site.name')}`,
    titleEn: `${en('notFound.title')} – ${en('site.name')}`,
    description: vi('notFound.body'),
    body,
  });
}
