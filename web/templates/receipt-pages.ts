/**
 * The receipt page (printable, A4 or A5, with its verification QR) and the public page
 * that checks a receipt from its QR. Both read the signed receipt from `?token=` and ask
 * GET /api/receipts/verify; the receipt's labels are rendered here, in Vietnamese, as the
 * law requires of the document itself.
 */
import { RECEIPT_TITLE } from '../../shared/receipt';
import { html, raw } from './html';
import { en, i18n, page, vi, type AssetPaths } from './layout';


/** One labelled line of the receipt; the value is filled in by the page's script. */
function row(id: string, label: string, extraClass = ''): ReturnType<typeof html> {
  return html`<div class="r-row${extraClass ? ` ${extraClass}` : ''}" id="row-${id}"><dt>${label}:</dt><dd id="${id}"></dd></div>
`;
}

export function renderReceipt(assets: AssetPaths): string {
  const body = html`<div class="no-print">
<h1 data-i18n="receipt.title">${vi('receipt.title')}</h1>
<noscript><p class="notice notice-warn">${vi('receipt.noscript')}</p></noscript>
<p id="receipt-loading" class="hint" hidden data-i18n="receipt.loading">${vi('receipt.loading')}</p>
<div id="receipt-message" class="notice notice-stop" role="alert" hidden></div>
<div id="receipt-status" class="status-box" hidden>
<p class="status-line" id="receipt-status-line"></p>
<p class="status-next" id="receipt-status-next"></p>
</div>
<p id="receipt-live" class="visually-hidden" role="status" aria-live="polite"></p>
<div id="print-controls" class="print-controls" hidden>
<fieldset class="paper">
<legend data-i18n="receipt.paper">${vi('receipt.paper')}</legend>
<label class="choice"><input type="radio" name="paper" value="A4" checked> <span data-i18n="receipt.a4">${vi('receipt.a4')}</span></label>
<label class="choice"><input type="radio" name="paper" value="A5"> <span data-i18n="receipt.a5">${vi('receipt.a5')}</span></label>
</fieldset>
<p class="actions"><button type="button" id="print" class="button primary" data-i18n="receipt.print">${vi('receipt.print')}</button> <a id="verify-link" class="button secondary" href="/kiem-tra-bien-lai.html" data-i18n="receipt.verify">${vi('receipt.verify')}</a> <button type="button" id="retry" class="button secondary" hidden data-i18n="receipt.retry">${vi('receipt.retry')}</button></p>
</div>
</div>
<article class="receipt" id="receipt" lang="vi" aria-labelledby="receipt-h" hidden>
<p class="receipt-void" id="r-void" hidden>ĐÃ HỦY</p>
<div class="receipt-head">
<div class="receipt-agency">
<p class="r-agency-name" id="r-agency"></p>
<p>Mã số thuế: <span id="r-tax" class="mono"></span></p>
<p>Địa chỉ: <span id="r-address"></span></p>
</div>
<dl class="receipt-ids">
<div><dt>Mẫu số:</dt><dd id="r-template" class="mono"></dd></div>
<div><dt>Ký hiệu:</dt><dd id="r-symbol" class="mono"></dd></div>
<div><dt>Số:</dt><dd id="r-number" class="mono r-number"></dd></div>
</dl>
</div>
<h2 class="receipt-title" id="receipt-h">${RECEIPT_TITLE}</h2>
<p class="receipt-sub">(Biên lai điện tử)</p>
<p class="receipt-date" id="r-date"></p>
<dl class="receipt-body">
${row('r-payer', 'Họ tên người nộp')}${row('r-fee', 'Tên loại phí, lệ phí')}${row('r-procedure', 'Mã thủ tục hành chính')}${row('r-reference', 'Mã nộp phí')}${row('r-amount', 'Số tiền', 'r-strong')}${row('r-words', 'Viết bằng chữ', 'r-words')}${row('r-method', 'Hình thức thanh toán')}</dl>
<p class="receipt-currency">Đơn vị tiền: đồng Việt Nam (VND).</p>
<div class="receipt-foot">
<figure class="receipt-qr">
<div id="r-qr" class="r-qr"></div>
<figcaption>Quét mã QR để kiểm tra biên lai này trên trang của Bộ phận Một cửa.</figcaption>
</figure>
<div class="receipt-sign">
<p class="r-sign-title">Người thu tiền</p>
<p class="r-sign-note">(Chữ ký số)</p>
<div class="signature-box" id="r-signature">
<p class="signature-valid" id="r-signature-state">Chữ ký số hợp lệ</p>
<p>Ký bởi: <span id="r-signer"></span></p>
<p>Ký ngày: <span id="r-signed-at"></span></p>
</div>
<p class="r-collector" id="r-collector"></p>
</div>
</div>
</article>
`;
  return page({
    assets,
    script: 'receipt',
    titleVi: `${vi('receipt.title')} – ${vi('site.name')}`,
    titleEn: `${en('receipt.title')} – ${en('site.name')}`,
    description: vi('receipt.title'),
    body,
    private: true,
    // Changed to A5 by the paper choice; A4 when printed without JavaScript.
    head: raw('<style id="page-size">@page{size:A4 portrait;margin:12mm}</style>\n'),
  });
}

export function renderVerify(assets: AssetPaths): string {
  const body = html`<h1 data-i18n="verify.title">${vi('verify.title')}</h1>
${i18n('p', 'verify.intro', { attrs: { class: 'lead' } })}
<noscript><p class="notice notice-warn">${vi('verify.noscript')}</p></noscript>
<p id="verify-loading" class="hint" hidden data-i18n="verify.checking">${vi('verify.checking')}</p>
<p id="verify-live" class="visually-hidden" role="status" aria-live="polite"></p>
<div id="verify-result" class="status-box verdict" hidden>
<h2 class="status-line" id="verify-headline" tabindex="-1"></h2>
<p class="status-next" id="verify-next"></p>
<p class="status-actions" id="verify-actions"></p>
</div>
<section id="verify-details" aria-labelledby="verify-details-h" hidden>
${i18n('h2', 'verify.details', { attrs: { id: 'verify-details-h' } })}
<dl class="details-list" id="verify-rows" lang="vi"></dl>
</section>
<section class="verify-form" aria-labelledby="verify-form-h" id="verify-form-section" hidden>
${i18n('h2', 'verify.formTitle', { attrs: { id: 'verify-form-h' } })}
<form id="verify-form" novalidate>
<div class="field" id="field-verify-input">
<label for="verify-input" data-i18n="verify.formLabel">${vi('verify.formLabel')}</label>
${i18n('p', 'verify.formHint', { attrs: { class: 'hint', id: 'verify-input-hint' } })}
<p class="field-error" id="verify-input-error" hidden></p>
<textarea id="verify-input" name="token" rows="3" autocomplete="off" autocapitalize="off" spellcheck="false" aria-describedby="verify-input-hint verify-input-error"></textarea>
</div>
<button type="submit" class="button primary" data-i18n="verify.submit">${vi('verify.submit')}</button>
</form>
</section>
`;
  return page({
    assets,
    script: 'verify',
    titleVi: `${vi('verify.title')} – ${vi('site.name')}`,
    titleEn: `${en('verify.title')} – ${en('site.name')}`,
    description: vi('verify.intro'),
    body,
    private: true,
  });
}
