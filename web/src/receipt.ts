/**
 * The receipt page: /bien-lai.html?token=<signed receipt>. Asks the API whether the
 * receipt is genuine and on record, shows it as the law lays it out, draws its
 * verification QR (the public check page's address, with the token), and prints on A4
 * or A5. A receipt that is not genuine is not drawn at all; a cancelled one says so
 * across the page and on paper.
 */
import type { ReceiptCheckView } from '../../shared/views';
import { t } from './i18n';
import { receiptWords } from './i18n/receipt';
import { callApi } from './lib/api';
import { formatDateTime } from './lib/format';
import { currentLang, initLang, onLang } from './lib/lang';
import { encodeQr, qrSvgPath } from './lib/qr';
import {
  feeLineTexts,
  formatReceiptNumber,
  isReceiptToken,
  PAYMENT_METHOD_WORDS,
  receiptAmount,
  receiptDateWords,
  signedParties,
  VERIFY_PAGE,
  verifyPageUrl,
} from './lib/receipt-view';

initLang(receiptWords);

const $ = (id: string) => document.getElementById(id);
const token = (new URLSearchParams(window.location.search).get('token') ?? '').trim();

type State = { kind: 'loading' } | { kind: 'missing' } | { kind: 'failed' } | { kind: 'answer'; answer: ReceiptCheckView };
let state: State = { kind: 'loading' };

function setText(id: string, text: string): void {
  const el = $(id);
  if (el && el.textContent !== text) el.textContent = text;
}

function show(id: string, visible: boolean): void {
  const el = $(id);
  if (el) el.hidden = !visible;
}

function drawQr(url: string, number: string): void {
  const box = $('r-qr');
  if (!box || box.getAttribute('data-url') === url) return;
  const qr = encodeQr(url, { ecc: 'L' });
  const n = qr.size + 8;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${n} ${n}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Mã QR kiểm tra biên lai số ${number}`);
  svg.setAttribute('class', 'qr-svg');
  const bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('width', String(n));
  bg.setAttribute('height', String(n));
  bg.setAttribute('fill', '#fff');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', qrSvgPath(qr, 4));
  path.setAttribute('fill', '#000');
  svg.append(bg, path);
  box.textContent = '';
  box.appendChild(svg);
  box.setAttribute('data-url', url);
}

function render(): void {
  const lang = currentLang();
  show('receipt-loading', state.kind === 'loading');
  const message = $('receipt-message');
  const retry = $('retry');
  if (retry) retry.hidden = state.kind !== 'failed';
  if (state.kind !== 'answer') {
    show('receipt', false);
    show('receipt-status', false);
    show('print-controls', state.kind === 'failed');
    show('print', false);
    show('verify-link', false);
    if (message) {
      message.hidden = state.kind === 'loading';
      message.textContent = state.kind === 'missing' ? t(lang, 'receipt.missing') : state.kind === 'failed' ? t(lang, 'receipt.loadFailed') : '';
    }
    return;
  }
  const answer = state.answer;
  if (!answer.genuine) {
    show('receipt', false);
    show('receipt-status', false);
    show('print-controls', false);
    if (message) {
      message.hidden = false;
      message.textContent = t(lang, 'receipt.notGenuine');
    }
    return;
  }
  if (message) message.hidden = true;
  const r = answer.receipt;
  const cancelled = answer.status === 'CANCELLED';
  const number = formatReceiptNumber(r.number);

  const box = $('receipt-status');
  if (box) {
    box.hidden = false;
    box.className = `status-box ${cancelled ? 'tone-stop' : 'tone-ok'}`;
  }
  setText('receipt-status-line', cancelled ? t(lang, 'receipt.cancelled') : t(lang, 'receipt.issued'));
  setText(
    'receipt-status-next',
    cancelled && answer.cancellation ? t(lang, 'receipt.cancelledWhy', { at: formatDateTime(answer.cancellation.at), reason: answer.cancellation.reason }) : '',
  );
  show('receipt-status-next', cancelled);
  show('print-controls', true);
  show('print', true);
  show('verify-link', true);
  const verify = $('verify-link') as HTMLAnchorElement | null;
  if (verify) verify.href = `${VERIFY_PAGE}?token=${token}`;

  // The receipt itself: Vietnamese whatever the interface language.
  show('receipt', true);
  $('receipt')?.classList.toggle('is-void', cancelled);
  show('r-void', cancelled);
  setText('r-agency', r.agency.name);
  setText('r-tax', r.agency.taxCode);
  setText('r-address', r.agency.address);
  setText('r-template', r.template);
  setText('r-symbol', r.symbol);
  setText('r-number', number);
  setText('r-date', receiptDateWords(r.issuedAt));
  // The payer's and collector's names as signed (the check answers them masked).
  const parties = signedParties(token);
  setText('r-payer', parties?.payerName ?? r.payer?.name ?? '……………………………');
  // Every fee line with its kind (phí or lệ phí); several lines as a numbered list.
  const feeLines = feeLineTexts(r);
  if (feeLines.length > 1) {
    const ol = document.createElement('ol');
    for (const line of feeLines) {
      const li = document.createElement('li');
      li.textContent = line;
      ol.appendChild(li);
    }
    $('r-fee')?.replaceChildren(ol);
  } else {
    setText('r-fee', feeLines[0] ?? r.feeName);
  }
  setText('r-procedure', r.lines?.length ? [...new Set(r.lines.map((l) => l.procedureCode))].join(', ') : r.procedureCode);
  setText('r-reference', r.reference);
  setText('r-amount', receiptAmount(r.amount));
  setText('r-words', r.amountInWords);
  setText('r-method', PAYMENT_METHOD_WORDS[r.paymentMethod] ?? r.paymentMethod);
  setText('r-signer', r.agency.name);
  setText('r-signed-at', formatDateTime(r.issuedAt));
  setText('r-signature-state', cancelled ? 'Chữ ký số hợp lệ – biên lai đã bị hủy' : 'Chữ ký số hợp lệ');
  // The collector by name only: a staff account's username is no one's business on paper.
  setText('r-collector', parties?.collectorName ?? r.collector.displayName ?? '');
  drawQr(verifyPageUrl(window.location.origin, token), number);
  document.title = `${t(lang, 'receipt.title')} ${r.symbol} ${number} – ${t(lang, 'site.name')}`;
}

async function load(): Promise<void> {
  if (!token) {
    state = { kind: 'missing' };
    render();
    return;
  }
  if (!isReceiptToken(token)) {
    state = { kind: 'answer', answer: { genuine: false, reason: 'malformed' } };
    render();
    return;
  }
  state = { kind: 'loading' };
  render();
  try {
    const result = await callApi<ReceiptCheckView>(`/api/receipts/verify?token=${encodeURIComponent(token)}`);
    if (result.ok) {
      state = { kind: 'answer', answer: result.body };
    } else if (result.status === 400) {
      state = { kind: 'answer', answer: { genuine: false, reason: 'malformed' } };
    } else {
      state = { kind: 'failed' };
    }
  } catch {
    state = { kind: 'failed' };
  }
  render();
  const live = $('receipt-live');
  if (live && state.kind === 'answer') {
    live.textContent = state.answer.genuine ? ($('receipt-status-line')?.textContent ?? '') : t(currentLang(), 'receipt.notGenuine');
  }
}

// Paper size: @page cannot follow a class, so the page's own rule is rewritten. Its text
// node is changed in place: setting textContent would first empty the <style>, a content
// the Content-Security-Policy has no hash for (the browser logs a violation each time).
function setPaper(size: 'A4' | 'A5'): void {
  const style = $('page-size');
  const css = size === 'A5' ? '@page{size:A5 portrait;margin:8mm}' : '@page{size:A4 portrait;margin:12mm}';
  if (style?.firstChild instanceof Text) style.firstChild.data = css;
  else if (style) style.textContent = css;
  document.documentElement.classList.toggle('paper-a5', size === 'A5');
}

document.querySelectorAll<HTMLInputElement>('input[name="paper"]').forEach((input) => {
  input.addEventListener('change', () => {
    if (input.checked) setPaper(input.value === 'A5' ? 'A5' : 'A4');
  });
  if (input.checked) setPaper(input.value === 'A5' ? 'A5' : 'A4');
});
$('print')?.addEventListener('click', () => window.print());
$('retry')?.addEventListener('click', () => void load());

onLang(render);
void load();
