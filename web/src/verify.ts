/**
 * The public check page a receipt's QR opens: /kiem-tra-bien-lai.html?token=<signed
 * receipt>. Says in plain words whether the receipt is genuine, cancelled or not
 * genuine, and shows what it says. Without a token it offers a box to paste the link.
 */
import type { ReceiptCheckView } from '../../shared/views';
import { t, type MessageKey } from './i18n';
import { receiptWords } from './i18n/receipt';
import { callApi } from './lib/api';
import { formatDateTime } from './lib/format';
import { FormErrors, words } from './lib/form-errors';
import { currentLang, initLang, onLang } from './lib/lang';
import {
  feeLineTexts,
  formatReceiptNumber,
  isReceiptToken,
  PAYMENT_METHOD_WORDS,
  receiptAmount,
  receiptPagePath,
  shortDate,
  tokenFromInput,
  VERIFY_PAGE,
} from './lib/receipt-view';

initLang(receiptWords);

const $ = (id: string) => document.getElementById(id);
const token = (new URLSearchParams(window.location.search).get('token') ?? '').trim();

type State = { kind: 'none' } | { kind: 'loading' } | { kind: 'failed' } | { kind: 'answer'; answer: ReceiptCheckView };
let state: State = token ? { kind: 'loading' } : { kind: 'none' };

function setText(id: string, text: string): void {
  const el = $(id);
  if (el && el.textContent !== text) el.textContent = text;
}

function verdict(lang: 'vi' | 'en'): { tone: string; headline: string; next: string } | null {
  if (state.kind === 'failed') return { tone: 'tone-warn', headline: t(lang, 'verify.failed'), next: '' };
  if (state.kind !== 'answer') return null;
  const a = state.answer;
  if (!a.genuine) return { tone: 'tone-stop', headline: t(lang, 'verify.fake'), next: t(lang, 'verify.fake.next') };
  const r = a.receipt;
  const params = { number: formatReceiptNumber(r.number), symbol: r.symbol, agency: r.agency.name, date: shortDate(r.issuedAt) };
  if (a.status === 'CANCELLED') {
    const key: MessageKey = 'verify.cancelled.next';
    return {
      tone: 'tone-stop',
      headline: t(lang, 'verify.cancelled'),
      next: t(lang, key, { ...params, at: a.cancellation ? formatDateTime(a.cancellation.at) : '', reason: a.cancellation?.reason ?? '' }),
    };
  }
  return { tone: 'tone-ok', headline: t(lang, 'verify.genuine'), next: t(lang, 'verify.genuine.next', params) };
}

function detailRows(a: Extract<ReceiptCheckView, { genuine: true }>): [string, string][] {
  const r = a.receipt;
  return [
    ['Đơn vị thu', r.agency.name],
    ['Mã số thuế', r.agency.taxCode],
    ['Mẫu số – Ký hiệu – Số', `${r.template} – ${r.symbol} – ${formatReceiptNumber(r.number)}`],
    ['Ngày cấp', formatDateTime(r.issuedAt)],
    ['Người nộp', r.payer?.name ?? '—'],
    ['Tên loại phí, lệ phí', feeLineTexts(r).join('; ')],
    ['Số tiền', receiptAmount(r.amount)],
    ['Bằng chữ', r.amountInWords],
    ['Hình thức thanh toán', PAYMENT_METHOD_WORDS[r.paymentMethod] ?? r.paymentMethod],
    ['Mã nộp phí', r.reference],
    ...signerRows(a.signer),
  ];
}

/** The e-receipt's signer: the organisation's certificate as recorded when it signed. */
function signerRows(signer: Extract<ReceiptCheckView, { genuine: true }>['signer']): [string, string][] {
  if (!signer) return [];
  return [
    ['Đơn vị ký số', signer.taxCode ? `${signer.organisation} (MST ${signer.taxCode})` : signer.organisation],
    ['Số hiệu chứng thư số', signer.serialNumber],
    ['Chứng thư số có hiệu lực', `${formatDateTime(signer.validFrom)} – ${formatDateTime(signer.validTo)}`],
    ['Tổ chức cấp chứng thư', signer.issuer],
  ];
}

function render(): void {
  const lang = currentLang();
  const loading = $('verify-loading');
  if (loading) loading.hidden = state.kind !== 'loading';
  const v = verdict(lang);
  const box = $('verify-result');
  if (box) {
    box.hidden = v === null;
    if (v) box.className = `status-box verdict ${v.tone}`;
  }
  if (v) {
    setText('verify-headline', v.headline);
    setText('verify-next', v.next);
  }
  const actions = $('verify-actions');
  if (actions) {
    actions.textContent = '';
    if (state.kind === 'answer' && state.answer.genuine) {
      const a = document.createElement('a');
      a.className = 'button primary';
      a.href = receiptPagePath(token);
      a.textContent = t(lang, 'verify.view');
      actions.appendChild(a);
    }
    if (state.kind === 'failed') {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'button primary';
      b.textContent = t(lang, 'receipt.retry');
      b.addEventListener('click', () => void check());
      actions.appendChild(b);
    }
    actions.hidden = actions.childNodes.length === 0;
  }
  const details = $('verify-details');
  const rows = $('verify-rows');
  if (details && rows) {
    const genuine = state.kind === 'answer' && state.answer.genuine ? state.answer : null;
    details.hidden = !genuine;
    if (genuine && rows.childElementCount === 0) {
      for (const [label, value] of detailRows(genuine)) {
        const div = document.createElement('div');
        const dt = document.createElement('dt');
        dt.textContent = label;
        const dd = document.createElement('dd');
        dd.textContent = value;
        div.append(dt, dd);
        rows.appendChild(div);
      }
    }
  }
  const form = $('verify-form-section');
  if (form) form.hidden = state.kind === 'loading';
}

async function check(): Promise<void> {
  if (!isReceiptToken(token)) {
    state = { kind: 'answer', answer: { genuine: false, reason: 'malformed' } };
  } else {
    state = { kind: 'loading' };
    render();
    try {
      const result = await callApi<ReceiptCheckView>(`/api/receipts/verify?token=${encodeURIComponent(token)}`);
      if (result.ok) state = { kind: 'answer', answer: result.body };
      else if (result.status === 400) state = { kind: 'answer', answer: { genuine: false, reason: 'malformed' } };
      else state = { kind: 'failed' };
    } catch {
      state = { kind: 'failed' };
    }
  }
  render();
  const v = verdict(currentLang());
  const live = $('verify-live');
  if (live && v) live.textContent = v.headline;
}

const form = $('verify-form') as HTMLFormElement | null;
const input = $('verify-input') as HTMLTextAreaElement | null;
const errors = new FormErrors(['verify-input'], null);
form?.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = input?.value ?? '';
  if (!text.trim()) {
    errors.show([{ field: 'verify-input', ...words('verify.empty') }]);
    return;
  }
  const found = tokenFromInput(text);
  if (!found) {
    errors.show([{ field: 'verify-input', ...words('verify.badFormat') }]);
    return;
  }
  window.location.assign(`${VERIFY_PAGE}?token=${found}`);
});
input?.addEventListener('input', () => {
  if (errors.count > 0) errors.clear();
});

onLang(() => {
  render();
  errors.render();
});
if (token) void check();
else render();
