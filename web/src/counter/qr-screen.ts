/**
 * The QR, full screen, turned to the citizen: the amount, the account and the memo, and a
 * status that follows the order until the fee is paid (the clerk confirms it afterwards).
 * The rest of the page is inert meanwhile; closing returns to where the volunteer was.
 */
import { t } from '../i18n';
import { getOrder, payPagePath, type PublicOrder } from '../lib/api';
import { formatVnd } from '../lib/format';
import { currentLang } from '../lib/lang';
import { orderView } from '../lib/order-view';
import type { StaffPageData } from '../lib/page-data';
import { $, procedureLabel } from './context';

export interface QrScreen {
  open(order: PublicOrder, token: string): void;
  /** Writes the screen again (a new status, or the other language). */
  render(): void;
}

/** Wires the screen; `closed` runs when the volunteer is done with it. */
export function initQrScreen(data: StaffPageData, closed: () => void): QrScreen {
  const screen = $('qr-screen') as HTMLElement;
  let shown: { order: PublicOrder; token: string } | null = null;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let opener: HTMLElement | null = null;
  const outside = () => [document.querySelector('.skip-link'), document.querySelector('.site-header'), document.querySelector('.site-footer'), ...Array.from(document.querySelectorAll('main > *'))].filter((el): el is HTMLElement => el instanceof HTMLElement && el !== screen);

  function open(order: PublicOrder, token: string): void {
    shown = { order, token };
    opener = document.activeElement as HTMLElement | null;
    for (const el of outside()) {
      el.setAttribute('inert', '');
      el.setAttribute('aria-hidden', 'true');
    }
    screen.hidden = false;
    document.documentElement.classList.add('qr-open');
    const pay = $('qs-paylink') as HTMLAnchorElement;
    pay.href = payPagePath(order.id, token);
    render();
    $('qs-title')?.focus();
    const full = $('qs-fullscreen');
    if (full) full.hidden = !document.fullscreenEnabled;
    if (document.fullscreenEnabled && !document.fullscreenElement) screen.requestFullscreen?.().catch(() => undefined);
    schedulePoll(2_000);
  }

  function close(): void {
    clearTimeout(pollTimer);
    shown = null;
    screen.hidden = true;
    document.documentElement.classList.remove('qr-open');
    for (const el of outside()) {
      el.removeAttribute('inert');
      el.removeAttribute('aria-hidden');
    }
    if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined);
    closed();
    (opener && document.contains(opener) ? opener : ($('procedureCode') as HTMLElement)).focus();
  }

  function render(): void {
    if (!shown) return;
    const lang = currentLang();
    const order = shown.order;
    const view = orderView(order);
    screen.className = `qr-screen tone-${view.tone}`;
    const status = $('qs-status');
    const done = view.kind === 'PAID' || view.kind === 'CONFIRMED' || view.kind === 'OVERPAID';
    const statusText = `${t(lang, view.headline)}${done ? `. ${t(lang, 'counter.paidNext')}` : view.payable ? `. ${t(lang, 'counter.scanNow')}` : ''}`;
    if (status && status.textContent !== statusText) status.textContent = statusText;
    const amountText = formatVnd(view.payable ? view.due : order.amount);
    const amountEl = $('qs-amount');
    if (amountEl) amountEl.textContent = amountText;
    const qr = $('qs-qr') as HTMLImageElement;
    qr.hidden = !view.payable;
    // The image asks for what is due now: after a partial payment its address (and so the
    // image) changes with the amount, never a stale QR beside a new amount.
    const src = `/api/orders/${encodeURIComponent(order.id)}/qr.svg?token=${encodeURIComponent(shown.token)}&due=${view.due}`;
    if (view.payable && qr.getAttribute('src') !== src) qr.src = src;
    qr.alt = t(lang, 'pay.qrAlt', { amount: amountText, account: order.vietqr?.accountNumber ?? '' });
    const procedure = $('qs-procedure');
    if (procedure) {
      const counted = order.quantity && order.quantity > 1 ? ` × ${order.quantity}` : '';
      const copies = order.copies && order.copies > 1 ? ` (${t(lang, 'fee.copies', { n: order.copies })})` : '';
      procedure.textContent = `${procedureLabel(data, order.procedureCode, order.procedureName ?? '')}${counted}${copies}`;
    }
    const set = (id: string, value: string) => {
      const el = $(id);
      if (el) el.textContent = value;
    };
    set('qs-bank', order.vietqr?.bankName ?? order.vietqr?.bankBin ?? '');
    set('qs-account-name', order.vietqr?.accountName ?? '');
    set('qs-account', order.vietqr?.accountNumber ?? '');
    set('qs-memo', order.vietqr?.memo ?? order.reference ?? '');
  }

  function schedulePoll(ms: number): void {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(() => void poll(), ms);
  }

  async function poll(): Promise<void> {
    if (!shown || document.visibilityState === 'hidden') {
      if (shown) schedulePoll(2_000);
      return;
    }
    const current = shown;
    try {
      const result = await getOrder(current.order.id, current.token);
      if (shown !== current) return;
      if (result.ok) {
        current.order = result.order;
        render();
        const view = orderView(result.order);
        // The volunteer's part ends once the fee is paid; the clerk confirms it.
        if (view.payable) schedulePoll(2_000);
        return;
      }
    } catch {
      // offline for a moment: try again
    }
    if (shown === current) schedulePoll(5_000);
  }

  $('qs-close')?.addEventListener('click', close);
  $('qs-fullscreen')?.addEventListener('click', () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else screen.requestFullscreen?.().catch(() => undefined);
  });
  screen.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !document.fullscreenElement) close();
  });
  document.addEventListener('visibilitychange', () => {
    if (shown && document.visibilityState === 'visible') void poll();
  });
  return { open, render };
}
