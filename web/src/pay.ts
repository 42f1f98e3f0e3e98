/**
 * The citizen's pay page: /pay.html?id=<order id>&token=<access token>.
 * Shows the VietQR, the transfer details with copy buttons, and a status line that
 * follows the order: every 2 s while the tab is visible and money is still due,
 * slower while a clerk has to act, not at all when hidden or final.
 */
import { feeWords } from './i18n/fees';
import { t, type MessageKey } from './i18n';
import { getOrder, type PublicOrder } from './lib/api';
import { copyText } from './lib/clipboard';
import { initDevSimulate } from './lib/dev-simulate';
import { formatDateTime, formatTime, formatVnd } from './lib/format';
import { currentLang, initLang, onLang } from './lib/lang';
import { orderView, type OrderView } from './lib/order-view';
import { readPageData, type PayPageData } from './lib/page-data';

initLang(feeWords);

const MAX_BACKOFF_MS = 60_000;

const $ = (id: string) => document.getElementById(id);
const pageData = readPageData<PayPageData>('pay-data') ?? { procedures: {}, agencies: {}, banks: {} };
const query = new URLSearchParams(window.location.search);
const orderId = (query.get('id') ?? '').trim();
const token = (query.get('token') ?? '').trim();

let order: PublicOrder | null = null;
let message: MessageKey | null = null;
let offline = false;
let lastUpdated: Date | null = null;
let failures = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let stopped = false;
let inFlight = false;
const copyValues: Record<string, string> = {};

/**
 * The QR image asks for what is due now (less after a partial payment): the amount in the
 * address makes the browser fetch a new image when it changes, never show a stale one.
 */
function apiPath(kind: 'qr.svg' | 'qr.png', due: number): string {
  return `/api/orders/${encodeURIComponent(orderId)}/${kind}?token=${encodeURIComponent(token)}&due=${due}`;
}

function setText(id: string, text: string): void {
  const el = $(id);
  // Rewriting identical text would make screen readers repeat a live region.
  if (el && el.textContent !== text) el.textContent = text;
}

function show(id: string, visible: boolean): void {
  const el = $(id);
  if (el) el.hidden = !visible;
}

function guidePath(code: string | undefined): string {
  return code && /^[A-Za-z0-9._-]+$/.test(code) ? `/thu-tuc/${code}.html#nop-phi` : '/';
}

function render(): void {
  const lang = currentLang();
  if (message) {
    show('pay-message', true);
    setText('pay-message', t(lang, message));
  } else {
    show('pay-message', false);
  }
  if (!order) {
    // Loading: the page's empty layout stays, the status says so. Failed: only the message.
    const loading = !message;
    show('pay-status', loading);
    show('pay-app', loading);
    if (loading) setText('status-line', t(lang, 'pay.loading'));
    return;
  }
  const view = orderView(order);
  renderStatus(view);
  renderPayment(view);
  renderDetails();
  show('pay-app', true);
}

function renderStatus(view: OrderView): void {
  const lang = currentLang();
  const box = $('pay-status');
  if (!box) return;
  box.hidden = false;
  box.className = `status-box tone-${view.tone}`;
  setText('status-line', t(lang, view.headline));
  setText('status-next', t(lang, view.next, view.params));

  const actions = $('status-actions');
  if (actions) {
    actions.textContent = '';
    if (view.receiptUrl) {
      const a = document.createElement('a');
      a.className = 'button primary';
      a.href = view.receiptUrl;
      a.rel = 'noopener';
      a.textContent = t(lang, 'status.receipt', { number: view.receiptNumber ?? '' }).replace(/\s+$/, '');
      actions.appendChild(a);
    }
    if (view.offerNewOrder) {
      const a = document.createElement('a');
      a.className = 'button primary';
      a.href = guidePath(order?.procedureCode);
      a.textContent = t(lang, 'status.newOrder');
      actions.appendChild(a);
    }
    actions.hidden = actions.childNodes.length === 0;
  }
  const meta = offline ? t(lang, 'pay.offline') : lastUpdated ? t(lang, 'pay.updated', { time: formatTime(lastUpdated) }) : '';
  setText('status-meta', meta);
}

function renderPayment(view: OrderView): void {
  const lang = currentLang();
  // Once nothing is due, hide the QR so nobody pays twice.
  show('qr-block', view.payable);
  show('manual', view.payable);
  if (!order || !view.payable) return;
  const qr = $('qr') as HTMLImageElement | null;
  const qrSrc = apiPath('qr.svg', view.due);
  if (qr && qr.getAttribute('src') !== qrSrc) qr.src = qrSrc;
  const accountNumber = order.vietqr?.accountNumber ?? '';
  if (qr) qr.alt = t(lang, 'pay.qrAlt', { amount: formatVnd(view.due), account: accountNumber });
  const save = $('save-qr') as HTMLAnchorElement | null;
  if (save) {
    save.href = apiPath('qr.png', view.due);
    save.setAttribute('download', `VietQR-${order.reference ?? order.id}.png`);
  }
  setText('qr-amount', formatVnd(view.due));

  const bankBin = order.vietqr?.bankBin ?? '';
  const bank = order.vietqr?.bankName ?? pageData.banks[bankBin] ?? bankBin;
  setValue('v-amount', formatVnd(view.due), String(view.due));
  setText('v-amount-label', t(lang, view.kind === 'UNDERPAID' ? 'pay.amountLeft' : 'pay.amount'));
  setValue('v-bank', bank, bank);
  setValue('v-account-number', accountNumber, accountNumber.replace(/\s+/g, ''));
  setValue('v-account-name', order.vietqr?.accountName ?? '', order.vietqr?.accountName ?? '');
  const memo = order.vietqr?.memo ?? order.reference ?? '';
  setValue('v-memo', memo, memo);
}

function setValue(id: string, shown: string, copied: string): void {
  setText(id, shown);
  copyValues[id] = copied;
  show(`row-${id}`, shown !== '');
}

function renderDetails(): void {
  if (!order) return;
  const lang = currentLang();
  const known = order.procedureCode ? pageData.procedures[order.procedureCode] : undefined;
  const english = lang === 'en' && Boolean(known?.nameEn);
  const name = english && known ? known.nameEn : order.procedureName ?? known?.name ?? order.procedureCode ?? '';
  const lines = order.items ?? [];
  const several = lines.length > 1;
  if (several) {
    // An order of several fees: every line with its amount (and its kind: phí or lệ phí).
    const ul = document.createElement('ul');
    ul.className = 'order-lines';
    for (const line of lines) {
      const li = document.createElement('li');
      const knownLine = line.procedureCode ? pageData.procedures[line.procedureCode] : undefined;
      const lineName = english && knownLine ? knownLine.nameEn : line.procedureName ?? knownLine?.name ?? line.procedureCode ?? '';
      const copies = line.copies ?? 1;
      const counted = copies > 1 ? ` × ${t(lang, 'fee.copies', { n: copies })}` : '';
      const kind = line.kind === 'phi' ? `fee.kind.phi` : line.kind === 'le_phi' ? 'fee.kind.le_phi' : null;
      li.textContent = `${lineName}${counted}: ${formatVnd(line.amount ?? 0)}${kind ? ` (${t(lang, kind)})` : ''}`;
      ul.appendChild(li);
    }
    $('d-procedure')?.replaceChildren(ul);
  } else {
    setText('d-procedure', name);
  }
  $('d-procedure')?.setAttribute('lang', english ? 'en' : 'vi');
  setText('d-reference', order.reference ?? order.id);
  const hasQuantity = !several && typeof order.quantity === 'number' && order.quantity > 1;
  show('d-quantity-row', hasQuantity);
  if (hasQuantity) setText('d-quantity', String(order.quantity));
  const hasCopies = !several && typeof order.copies === 'number' && order.copies > 1;
  show('d-copies-row', hasCopies);
  if (hasCopies) setText('d-copies', String(order.copies));
  setText('d-expires', order.expiresAt ? formatDateTime(order.expiresAt) : '');
  const link = $('guide-link') as HTMLAnchorElement | null;
  if (link) link.href = guidePath(order.procedureCode).replace('#nop-phi', '');
}

/** The API answers the order itself; tolerate `{order, receipt}` as staff routes send it. */
function normalise(body: unknown): PublicOrder | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (typeof b.status === 'string' && typeof b.amount === 'number') return b as unknown as PublicOrder;
  const inner = b.order as Record<string, unknown> | undefined;
  if (inner && typeof inner.status === 'string' && typeof inner.amount === 'number') {
    return { ...(inner as unknown as PublicOrder), receipt: (inner.receipt ?? b.receipt ?? null) as PublicOrder['receipt'] };
  }
  return null;
}

// ----------------------------------------------------------------------- polling

function schedule(ms: number): void {
  clearTimeout(timer);
  if (stopped || document.visibilityState === 'hidden') return;
  timer = setTimeout(poll, ms);
}

function fail(): void {
  failures++;
  offline = true;
  if (!order) message = 'pay.loadFailed';
  render();
  schedule(Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** failures));
}

async function poll(): Promise<void> {
  if (inFlight || stopped) return;
  inFlight = true;
  clearTimeout(timer);
  try {
    const result = await getOrder(orderId, token);
    if (!result.ok) {
      // 404 is also the answer to a wrong token: nothing more to try.
      if (result.status === 404 || result.status === 400 || result.status === 401 || result.status === 403) {
        stopped = true;
        offline = false;
        if (!order) message = 'pay.notFound';
        render();
        return;
      }
      fail(); // 429, 5xx: back off
      return;
    }
    const next = normalise(result.order);
    if (!next) {
      fail();
      return;
    }
    if (!order && process.env.NODE_ENV !== 'production') {
      // Development builds only: esbuild drops this branch and the module in production.
      initDevSimulate(() => ({ orderId, token }));
    }
    order = next;
    message = null;
    failures = 0;
    offline = false;
    lastUpdated = new Date();
    const view = orderView(order);
    render();
    if (view.pollMs === null) stopped = true;
    else schedule(view.pollMs);
  } catch {
    fail();
  } finally {
    inFlight = false;
  }
}

function start(): void {
  if (!orderId || !token) {
    message = 'pay.missing';
    render();
    return;
  }
  render();
  void poll();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      clearTimeout(timer);
    } else if (!stopped) {
      // Back from the bank app: look at once.
      void poll();
    }
  });
  window.addEventListener('online', () => {
    if (!stopped) void poll();
  });
  // A page restored from the back/forward cache keeps stale state: refresh it.
  window.addEventListener('pageshow', (ev) => {
    if (ev.persisted && !stopped) void poll();
  });
}

// ------------------------------------------------------------------- copy buttons

let liveTimer: ReturnType<typeof setTimeout> | undefined;
function announce(text: string): void {
  const live = $('copy-live');
  if (!live) return;
  // Empty first so the same words are announced again on a second copy.
  live.textContent = '';
  clearTimeout(liveTimer);
  liveTimer = setTimeout(() => {
    live.textContent = text;
  }, 50);
}

document.addEventListener('click', (ev) => {
  const button = (ev.target as Element | null)?.closest?.('button[data-copy]');
  if (!button) return;
  const id = button.getAttribute('data-copy') ?? '';
  const value = copyValues[id];
  if (!value) return;
  void copyText(value).then((ok) => {
    const lang = currentLang();
    const words = t(lang, ok ? 'pay.copied' : 'pay.copyFailed');
    announce(words);
    const label = $(`${id}-copy-text`);
    if (ok && label) {
      label.textContent = words;
      button.classList.add('copied');
      setTimeout(() => {
        label.textContent = t(currentLang(), 'pay.copy');
        button.classList.remove('copied');
      }, 2_000);
    }
    if (!ok) selectText($(id));
  });
});

/** When copying is impossible, select the value so a long press copies it. */
function selectText(el: HTMLElement | null): void {
  if (!el) return;
  const range = document.createRange();
  range.selectNodeContents(el);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

onLang(render);
start();
