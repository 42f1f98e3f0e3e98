/**
 * The citizen's pay page: /pay.html?id=<order id>&token=<access token>.
 * Shows the VietQR, the transfer details with copy buttons, and a status line that
 * follows the order: every 2 s while the tab is visible and money is still due,
 * slower while a clerk has to act, not at all when hidden or final.
 */
import { feeWords } from './i18n/fees';
import { decodeVietQr } from '../../shared/vietqr';
import { t, type MessageKey } from './i18n';
import { getOrder, type PublicOrder } from './lib/api';
import { initCopyButtons } from './lib/copy-buttons';
import { initDevSimulate } from './lib/dev-simulate';
import { formatDateTime, formatTime, formatVnd } from './lib/format';
import { citizenWords } from './i18n/citizen';
import { registerServiceWorker } from './lib/offline';
import { currentLang, initLang, onLang } from './lib/lang';
import { orderView, type OrderView } from './lib/order-view';
import { readPageData, type PayPageData } from './lib/page-data';
import { qrCardPng } from './lib/qr-card';
import { shareLink } from './lib/share';
import { lastKnownOrder, rememberOrder, takeStashedOrder } from './lib/order-stash';

initLang(citizenWords, feeWords);
registerServiceWorker();

const MAX_BACKOFF_MS = 60_000;
/** After this long unpaid, a word of reassurance: banks can be slow; do not pay twice. */
export const SLOW_BANK_MS = 90_000;

const $ = (id: string) => document.getElementById(id);
const pageData = readPageData<PayPageData>('pay-data') ?? { procedures: {}, agencies: {}, banks: {} };
const query = new URLSearchParams(window.location.search);
const orderId = (query.get('id') ?? '').trim();
const token = (query.get('token') ?? '').trim();

let order: PublicOrder | null = null;
let message: MessageKey | null = null;
let offline = false;
/** The last failure was the network itself (no answer at all), not the API refusing. */
let noNetwork = false;
/** Development builds: the simulated bank payment tool, shown once the API has answered. */
let devToolShown = false;
let lastUpdated: Date | null = null;
let failures = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let stopped = false;
let inFlight = false;
const copyValues: Record<string, string> = {};
let waitingSince: number | null = null;
let slowTimer: ReturnType<typeof setTimeout> | undefined;
/** The QR image drawn for a payload, kept so a poll does not redraw it. */
let card: { payload: string; text: string; png: string | null } | null = null;
const platform = /iPhone|iPad|iPod/.test(navigator.userAgent) || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1) ? 'ios' : /Android/.test(navigator.userAgent) ? 'android' : 'other';

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
  // A wrong or incomplete link is no dead end: say what happened, offer search and who to ask.
  show('pay-lost', !order && (message === 'pay.notFound' || message === 'pay.missing'));
  show('retry-row', offline && !stopped);
  if (!order) {
    // Loading: the page's empty layout stays, the status says so. Failed: only the message.
    const loading = !message;
    show('pay-status', loading || offline);
    show('pay-app', loading);
    if (loading) setText('status-line', t(lang, 'pay.loading'));
    else if (offline) setText('status-line', '');
    if (message === 'pay.notFound' || message === 'pay.missing') setText('pay-h', t(lang, 'lost.title'));
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
  box.className = `status-bar tone-${view.tone}`;
  setText('status-line', t(lang, view.headline));
  setText('status-next', t(lang, view.next, view.params));
  // Paid: the confirmation page of the GOV.UK pattern, its title, the code large, what next.
  const done = view.kind === 'PAID' || view.kind === 'CONFIRMED';
  setText('pay-h', t(lang, done ? 'done.title' : 'pay.title'));
  show('done', done);
  show('done-next', view.kind === 'PAID');
  setText('done-reference', order?.reference ?? order?.id ?? '');
  const waiting = view.kind === 'PENDING' || view.kind === 'UNDERPAID';
  if (!waiting) waitingSince = null;
  else if (waitingSince === null) waitingSince = Date.now();
  const slow = waiting && waitingSince !== null && Date.now() - waitingSince >= SLOW_BANK_MS;
  show('pay-slow', slow);
  if (slow) setText('pay-slow', t(lang, 'pay.slow', { reference: String(view.params.reference) }));
  else if (waiting && waitingSince !== null) {
    clearTimeout(slowTimer);
    slowTimer = setTimeout(render, Math.max(0, SLOW_BANK_MS - (Date.now() - waitingSince)) + 50);
  }

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
  const reference = order?.reference ?? order?.id ?? '';
  const meta = offline ? t(lang, noNetwork || navigator.onLine === false ? 'pay.offlineQr' : 'pay.down', { reference }) : lastUpdated ? t(lang, 'pay.updated', { time: formatTime(lastUpdated) }) : '';
  setText('status-meta', meta);
}

function renderPayment(view: OrderView): void {
  const lang = currentLang();
  // Once nothing is due, hide the QR so nobody pays twice.
  show('qr-block', view.payable);
  show('manual', view.payable);
  if (!order || !view.payable) return;
  const qr = $('qr') as HTMLImageElement | null;
  const accountNumber = order.vietqr?.accountNumber ?? '';
  const accountName = order.vietqr?.accountName ?? '';
  const bankBin = order.vietqr?.bankBin ?? '';
  const bank = order.vietqr?.bankName ?? pageData.banks[bankBin] ?? bankBin;
  const memo = order.vietqr?.memo ?? order.reference ?? '';
  // The API's payload asks for what is due now; drawn here, with the words under it, when
  // the answer carries it and matches the amount shown, else the API's image of it.
  const payload = order.vietqr?.payload;
  const cardText = [formatVnd(view.due), accountName, accountNumber, bank, memo, lang].join('|');
  if (payload && asksFor(payload, view.due) && (!card || card.payload !== payload || card.text !== cardText)) {
    card = {
      payload,
      text: cardText,
      png: qrCardPng(payload, {
        amount: formatVnd(view.due),
        lines: [t(lang, 'pay.payTo', { name: accountName }), `${t(lang, 'pay.accountNumber')}: ${accountNumber} · ${bank}`, `${t(lang, 'pay.memo')}: ${memo}`],
      }),
    };
  }
  const drawn = card && payload && card.payload === payload ? card.png : null;
  const qrSrc = drawn ?? apiPath('qr.svg', view.due);
  if (qr && qr.getAttribute('src') !== qrSrc) qr.src = qrSrc;
  if (qr) qr.alt = t(lang, 'pay.qrAlt', { amount: formatVnd(view.due), account: accountNumber });
  const save = $('save-qr') as HTMLAnchorElement | null;
  if (save) {
    save.href = drawn ?? apiPath('qr.png', view.due);
    save.setAttribute('download', `VietQR-${order.reference ?? order.id}.png`);
  }
  setText('qr-amount', formatVnd(view.due));
  // Whom they pay, next to the amount, before they pay.
  setText('pay-to', accountName ? t(lang, 'pay.payTo', { name: accountName }) : '');
  show('ios-hint', platform !== 'android');
  show('android-hint', platform !== 'ios');

  setValue('v-amount', formatVnd(view.due), String(view.due));
  setText('v-amount-label', t(lang, view.kind === 'UNDERPAID' ? 'pay.amountLeft' : 'pay.amount'));
  setValue('v-bank', bank, bank);
  setValue('v-account-number', accountNumber, accountNumber.replace(/\s+/g, ''));
  setValue('v-account-name', accountName, accountName);
  setValue('v-memo', memo, memo);
}

/** Whether the payload asks for exactly this amount: the words and the QR never disagree. */
function asksFor(payload: string, due: number): boolean {
  try {
    return decodeVietQr(payload).amount === due;
  } catch {
    return false;
  }
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
  const name = english && known ? known.nameEn : known?.name ?? order.procedureName ?? order.procedureCode ?? '';
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

function fail(network = false): void {
  noNetwork = network;
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
    if (process.env.NODE_ENV !== 'production' && !devToolShown) {
      devToolShown = true;
      // Development builds only: esbuild drops this branch and the module in production.
      initDevSimulate(() => ({ orderId, token }));
    }
    order = next;
    rememberOrder(orderId, next);
    message = null;
    failures = 0;
    offline = false;
    lastUpdated = new Date();
    const view = orderView(order);
    render();
    if (view.pollMs === null) stopped = true;
    else schedule(view.pollMs);
  } catch {
    fail(true);
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
  // Straight from the form: its answer is the order, drawn at once, no waiting on a request.
  const stashed = normalise(takeStashedOrder(orderId));
  if (stashed) {
    order = stashed;
    lastUpdated = new Date();
  } else {
    // Opened again, perhaps offline: the last look at it keeps the QR on screen until the API answers.
    order = normalise(lastKnownOrder(orderId));
  }
  render();
  void poll();
  $('retry')?.addEventListener('click', () => {
    stopped = false;
    void poll();
  });
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

const announce = initCopyButtons(copyValues);

// "Send this link to myself": the share sheet, or the link copied.
$('share-link')?.addEventListener('click', () => {
  if (!order) return;
  const lang = currentLang();
  const view = orderView(order);
  void shareLink({ title: t(lang, 'pay.shareTitle'), text: t(lang, 'pay.shareText', { amount: formatVnd(view.due), reference: order.reference ?? order.id }), url: window.location.href }).then((result) => {
    if (result === 'copied') announce(t(currentLang(), 'pay.shared'));
    else if (result === 'failed') announce(t(currentLang(), 'pay.copyFailed'));
  });
});

onLang(render);
start();
