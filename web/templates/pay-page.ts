/**
 * The citizen's pay page (/pay.html?id=…&token=…), laid out from the first paint: the
 * one-line status above the QR, the QR and its same-phone tools, the transfer details
 * with copy buttons, the confirmation once paid, and a way on when the link is wrong.
 */
import type { Agency, Procedure } from '../../shared/catalogue';
import { SHORT_NAMES } from '../../shared/short-names';
import type { MessageKey } from '../src/i18n';
import type { PayPageData } from '../src/lib/page-data';
import { html, jsonForScript, type SafeHtml } from './html';
import { en, i18n, page, vi, type AssetPaths } from './layout';

/**
 * Development only: the form behind "Mô phỏng thanh toán ngân hàng" (web/src/lib/dev-simulate.ts).
 * Vietnamese only: it is a tool for the people building this, never shown to citizens.
 */
function devPaySection(): SafeHtml {
  return html`<section id="dev-pay" class="dev-tools no-print" aria-labelledby="dev-pay-h" lang="vi" hidden>
<h2 id="dev-pay-h">Công cụ phát triển</h2>
<p class="hint">Chỉ có ở bản phát triển (npm start). Gửi một thông báo chuyển khoản thật, có chữ ký, qua đúng cổng nhận thông báo thanh toán, như khi người dân chuyển khoản.</p>
<form id="dev-pay-form" novalidate>
<div class="field" id="field-dev-amount">
<label for="dev-amount">Số tiền chuyển (đồng)</label>
<p class="hint" id="dev-amount-hint">Để trống: đúng số còn phải nộp. Nhập số khác để thử chuyển thiếu hoặc thừa.</p>
<p class="field-error" id="dev-amount-error" hidden></p>
<input id="dev-amount" name="amount" type="text" inputmode="numeric" autocomplete="off" aria-describedby="dev-amount-hint dev-amount-error" class="input-medium">
</div>
<div class="field" id="field-dev-provider">
<label for="dev-provider">Cổng thông báo</label>
<p class="field-error" id="dev-provider-error" hidden></p>
<select id="dev-provider" name="provider" aria-describedby="dev-provider-error" class="input-medium"><option value="payos">payOS</option><option value="sepay">SePay</option><option value="casso">Casso</option></select>
</div>
<button type="submit" class="button secondary" id="dev-pay-button">Mô phỏng thanh toán ngân hàng</button>
<p id="dev-pay-status" class="hint" role="status" aria-live="polite"></p>
</form>
</section>
`;
}

/**
 * The pay page is laid out from the first paint, empty, while its script fetches the
 * order: the browser shapes and lays out its words before the first paint instead of in
 * one long task afterwards, and nothing moves when the values arrive (the status box
 * keeps room for its words). Without scripts, `js-only` hides it and the noscript notice
 * says why.
 */
export function renderPay(procedures: readonly Procedure[], agencies: readonly Agency[], assets: AssetPaths, options: { dev?: boolean } = {}): string {
  const data: PayPageData = {
    procedures: Object.fromEntries(procedures.map((p) => [p.code, { name: SHORT_NAMES[p.code]?.vi ?? p.name, nameEn: SHORT_NAMES[p.code]?.en ?? p.nameEn }])),
    agencies: Object.fromEntries(agencies.map((a) => [a.id, a.name])),
    banks: Object.fromEntries(agencies.map((a) => [a.bank.bin, a.bank.bankName])),
  };
  const row = (id: string, key: MessageKey, note?: SafeHtml) => html`<div class="copy-row" id="row-${id}">
<dt id="${id}-label" data-i18n="${key}">${vi(key)}</dt>
<dd><span class="copy-value" id="${id}"></span> <button type="button" class="button copy" id="${id}-copy" data-copy="${id}" aria-labelledby="${id}-copy-text ${id}-label"><span id="${id}-copy-text" data-i18n="pay.copy">${vi('pay.copy')}</span></button>${note ?? ''}</dd>
</div>
`;
  // The status is one line above the QR (issue 13, item 6); its explanation and actions
  // sit under the code, so the QR is in view on a small phone.
  const body = html`<h1 id="pay-h" data-i18n="pay.title">${vi('pay.title')}</h1>
<noscript><p class="notice notice-warn">${vi('pay.noscript')}</p></noscript>
<script type="application/json" id="pay-data">${jsonForScript(data)}</script>
<div id="pay-status" class="status-bar tone-wait js-only">
<p class="status-line" id="status-line" role="status" aria-live="polite">${vi('pay.loading')}</p>
<p class="status-meta" id="status-meta"></p>
<p id="pay-slow" class="status-slow" hidden></p>
<p id="retry-row" hidden><button type="button" class="button secondary" id="retry" data-i18n="pay.retry">${vi('pay.retry')}</button></p>
</div>
<p id="pay-message" class="notice" role="alert" hidden></p>
<div id="pay-lost" class="lost" hidden>
${i18n('p', 'lost.ask')}
<p><a class="button primary" href="/" data-i18n="lost.search">${vi('lost.search')}</a></p>
</div>
<div id="pay-app" class="js-only">
<section id="done" class="done-panel" aria-labelledby="pay-h" hidden>
<p class="done-code"><span data-i18n="done.code">${vi('done.code')}</span> <strong id="done-reference" class="mono"></strong></p>
</section>
<section class="qr-block" id="qr-block" aria-labelledby="qr-amount">
<p class="amount-big" id="qr-amount"></p>
<p class="pay-to" id="pay-to"></p>
<img id="qr" class="qr" width="300" height="300" alt="">
${i18n('p', 'pay.scan', { attrs: { class: 'qr-hint' } })}
<p class="same-phone"><a id="save-qr" class="button secondary" href="#" download data-i18n="pay.save">${vi('pay.save')}</a> <button type="button" id="share-link" class="button secondary" data-i18n="pay.share">${vi('pay.share')}</button></p>
${i18n('p', 'pay.iosHint', { attrs: { class: 'hint', id: 'ios-hint' } })}
${i18n('p', 'pay.androidHint', { attrs: { class: 'hint', id: 'android-hint' } })}
</section>
<div id="status-more">
<p class="status-next" id="status-next"></p>
<p class="status-actions" id="status-actions" hidden></p>
</div>
<section id="done-next" class="done-next" aria-labelledby="done-next-h" hidden>
${i18n('h2', 'done.next', { attrs: { id: 'done-next-h' } })}
<ul>
${i18n('li', 'done.next1')}
${i18n('li', 'done.next2')}
${i18n('li', 'done.next3')}
</ul>
</section>
<section class="manual" id="manual" aria-labelledby="manual-h">
${i18n('h2', 'pay.manual', { attrs: { id: 'manual-h' } })}
<dl class="copy-list">
${row('v-amount', 'pay.amount')}${row('v-bank', 'pay.bank')}${row('v-account-number', 'pay.accountNumber')}${row('v-account-name', 'pay.accountName')}${row('v-memo', 'pay.memo', i18n('p', 'pay.memoNote', { attrs: { class: 'memo-note', id: 'memo-note' } }))}</dl>
</section>
<section class="order-details" aria-labelledby="details-h">
${i18n('h2', 'pay.details', { attrs: { id: 'details-h' } })}
<dl class="details-list">
<div><dt data-i18n="pay.procedure">${vi('pay.procedure')}</dt><dd id="d-procedure"></dd></div>
<div><dt data-i18n="pay.code">${vi('pay.code')}</dt><dd id="d-reference" class="mono"></dd></div>
<div id="d-quantity-row" hidden><dt data-i18n="pay.quantity">${vi('pay.quantity')}</dt><dd id="d-quantity"></dd></div>
<div id="d-copies-row" hidden><dt data-i18n="pay.copies">${vi('pay.copies')}</dt><dd id="d-copies"></dd></div>
<div><dt data-i18n="pay.expires">${vi('pay.expires')}</dt><dd id="d-expires"></dd></div>
</dl>
${i18n('p', 'pay.bookmark', { attrs: { class: 'hint' } })}
<p><a id="guide-link" href="/" data-i18n="status.guide">${vi('status.guide')}</a> · <a href="/" data-i18n="search.find">${vi('search.find')}</a></p>
</section>
</div>
<p id="copy-live" class="visually-hidden" role="status" aria-live="polite"></p>
${options.dev ? devPaySection() : ''}`;
  return page({
    assets,
    script: 'pay',
    titleVi: `${vi('pay.title')} – ${vi('site.name')}`,
    titleEn: `${en('pay.title')} – ${en('site.name')}`,
    description: vi('pay.scan'),
    body,
    private: true,
  });
}

