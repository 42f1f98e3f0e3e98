/**
 * Staff pages: login, the volunteer's counter mode (tablet) and the clerk's console.
 * They are shells: everything on them comes from the staff API after login, so without
 * JavaScript they say so. The token lives in sessionStorage (web/src/lib/staff-session.ts).
 */
import type { Agency, Procedure } from '../../shared/catalogue';
import { isPayableHere } from '../../shared/catalogue';
import { MAX_COPIES } from '../../shared/fees';
import { foldForSearch } from '../../shared/text';
import type { MessageKey } from '../src/i18n';
import type { StaffPageData } from '../src/lib/page-data';
import { html, jsonForScript, type SafeHtml } from './html';
import { en, i18n, page, vi, type AssetPaths } from './layout';
import { SHORT_NAMES } from '../../shared/short-names';


function staffData(agencies: readonly Agency[], procedures: readonly Procedure[], maxQuantity: number, withProcedures: boolean): StaffPageData {
  return {
    agencies: agencies.map((a) => ({ id: a.id, name: a.name, level: a.level, ...(a.parentId !== undefined ? { parentId: a.parentId } : {}) })),
    procedures: withProcedures
      ? procedures.filter(isPayableHere).map((p) => ({
          code: p.code,
          name: SHORT_NAMES[p.code]?.vi ?? p.name,
          nameEn: SHORT_NAMES[p.code]?.en ?? p.nameEn,
          level: p.level,
          fee: p.fee,
          search: foldForSearch([p.name, p.nameEn, SHORT_NAMES[p.code]?.vi ?? '', p.code, p.field, ...(p.keywords ?? [])].join(' ')),
        }))
      : [],
    maxQuantity,
    maxCopies: MAX_COPIES,
  };
}

/** Who is logged in, the staff pages they may use, and logout. Filled in by the page's script. */
function staffBar(): SafeHtml {
  return html`<div class="staff-bar" id="staff-bar" hidden>
<p class="staff-who"><span data-i18n="staff.signedInAs">${vi('staff.signedInAs')}</span> <strong id="staff-name"></strong> <span id="staff-role" class="staff-role"></span></p>
<nav aria-label="${vi('staff.nav')}" data-i18n-attr="aria-label:staff.nav">
<ul class="staff-nav">
<li id="nav-counter-item"><a href="/can-bo/tai-quay.html" id="nav-counter" data-i18n="staff.counter">${vi('staff.counter')}</a></li>
<li id="nav-console-item"><a href="/can-bo/ban-lam-viec.html" id="nav-console" data-i18n="staff.console">${vi('staff.console')}</a></li>
<li id="nav-dashboard-item" hidden><a href="/can-bo/bang-dieu-khien.html" id="nav-dashboard" data-i18n="staff.dashboard">${vi('staff.dashboard')}</a></li>
<li><button type="button" id="logout" class="button secondary small" data-i18n="staff.logout">${vi('staff.logout')}</button></li>
</ul>
</nav>
</div>
`;
}

const noscript = () => html`<noscript><p class="notice notice-warn">${vi('staff.noscript')}</p></noscript>
`;

function field(id: string, labelKey: MessageKey, control: SafeHtml, hintKey?: MessageKey, hidden = false): SafeHtml {
  return html`<div class="field" id="field-${id}"${hidden ? html` hidden` : ''}>
<label for="${id}" data-i18n="${labelKey}">${vi(labelKey)}</label>
${hintKey ? i18n('p', hintKey, { attrs: { class: 'hint', id: `${id}-hint` } }) : ''}<p class="field-error" id="${id}-error" hidden></p>
${control}
</div>
`;
}

// ---------------------------------------------------------------------------- login

export function renderLogin(assets: AssetPaths): string {
  const body = html`<h1 data-i18n="login.title">${vi('login.title')}</h1>
${i18n('p', 'login.intro', { attrs: { class: 'lead' } })}
${noscript()}<p id="login-notice" class="notice notice-warn" role="status" hidden></p>
<form id="login-form" class="panel-form" novalidate hidden>
<div id="login-errors" class="error-summary" role="alert" tabindex="-1" hidden></div>
${field('username', 'login.username', html`<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="64" required aria-describedby="username-error" class="input-medium">`)}${field(
    'password',
    'login.password',
    html`<input id="password" name="password" type="password" autocomplete="current-password" maxlength="1024" required aria-describedby="password-error" class="input-medium">
<label class="choice small"><input type="checkbox" id="show-password"> <span data-i18n="login.show">${vi('login.show')}</span></label>`,
  )}<button type="submit" id="login-submit" class="button primary" data-i18n="login.submit">${vi('login.submit')}</button>
<p id="login-busy" class="hint" role="status" aria-live="polite"></p>
</form>
`;
  return page({
    assets,
    script: 'login',
    titleVi: `${vi('login.title')} – ${vi('site.name')}`,
    titleEn: `${en('login.title')} – ${en('site.name')}`,
    description: vi('login.intro'),
    body,
    private: true,
  });
}

// -------------------------------------------------------------------------- counter

export function renderCounter(agencies: readonly Agency[], procedures: readonly Procedure[], maxQuantity: number, assets: AssetPaths): string {
  const data = staffData(agencies, procedures, maxQuantity, true);
  const body = html`<h1 data-i18n="counter.title">${vi('counter.title')}</h1>
${staffBar()}${noscript()}<script type="application/json" id="staff-data">${jsonForScript(data)}</script>
<section id="counter" aria-labelledby="counter-form-h" hidden>
${i18n('h2', 'counter.formTitle', { attrs: { id: 'counter-form-h', class: 'visually-hidden' } })}
<form id="counter-form" class="panel-form" novalidate>
<div id="counter-errors" class="error-summary" role="alert" tabindex="-1" hidden></div>
${field('agencyId', 'counter.agency', html`<select id="agencyId" name="agencyId" aria-describedby="agencyId-error"></select>`, undefined, true)}<p id="counter-agency" class="counter-agency"></p>
<fieldset class="field proc-field" id="field-procedureCode">
<legend data-i18n="counter.procedure">${vi('counter.procedure')}</legend>
<label for="procedureCode" class="sub-label" data-i18n="counter.search">${vi('counter.search')}</label>
${i18n('p', 'counter.searchHint', { attrs: { class: 'hint', id: 'procedureCode-hint' } })}
<p class="field-error" id="procedureCode-error" hidden></p>
<input id="procedureCode" type="search" autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="search" aria-describedby="procedureCode-hint procedureCode-error" aria-controls="proc-options">
<p id="proc-count" class="hint" role="status" aria-live="polite"></p>
<div id="proc-options" class="proc-options"></div>
</fieldset>
${field('copies', 'counter.copies', html`<input id="copies" name="copies" type="number" inputmode="numeric" min="1" max="${MAX_COPIES}" step="1" value="1" aria-describedby="copies-hint copies-error" class="input-short">`, 'counter.copiesHint', true)}${field('quantity', 'counter.quantity', html`<input id="quantity" name="quantity" type="number" inputmode="numeric" min="1" max="${maxQuantity}" step="1" value="1" aria-describedby="quantity-hint quantity-error" class="input-short">`, 'counter.quantityHint', true)}<p class="amount-line"><span data-i18n="form.amount">${vi('form.amount')}</span>: <output id="counter-amount" class="amount" aria-live="polite">—</output></p>
<p id="counter-working" class="hint amount-working" hidden></p>
<details class="more" id="counter-more">
<summary data-i18n="form.more">${vi('form.more')}</summary>
${field('payerName', 'form.name', html`<input id="payerName" name="payerName" type="text" autocomplete="off" maxlength="100" aria-describedby="payerName-error">`)}${field(
    'payerPhone',
    'form.phone',
    html`<input id="payerPhone" name="payerPhone" type="tel" inputmode="tel" autocomplete="off" maxlength="20" aria-describedby="payerPhone-hint payerPhone-error" class="input-medium">`,
    'form.phoneHint',
  )}${field('dossierCode', 'form.dossier', html`<input id="dossierCode" name="dossierCode" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40" aria-describedby="dossierCode-hint dossierCode-error" class="input-medium">`, 'form.dossierHint')}</details>
<button type="submit" id="counter-submit" class="button primary big" data-i18n="counter.submit">${vi('counter.submit')}</button>
<p id="counter-busy" class="hint" role="status" aria-live="polite"></p>
</form>
</section>
<div id="qr-screen" class="qr-screen" role="dialog" aria-modal="true" aria-labelledby="qs-title" hidden>
<div class="qr-screen-inner">
<h2 id="qs-title" class="qs-title" tabindex="-1" data-i18n="counter.qrTitle">${vi('counter.qrTitle')}</h2>
<p class="qs-status" id="qs-status" role="status" aria-live="polite"></p>
<p class="qs-amount" id="qs-amount"></p>
<img id="qs-qr" class="qs-qr" width="320" height="320" alt="">
<p class="qs-procedure" id="qs-procedure" lang="vi"></p>
<dl class="qs-details">
<div><dt data-i18n="pay.bank">${vi('pay.bank')}</dt><dd id="qs-bank"></dd></div>
<div><dt data-i18n="pay.accountName">${vi('pay.accountName')}</dt><dd id="qs-account-name"></dd></div>
<div><dt data-i18n="pay.accountNumber">${vi('pay.accountNumber')}</dt><dd id="qs-account" class="mono"></dd></div>
<div><dt data-i18n="pay.memo">${vi('pay.memo')}</dt><dd id="qs-memo" class="mono"></dd></div>
</dl>
<p class="qs-actions"><button type="button" id="qs-fullscreen" class="button secondary" hidden data-i18n="counter.fullscreen">${vi('counter.fullscreen')}</button> <a id="qs-paylink" class="button secondary" href="/" data-i18n="counter.payLink">${vi('counter.payLink')}</a> <button type="button" id="qs-close" class="button primary" data-i18n="counter.close">${vi('counter.close')}</button></p>
</div>
</div>
<section id="my-orders" class="staff-section" aria-labelledby="my-orders-h" hidden>
${i18n('h2', 'counter.myOrders', { attrs: { id: 'my-orders-h' } })}
<p><button type="button" id="my-orders-refresh" class="button secondary small" data-i18n="staff.refresh">${vi('staff.refresh')}</button></p>
<p id="my-orders-status" class="hint" role="status" aria-live="polite"></p>
<ul id="my-orders-list" class="cards"></ul>
</section>
<section id="tally" class="staff-section" aria-labelledby="tally-h" hidden>
${i18n('h2', 'tally.title', { attrs: { id: 'tally-h' } })}
<dl class="tally-figures">
<div><dt data-i18n="tally.today">${vi('tally.today')}</dt><dd id="tally-today">—</dd></div>
<div><dt data-i18n="tally.month">${vi('tally.month')}</dt><dd id="tally-month">—</dd></div>
<div><dt data-i18n="tally.paid">${vi('tally.paid')}</dt><dd id="tally-paid">—</dd></div>
</dl>
<div class="table-wrap" id="tally-table-wrap" tabindex="0" role="region" aria-labelledby="tally-caption" hidden>
<table class="data">
<caption id="tally-caption" data-i18n="tally.byProcedure">${vi('tally.byProcedure')}</caption>
<thead><tr><th scope="col" data-i18n="pay.procedure">${vi('pay.procedure')}</th><th scope="col" class="num" data-i18n="tally.todayShort">${vi('tally.todayShort')}</th><th scope="col" class="num" data-i18n="tally.monthShort">${vi('tally.monthShort')}</th></tr></thead>
<tbody id="tally-rows"></tbody>
</table>
</div>
</section>
`;
  return page({
    assets,
    script: 'counter',
    titleVi: `${vi('counter.title')} – ${vi('site.name')}`,
    titleEn: `${en('counter.title')} – ${en('site.name')}`,
    description: vi('counter.title'),
    body,
    private: true,
    wide: true,
  });
}

// -------------------------------------------------------------------------- console

interface ViewDef {
  id: string;
  key: MessageKey;
  intro: MessageKey;
}

export const CONSOLE_VIEWS: readonly ViewDef[] = [
  { id: 'cho-xac-nhan', key: 'console.confirm', intro: 'console.confirmIntro' },
  { id: 'chua-khop', key: 'console.unmatched', intro: 'console.unmatchedIntro' },
  { id: 'hoan-tien', key: 'console.refunds', intro: 'console.refundsIntro' },
  { id: 'tien-mat', key: 'console.cash', intro: 'console.cashIntro' },
  { id: 'bien-lai', key: 'console.receipts', intro: 'console.receiptsIntro' },
  { id: 'bao-cao', key: 'console.report', intro: 'console.reportIntro' },
  // Admins only: the tab shows for an admin (web/src/console/integrations.ts).
  { id: 'tich-hop', key: 'console.integrations', intro: 'console.integrationsIntro' },
];

function listView(v: ViewDef, extra: SafeHtml | string = ''): SafeHtml {
  return html`<section id="${v.id}" class="view" aria-labelledby="${v.id}-h" hidden>
<h2 id="${v.id}-h" tabindex="-1" data-i18n="${v.key}">${vi(v.key)}</h2>
${i18n('p', v.intro, { attrs: { class: 'hint' } })}
${extra}<p class="view-tools"><button type="button" class="button secondary small" data-refresh="${v.id}" data-i18n="staff.refresh">${vi('staff.refresh')}</button></p>
<p class="view-status" id="${v.id}-status" role="status" aria-live="polite"></p>
<ul class="cards" id="${v.id}-list"></ul>
</section>
`;
}

export function renderConsole(agencies: readonly Agency[], assets: AssetPaths): string {
  const data = staffData(agencies, [], 0, false);
  const [confirm, unmatched, refunds, cash, receipts, report, integrations] = CONSOLE_VIEWS as [ViewDef, ViewDef, ViewDef, ViewDef, ViewDef, ViewDef, ViewDef];
  const integrationsView = html`<section id="${integrations.id}" class="view" aria-labelledby="${integrations.id}-h" hidden>
<h2 id="${integrations.id}-h" tabindex="-1" data-i18n="${integrations.key}">${vi(integrations.key)}</h2>
${i18n('p', integrations.intro, { attrs: { class: 'hint' } })}
<form id="integ-form" class="panel-form" novalidate>
<h3 data-i18n="integ.new">${vi('integ.new')}</h3>
<div id="integ-errors" class="error-summary" role="alert" tabindex="-1" hidden></div>
${field('integ-name', 'integ.name', html`<input id="integ-name" name="name" type="text" autocomplete="off" maxlength="100" required aria-describedby="integ-name-error">`)}${field(
    'integ-url',
    'integ.url',
    html`<input id="integ-url" name="webhookUrl" type="url" autocomplete="off" inputmode="url" maxlength="2000" required aria-describedby="integ-url-hint integ-url-error" class="mono">`,
    'integ.urlHint',
  )}<fieldset id="integ-agencies" aria-describedby="integ-agencies-error"><legend data-i18n="integ.agencies">${vi('integ.agencies')}</legend><p class="field-error" id="integ-agencies-error" hidden></p></fieldset>
<button type="submit" class="button primary" data-i18n="integ.create">${vi('integ.create')}</button>
</form>
<div id="integ-secrets" class="notice notice-warn" role="status" tabindex="-1" hidden></div>
<p class="view-tools"><button type="button" class="button secondary small" data-refresh="${integrations.id}" data-i18n="staff.refresh">${vi('staff.refresh')}</button></p>
<p class="view-status" id="${integrations.id}-status" role="status" aria-live="polite"></p>
<ul class="cards" id="${integrations.id}-list"></ul>
</section>
`;
  const cashView = html`<section id="${cash.id}" class="view" aria-labelledby="${cash.id}-h" hidden>
<h2 id="${cash.id}-h" tabindex="-1" data-i18n="${cash.key}">${vi(cash.key)}</h2>
${i18n('p', cash.intro, { attrs: { class: 'hint' } })}
<form id="cash-find" class="panel-form inline-form" novalidate>
${field('cash-ref', 'cash.reference', html`<input id="cash-ref" name="reference" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="20" aria-describedby="cash-ref-hint cash-ref-error" class="input-medium mono">`, 'cash.referenceHint')}<button type="submit" class="button secondary" data-i18n="cash.find">${vi('cash.find')}</button>
</form>
<p><a href="/can-bo/tai-quay.html" data-i18n="cash.newOrder">${vi('cash.newOrder')}</a></p>
<div id="cash-order" class="card" hidden></div>
<form id="cash-form" class="panel-form" novalidate hidden>
<div id="cash-errors" class="error-summary" role="alert" tabindex="-1" hidden></div>
${field('cash-amount', 'cash.amount', html`<input id="cash-amount" name="amount" type="text" inputmode="numeric" autocomplete="off" aria-describedby="cash-amount-hint cash-amount-error" class="input-medium">`, 'cash.amountHint')}${field(
    'cash-note',
    'cash.note',
    html`<input id="cash-note" name="note" type="text" autocomplete="off" maxlength="500" aria-describedby="cash-note-hint cash-note-error">`,
    'cash.noteHint',
  )}<button type="submit" class="button primary" data-i18n="cash.submit">${vi('cash.submit')}</button>
</form>
<p class="view-status" id="${cash.id}-status" role="status" aria-live="polite"></p>
<div id="cash-result" role="status" aria-live="polite"></div>
</section>
`;
  const reportView = html`<section id="${report.id}" class="view" aria-labelledby="${report.id}-h" hidden>
<h2 id="${report.id}-h" tabindex="-1" data-i18n="${report.key}">${vi(report.key)}</h2>
${i18n('p', report.intro, { attrs: { class: 'hint' } })}
<form id="report-form" class="panel-form inline-form" novalidate>
${field('report-date', 'report.date', html`<input id="report-date" name="date" type="date" required aria-describedby="report-date-error" class="input-medium">`)}<button type="submit" class="button secondary" data-i18n="report.show">${vi('report.show')}</button>
</form>
<p class="view-status" id="${report.id}-status" role="status" aria-live="polite"></p>
<div id="report-result" hidden>
<p class="report-actions"><button type="button" id="report-xlsx" class="button primary" data-i18n="report.xlsx">${vi('report.xlsx')}</button> <button type="button" id="report-csv" class="button secondary" data-i18n="report.csv">${vi('report.csv')}</button> <button type="button" id="report-print" class="button secondary" data-i18n="report.print">${vi('report.print')}</button></p>
<div id="report-body"></div>
</div>
</section>
`;
  const body = html`<h1 data-i18n="console.title">${vi('console.title')}</h1>
${staffBar()}${noscript()}<script type="application/json" id="staff-data">${jsonForScript(data)}</script>
<div id="console" hidden>
${field('console-agency', 'console.agency', html`<select id="console-agency" name="agencyId" aria-describedby="console-agency-error"></select>`, undefined, true)}<nav class="tabs" aria-label="${vi('console.views')}" data-i18n-attr="aria-label:console.views">
<ul>
${CONSOLE_VIEWS.map((v) => html`<li id="tab-${v.id}"${v.id === 'tich-hop' ? html` hidden` : ''}><a href="#${v.id}"><span data-i18n="${v.key}">${vi(v.key)}</span> <span class="count" id="count-${v.id}"></span></a></li>
`)}</ul>
</nav>
${listView(confirm)}${listView(unmatched)}${listView(refunds)}${cashView}${listView(receipts)}${reportView}${integrationsView}</div>
`;
  return page({
    assets,
    script: 'console',
    titleVi: `${vi('console.title')} – ${vi('site.name')}`,
    titleEn: `${en('console.title')} – ${en('site.name')}`,
    description: vi('console.title'),
    body,
    private: true,
    wide: true,
  });
}

// ------------------------------------------------------------------------ dashboard

/**
 * The dashboard of the agencies in scope (admin, leader): a period and an agency, then each figure as a
 * small SVG chart beside the table of its numbers, drawn by web/src/dashboard.ts.
 */
export function renderDashboard(agencies: readonly Agency[], assets: AssetPaths): string {
  const data = staffData(agencies, [], 0, false);
  const body = html`<h1 data-i18n="dash.title">${vi('dash.title')}</h1>
${staffBar()}${noscript()}<script type="application/json" id="staff-data">${jsonForScript(data)}</script>
${i18n('p', 'dash.intro', { attrs: { class: 'lead' } })}
<section id="dashboard" aria-labelledby="dash-form-h" hidden>
${i18n('h2', 'dash.formTitle', { attrs: { id: 'dash-form-h', class: 'visually-hidden' } })}
<form id="dash-form" class="panel-form dash-form" novalidate>
<div id="dash-errors" class="error-summary" role="alert" tabindex="-1" hidden></div>
<div class="inline-form">
${field('dash-from', 'dash.from', html`<input id="dash-from" name="from" type="date" required aria-describedby="dash-from-error" class="input-medium">`)}${field(
    'dash-to',
    'dash.to',
    html`<input id="dash-to" name="to" type="date" required aria-describedby="dash-to-error" class="input-medium">`,
  )}${field('dash-agency', 'dash.agency', html`<select id="dash-agency" name="agencyId" aria-describedby="dash-agency-error"><option value="" data-i18n="dash.all">${vi('dash.all')}</option>${agencies.map((a) => html`<option value="${a.id}">${a.name}</option>`)}</select>`)}<button type="submit" id="dash-submit" class="button primary" data-i18n="dash.show">${vi('dash.show')}</button>
</div>
</form>
<p id="dash-status" class="view-status" role="status" aria-live="polite"></p>
<div id="dash-result" hidden>
<p class="report-actions"><button type="button" id="dash-xlsx" class="button primary" data-i18n="dash.xlsx">${vi('dash.xlsx')}</button> <button type="button" id="dash-csv" class="button secondary" data-i18n="dash.csv">${vi('dash.csv')}</button> <button type="button" id="dash-print" class="button secondary" data-i18n="dash.print">${vi('dash.print')}</button></p>
<div id="dash-body"></div>
</div>
</section>
`;
  return page({
    assets,
    script: 'dashboard',
    titleVi: `${vi('dash.title')} – ${vi('site.name')}`,
    titleEn: `${en('dash.title')} – ${en('site.name')}`,
    description: vi('dash.title'),
    body,
    private: true,
    wide: true,
  });
}
