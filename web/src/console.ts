/**
 * The clerk's console: paid orders awaiting confirmation (confirm, then print the
 * receipt), transfers that matched no order (match by hand), money owed back (mark
 * refunded, with a note), cash paid at the counter, and the day's report with its CSV.
 * One view at a time, chosen by the address's #fragment so the browser's back works.
 */
import { isMessageKey, t, type MessageKey } from './i18n';
import { staffWords } from './i18n/staff';
import { consoleWords } from './i18n/console';
import { el, row } from './lib/dom';
import { formatDateTime, formatVnd } from './lib/format';
import { apiErrors, FormErrors, inLang, words, type ShownError } from './lib/form-errors';
import { currentLang, initLang, onLang } from './lib/lang';
import { readPageData, type StaffPageData } from './lib/page-data';
import { formatReceiptNumber, receiptPagePath, tokenFromUrl } from './lib/receipt-view';
import { renderReport } from './lib/report-view';
import { staffApi } from './lib/staff-api';
import { initStaffBar, PAGE_ROLES } from './lib/staff-page';
import { PROVIDER_NAMES, statusWords } from './lib/staff-words';
import { requireSession, type StaffSession } from './lib/staff-session';
import { sessionGet, sessionSet } from './lib/storage';
import type { DailyReport } from '../../shared/report-views';
import { vietnamDate } from '../../shared/time';
import type { ConfirmedOrderView, ListPage, OrderPaymentView, StaffOrderView, TransferView } from '../../shared/views';

initLang(staffWords, consoleWords);

const data = readPageData<StaffPageData>('staff-data') ?? { agencies: [], procedures: [], maxQuantity: 0 };
/** Every form's errors, re-worded when the language changes. */
const formErrorSets: FormErrors[] = [];
const session = requireSession(PAGE_ROLES.console);

type ViewId = 'cho-xac-nhan' | 'chua-khop' | 'hoan-tien' | 'tien-mat' | 'bien-lai' | 'bao-cao';
const VIEWS: readonly ViewId[] = ['cho-xac-nhan', 'chua-khop', 'hoan-tien', 'tien-mat', 'bien-lai', 'bao-cao'];
const AGENCY_KEY = 'motcua.console.agency';

const $ = (id: string) => document.getElementById(id);
const lang = () => currentLang();
const tr = (key: MessageKey, params?: Record<string, string | number>) => t(lang(), key, params);

function normaliseReference(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(/[\s\-_.]/g, '');
}

function say(view: ViewId, text: string): void {
  const status = $(`${view}-status`);
  if (!status) return;
  // Empty first, so the same words are announced again.
  status.textContent = '';
  setTimeout(() => {
    status.textContent = text;
  }, 30);
}

function receiptLink(order: { receipt: StaffOrderView['receipt'] }): HTMLElement | null {
  const token = tokenFromUrl(order.receipt?.verifyUrl);
  if (!token) return null;
  const number = typeof order.receipt?.number === 'number' ? formatReceiptNumber(order.receipt.number) : '';
  return el('a', { class: 'button primary', href: receiptPagePath(token), 'data-receipt': number }, tr('console.printReceipt', { number }));
}

function start(s: StaffSession): void {
  initStaffBar(s, data, 'console');
  const root = $('console');
  if (root) root.hidden = false;
  // An admin works for any agency and chooses which; a clerk for their own.
  const districtWide = s.user.role === 'admin';
  const agencySelect = $('console-agency') as HTMLSelectElement;

  // ---- Agency (admin: any; a clerk works for their own).
  if (districtWide) {
    $('field-console-agency')?.removeAttribute('hidden');
    for (const a of data.agencies) agencySelect.appendChild(el('option', { value: a.id }, a.name));
    const saved = sessionGet(AGENCY_KEY);
    if (saved && data.agencies.some((a) => a.id === saved)) agencySelect.value = saved;
    agencySelect.addEventListener('change', () => {
      sessionSet(AGENCY_KEY, agencySelect.value);
      loaded.clear();
      void load(currentView());
    });
  }
  const agencyQuery = () => (districtWide && agencySelect.value ? `agencyId=${encodeURIComponent(agencySelect.value)}` : '');
  const withAgency = (path: string) => {
    const q = agencyQuery();
    return q ? `${path}${path.includes('?') ? '&' : '?'}${q}` : path;
  };

  // ---- Views.
  const loaded = new Set<ViewId>();
  const currentView = (): ViewId => {
    const id = window.location.hash.slice(1) as ViewId;
    return VIEWS.includes(id) ? id : 'cho-xac-nhan';
  };
  const showView = (focus: boolean) => {
    const view = currentView();
    for (const id of VIEWS) {
      const section = $(id);
      if (section) section.hidden = id !== view;
      const link = $(`tab-${id}`)?.querySelector('a');
      if (link) {
        if (id === view) link.setAttribute('aria-current', 'true');
        else link.removeAttribute('aria-current');
      }
    }
    if (focus) $(`${view}-h`)?.focus();
    if (!loaded.has(view)) void load(view);
  };
  window.addEventListener('hashchange', () => showView(true));
  document.querySelectorAll<HTMLButtonElement>('[data-refresh]').forEach((b) => {
    b.addEventListener('click', () => void load(b.getAttribute('data-refresh') as ViewId));
  });

  async function load(view: ViewId): Promise<void> {
    loaded.add(view);
    if (view === 'cho-xac-nhan') await loadConfirm();
    else if (view === 'chua-khop') await loadTransfers('UNMATCHED');
    else if (view === 'hoan-tien') await loadTransfers('REFUND_DUE');
    else if (view === 'bien-lai') await loadReceipts();
    else if (view === 'bao-cao') await loadReport();
  }

  function setCount(view: ViewId, n: number | null): void {
    const c = $(`count-${view}`);
    if (c) c.textContent = n === null || n === 0 ? '' : `(${n})`;
  }

  // ---- Paid orders awaiting confirmation.
  async function loadConfirm(): Promise<void> {
    const list = $('cho-xac-nhan-list');
    if (!list) return;
    say('cho-xac-nhan', tr('staff.loading'));
    const [paid, over] = await Promise.all([
      staffApi<ListPage<StaffOrderView>>(withAgency('/api/staff/orders?status=PAID&limit=200')),
      staffApi<ListPage<StaffOrderView>>(withAgency('/api/staff/orders?status=OVERPAID&limit=200')),
    ]);
    if (!paid.ok || !over.ok) {
      say('cho-xac-nhan', loadError(!paid.ok ? paid.body : !over.ok ? over.body : null));
      return;
    }
    const items = [...paid.body.items, ...over.body.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    list.textContent = '';
    items.forEach((o) => list.appendChild(confirmCard(o)));
    setCount('cho-xac-nhan', items.length);
    say('cho-xac-nhan', items.length === 0 ? tr('confirm.none') : tr('confirm.count', { n: items.length }));
  }

  function orderFacts(o: StaffOrderView): HTMLElement {
    return el(
      'dl',
      { class: 'facts-inline' },
      row(tr('pay.procedure'), el('span', { lang: 'vi' }, o.procedureName + (o.quantity > 1 ? ` × ${o.quantity}` : ''))),
      row(tr('order.amount'), formatVnd(o.amount)),
      row(tr('order.paid'), formatVnd(o.paidAmount)),
      o.payer?.name ? row(tr('order.payer'), o.payer.name) : null,
      o.dossierCode ? row(tr('order.dossier'), el('span', { class: 'mono' }, o.dossierCode)) : null,
      row(tr('order.created'), formatDateTime(o.createdAt)),
      row(tr('order.status'), statusWords(o.status)),
    );
  }

  function confirmCard(o: StaffOrderView): HTMLElement {
    const errorId = `confirm-${o.id}-error`;
    const card = el('li', { class: 'card', id: `order-${o.id}` });
    const title = el('h3', { class: 'card-title' }, el('span', { class: 'mono' }, o.reference), ` · ${formatVnd(o.amount)}`);
    const note = o.status === 'OVERPAID' ? el('p', { class: 'notice notice-warn' }, tr('confirm.overpaid', { extra: formatVnd(o.refundDue || o.paidAmount - o.amount) })) : null;
    const error = el('p', { class: 'field-error', id: errorId, role: 'alert', hidden: true });
    const button = el('button', { type: 'button', class: 'button primary', 'aria-describedby': errorId }, tr('confirm.button', { reference: o.reference }));
    const actions = el('p', { class: 'card-actions' }, button);
    button.addEventListener('click', () => {
      if (button.getAttribute('aria-disabled') === 'true') return;
      button.setAttribute('aria-disabled', 'true');
      error.hidden = true;
      void staffApi<ConfirmedOrderView>(`/api/staff/orders/${encodeURIComponent(o.id)}/confirm`, { method: 'POST' }).then((result) => {
        button.removeAttribute('aria-disabled');
        if (!result.ok) {
          if (result.status === 401) return;
          error.hidden = false;
          error.textContent = loadError(result.body);
          return;
        }
        const receipt = result.body.receipt;
        const number = typeof receipt.number === 'number' ? formatReceiptNumber(receipt.number) : '';
        const done = tr('confirm.done', { reference: o.reference, number, symbol: receipt.symbol ?? '' });
        actions.textContent = '';
        actions.append(el('span', { class: 'done' }, done), ' ', receiptLink({ receipt }) ?? '');
        card.classList.add('card-done');
        loaded.delete('bien-lai');
        say('cho-xac-nhan', done);
        (actions.querySelector('a') as HTMLElement | null)?.focus();
      });
    });
    card.append(title, orderFacts(o), note ?? '', error, actions);
    return card;
  }

  // ---- Receipts issued: cancel a wrong one (with a reason), then issue the replacing one.
  async function loadReceipts(): Promise<void> {
    const list = $('bien-lai-list');
    if (!list) return;
    say('bien-lai', tr('staff.loading'));
    const r = await staffApi<ListPage<StaffOrderView>>(withAgency('/api/staff/orders?status=CONFIRMED&limit=50'));
    if (!r.ok) {
      say('bien-lai', loadError(r.body));
      return;
    }
    const issuedAt = (o: StaffOrderView) => o.receipt?.issuedAt ?? o.createdAt;
    const items = r.body.items.filter((o) => o.receipt?.id).sort((a, b) => issuedAt(b).localeCompare(issuedAt(a)));
    list.textContent = '';
    items.forEach((o) => {
      const card = el('li', { class: 'card', id: `receipt-order-${o.id}` });
      const number = typeof o.receipt?.number === 'number' ? formatReceiptNumber(o.receipt.number) : '';
      card.append(
        el('h3', { class: 'card-title' }, el('span', { class: 'mono' }, o.reference), ` · ${formatVnd(o.amount)}`),
        el('p', { class: 'card-meta' }, tr('receipts.number', { number, symbol: o.receipt?.symbol ?? '' }), o.receipt?.issuedAt ? ` · ${formatDateTime(o.receipt.issuedAt)}` : ''),
        orderFacts(o),
        el('p', { class: 'card-actions' }, receiptLink(o) ?? ''),
        receiptCancel(o, 'bien-lai'),
      );
      list.appendChild(card);
    });
    say('bien-lai', items.length === 0 ? tr('receipts.none') : tr('receipts.count', { n: items.length }));
  }

  /**
   * "Hủy biên lai": the reason (5–500 characters, checked here in the API's words and again
   * by the API), a confirmation step, then the cancellation. The order is paid again, so
   * the same box offers the replacing receipt (the next number; the cancelled one keeps its).
   */
  function receiptCancel(o: StaffOrderView, view: ViewId): HTMLElement {
    const box = el('div', { class: 'cancel-box' });
    const receiptId = o.receipt?.id ?? '';
    const number = typeof o.receipt?.number === 'number' ? formatReceiptNumber(o.receipt.number) : '';
    const symbol = o.receipt?.symbol ?? '';
    const fieldId = `cancel-${view}-${o.id}`;
    const open = el('button', { type: 'button', class: 'button secondary', 'aria-expanded': 'false', 'aria-controls': `${fieldId}-panel` }, tr('cancel.open', { number }));
    const panel = el('div', { id: `${fieldId}-panel`, class: 'cancel-panel', hidden: true });
    const step = el('div', { class: 'cancel-confirm', hidden: true });
    const outcome = el('div', { class: 'cancel-outcome' });
    let reason = '';
    let formErrors: FormErrors | null = null;
    const form = cardForm({
      id: fieldId,
      label: 'cancel.reason',
      hint: 'cancel.reasonHint',
      submit: tr('cancel.next'),
      multiline: true,
      onSubmit: (value, errors) => {
        formErrors = errors;
        // As the API reads it: spaces collapsed, trimmed.
        const text = value.normalize('NFC').replace(/ +/g, ' ').trim();
        if (text.length < 5 || text.length > 500) {
          errors.show([{ field: fieldId, ...words(text.length < 5 ? 'cancel.reasonShort' : 'cancel.reasonLong') }]);
          return;
        }
        reason = text;
        form.hidden = true;
        showStep();
      },
    });
    panel.appendChild(form);
    open.addEventListener('click', () => {
      const show = panel.hidden;
      panel.hidden = !show;
      open.setAttribute('aria-expanded', String(show));
      if (show) {
        form.hidden = false;
        step.hidden = true;
        document.getElementById(fieldId)?.focus();
      }
    });

    function showStep(): void {
      step.textContent = '';
      step.hidden = false;
      const question = el('p', { class: 'notice notice-warn', id: `${fieldId}-q`, tabindex: '-1' }, tr('cancel.confirmQ', { number, symbol, reason }));
      const error = el('p', { class: 'field-error', id: `${fieldId}-confirm-error`, role: 'alert', hidden: true });
      const yes = el('button', { type: 'button', class: 'button danger', 'aria-describedby': `${fieldId}-q ${fieldId}-confirm-error` }, tr('cancel.confirm'));
      const no = el('button', { type: 'button', class: 'button secondary' }, tr('cancel.back'));
      no.addEventListener('click', () => {
        step.hidden = true;
        form.hidden = false;
        document.getElementById(fieldId)?.focus();
      });
      yes.addEventListener('click', () => {
        if (yes.getAttribute('aria-disabled') === 'true') return;
        yes.setAttribute('aria-disabled', 'true');
        void staffApi<{ order: StaffOrderView }>(`/api/staff/receipts/${encodeURIComponent(receiptId)}/cancel`, { json: { reason } }).then((r) => {
          yes.removeAttribute('aria-disabled');
          if (!r.ok) {
            if (r.status === 401) return;
            const { errors: list, title } = apiErrors(r.body, (path) => (path === 'reason' ? fieldId : null), 'staff.network');
            if (list.some((e) => e.field === fieldId) && formErrors) {
              // The reason was refused: back to the field, with the API's words beside it.
              step.hidden = true;
              form.hidden = false;
              formErrors.show(list.filter((e) => e.field === fieldId));
              return;
            }
            error.hidden = false;
            error.textContent = inLang(title);
            return;
          }
          cancelled(r.body.order);
        });
      });
      step.append(question, el('p', { class: 'card-actions' }, yes, ' ', no), error);
      question.focus();
    }

    function cancelled(order: StaffOrderView): void {
      open.remove();
      panel.remove();
      box.closest('.card')?.querySelector('a[data-receipt]')?.remove();
      loaded.delete('cho-xac-nhan');
      const done = tr('cancel.done', { number, reference: order.reference, status: statusWords(order.status) });
      const error = el('p', { class: 'field-error', id: `${fieldId}-replace-error`, role: 'alert', hidden: true });
      const replace = el('button', { type: 'button', class: 'button primary', 'aria-describedby': `${fieldId}-replace-error` }, tr('cancel.replace', { reference: order.reference }));
      const actions = el('p', { class: 'card-actions' }, replace);
      replace.addEventListener('click', () => {
        if (replace.getAttribute('aria-disabled') === 'true') return;
        replace.setAttribute('aria-disabled', 'true');
        void staffApi<ConfirmedOrderView>(`/api/staff/orders/${encodeURIComponent(order.id)}/confirm`, { method: 'POST' }).then((r) => {
          replace.removeAttribute('aria-disabled');
          if (!r.ok) {
            if (r.status === 401) return;
            error.hidden = false;
            error.textContent = loadError(r.body);
            return;
          }
          const n = typeof r.body.receipt.number === 'number' ? formatReceiptNumber(r.body.receipt.number) : '';
          const text = tr('cancel.replaced', { number: n, symbol: r.body.receipt.symbol ?? '', reference: order.reference });
          actions.textContent = '';
          actions.append(el('span', { class: 'done' }, text), ' ', receiptLink({ receipt: r.body.receipt }) ?? '');
          loaded.delete('cho-xac-nhan');
          say(view, text);
          (actions.querySelector('a') as HTMLElement | null)?.focus();
        });
      });
      const doneLine = el('p', { class: 'done', id: `${fieldId}-done`, tabindex: '-1' }, done);
      outcome.textContent = '';
      outcome.append(doneLine, error, actions);
      say(view, done);
      doneLine.focus();
    }

    panel.appendChild(step);
    box.append(el('p', { class: 'card-actions' }, open), panel, outcome);
    return box;
  }

  // ---- Transfers: unmatched (match by hand) and refund-due (mark refunded).
  async function loadTransfers(status: 'UNMATCHED' | 'REFUND_DUE'): Promise<void> {
    const view: ViewId = status === 'UNMATCHED' ? 'chua-khop' : 'hoan-tien';
    const list = $(`${view}-list`);
    if (!list) return;
    say(view, tr('staff.loading'));
    const result = await staffApi<ListPage<TransferView>>(withAgency(`/api/staff/transactions?status=${status}`));
    if (!result.ok) {
      say(view, loadError(result.body));
      return;
    }
    const items = result.body.items;
    list.textContent = '';
    items.forEach((x, i) => list.appendChild(status === 'UNMATCHED' ? matchCard(x, i) : refundCard(x, i)));
    setCount(view, items.filter((x) => status === 'UNMATCHED' || !x.refund).length);
    const none: MessageKey = status === 'UNMATCHED' ? 'unmatched.none' : 'refund.none';
    const count: MessageKey = status === 'UNMATCHED' ? 'unmatched.count' : 'refund.count';
    say(view, items.length === 0 ? tr(none) : tr(count, { n: items.length }));
  }

  function transferFacts(x: TransferView): HTMLElement {
    const counter = x.counterAccount;
    return el(
      'dl',
      { class: 'facts-inline' },
      row(tr('transfer.memo'), el('span', { class: 'mono memo' }, x.memo || '—')),
      row(tr('transfer.received'), formatDateTime(x.receivedAt)),
      row(tr('transfer.via'), PROVIDER_NAMES[x.provider] ?? x.provider),
      row(tr('pay.accountNumber'), el('span', { class: 'mono' }, x.accountNumber)),
      counter ? row(tr('transfer.from'), [counter.name, counter.number, counter.bankName].filter(Boolean).join(' · ')) : null,
      x.orderId ? row(tr('transfer.order'), el('span', { class: 'mono' }, x.orderId)) : null,
    );
  }

  /** A one-field form inside a card: label, error beside the field, submit. */
  function cardForm(opts: { id: string; label: MessageKey; hint?: MessageKey; submit: string; multiline?: boolean; onSubmit: (value: string, errors: FormErrors) => void; extra?: Record<string, string> }): HTMLFormElement {
    const errors = new FormErrors([opts.id], null);
    const control = opts.multiline
      ? el('textarea', { id: opts.id, rows: '2', 'aria-describedby': `${opts.hint ? `${opts.id}-hint ` : ''}${opts.id}-error`, maxlength: '500', ...opts.extra })
      : el('input', { id: opts.id, type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${opts.hint ? `${opts.id}-hint ` : ''}${opts.id}-error`, ...opts.extra });
    const form = el(
      'form',
      { class: 'card-form', novalidate: true },
      el(
        'div',
        { class: 'field', id: `field-${opts.id}` },
        el('label', { for: opts.id }, tr(opts.label)),
        opts.hint ? el('p', { class: 'hint', id: `${opts.id}-hint` }, tr(opts.hint)) : null,
        el('p', { class: 'field-error', id: `${opts.id}-error`, hidden: true }),
        control,
      ),
      el('button', { type: 'submit', class: 'button primary' }, opts.submit),
    );
    control.addEventListener('input', () => {
      if (errors.count > 0) errors.clear();
    });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (form.getAttribute('aria-busy') === 'true') return;
      opts.onSubmit((control as HTMLInputElement).value, errors);
    });
    formErrorSets.push(errors);
    return form;
  }

  function matchCard(x: TransferView, i: number): HTMLElement {
    const card = el('li', { class: 'card', id: `transfer-${i}` });
    const title = el('h3', { class: 'card-title' }, formatVnd(x.amount), ` · ${PROVIDER_NAMES[x.provider] ?? x.provider}`);
    const result = el('p', { class: 'done', hidden: true });
    const form = cardForm({
      id: `match-${i}`,
      label: 'unmatched.orderLabel',
      hint: 'unmatched.orderHint',
      submit: tr('unmatched.submit'),
      extra: { autocapitalize: 'characters', class: 'input-medium mono', maxlength: '20' },
      onSubmit: (value, errors) => {
        const orderId = normaliseReference(value);
        if (!orderId) {
          errors.show([{ field: `match-${i}`, ...words('unmatched.orderRequired') }]);
          return;
        }
        form.setAttribute('aria-busy', 'true');
        void staffApi<OrderPaymentView>(`/api/staff/transactions/${encodeURIComponent(x.id)}/match`, { json: { orderId } }).then((r) => {
          form.removeAttribute('aria-busy');
          if (!r.ok) {
            if (r.status === 401) return;
            const { errors: list, title } = apiErrors(r.body, (path) => (path === 'orderId' ? `match-${i}` : null));
            errors.show(list.length > 0 ? list : [{ field: `match-${i}`, ...title }]);
            return;
          }
          const done = tr('unmatched.done', { reference: r.body.order.reference, status: statusWords(r.body.order.status) });
          form.remove();
          result.hidden = false;
          result.textContent = done;
          card.classList.add('card-done');
          loaded.delete('cho-xac-nhan');
          loaded.delete('hoan-tien');
          say('chua-khop', done);
        });
      },
    });
    card.append(title, transferFacts(x), x.reason ? el('p', { class: 'hint' }, tr('unmatched.reason', { reason: reasonWords(x.reason) })) : '', form, result);
    return card;
  }

  function refundCard(x: TransferView, i: number): HTMLElement {
    const card = el('li', { class: 'card', id: `refund-card-${i}` });
    const title = el('h3', { class: 'card-title' }, tr('refund.due', { amount: formatVnd(x.refundDue) }));
    const sub = el('p', { class: 'card-meta' }, tr('refund.of', { amount: formatVnd(x.amount) }));
    const result = el('p', { class: 'done', hidden: !x.refund }, x.refund ? tr('refund.done', { at: formatDateTime(x.refund.at), note: x.refund.note }) : '');
    card.append(title, sub, transferFacts(x), result);
    if (x.refund) {
      card.classList.add('card-done');
      return card;
    }
    const form = cardForm({
      id: `refund-${i}`,
      label: 'refund.noteLabel',
      hint: 'refund.noteHint',
      submit: tr('refund.submit'),
      multiline: true,
      onSubmit: (value, errors) => {
        const note = value.trim();
        if (note.length < 3) {
          errors.show([{ field: `refund-${i}`, ...words('refund.noteRequired') }]);
          return;
        }
        form.setAttribute('aria-busy', 'true');
        void staffApi<{ transaction: TransferView }>(`/api/staff/transactions/${encodeURIComponent(x.id)}/refund`, { json: { note } }).then((r) => {
          form.removeAttribute('aria-busy');
          if (!r.ok) {
            if (r.status === 401) return;
            const { errors: list, title } = apiErrors(r.body, (path) => (path === 'note' ? `refund-${i}` : null));
            errors.show(list.length > 0 ? list : [{ field: `refund-${i}`, ...title }]);
            return;
          }
          const refund = r.body.transaction.refund;
          form.remove();
          result.hidden = false;
          result.textContent = tr('refund.done', { at: formatDateTime(refund?.at ?? new Date().toISOString()), note: refund?.note ?? note });
          card.classList.add('card-done');
          say('hoan-tien', result.textContent);
        });
      },
    });
    card.appendChild(form);
    return card;
  }

  // ---- Cash at the counter.
  const cashFind = $('cash-find') as HTMLFormElement;
  const cashRef = $('cash-ref') as HTMLInputElement;
  const cashForm = $('cash-form') as HTMLFormElement;
  const cashAmount = $('cash-amount') as HTMLInputElement;
  const cashNote = $('cash-note') as HTMLInputElement;
  const cashOrderBox = $('cash-order') as HTMLElement;
  const cashResult = $('cash-result') as HTMLElement;
  const findErrors = new FormErrors(['cash-ref'], null);
  const cashErrors = new FormErrors(['cash-amount', 'cash-note'], $('cash-errors'), 'cash.errorTitle');
  formErrorSets.push(findErrors, cashErrors);
  let cashOrder: StaffOrderView | null = null;

  const due = (o: StaffOrderView) => o.amount - (o.paidAmount - o.refundDue);

  function showCashOrder(o: StaffOrderView): void {
    cashOrder = o;
    cashOrderBox.hidden = false;
    cashOrderBox.textContent = '';
    const left = due(o);
    cashOrderBox.append(
      el('h3', { class: 'card-title', id: 'cash-order-h', tabindex: '-1' }, el('span', { class: 'mono' }, o.reference), ` · ${formatVnd(o.amount)}`),
      orderFacts(o),
      el('p', { class: 'amount-line' }, tr('cash.due', { amount: formatVnd(Math.max(0, left)) })),
    );
    const payable = left > 0 && (o.status === 'PENDING' || o.status === 'UNDERPAID' || o.status === 'EXPIRED');
    cashForm.hidden = !payable;
    if (payable) {
      cashAmount.value = String(left);
      cashNote.value = '';
      cashErrors.clear();
    } else if (o.status === 'PAID' || o.status === 'OVERPAID') {
      cashOrderBox.appendChild(confirmInline(o));
    } else {
      cashOrderBox.appendChild(el('p', { class: 'notice' }, tr('cash.nothingDue', { status: statusWords(o.status) })));
      const link = o.status === 'CONFIRMED' ? receiptLink(o) : null;
      if (link) cashOrderBox.appendChild(el('p', {}, link));
      if (o.status === 'CONFIRMED' && o.receipt?.id) cashOrderBox.appendChild(receiptCancel(o, 'tien-mat'));
    }
  }

  /** Confirm right here (after cash), then offer the receipt to print. */
  function confirmInline(o: StaffOrderView): HTMLElement {
    const box = el('div', { class: 'card-actions' });
    const error = el('p', { class: 'field-error', id: 'cash-confirm-error', role: 'alert', hidden: true });
    const button = el('button', { type: 'button', class: 'button primary', 'aria-describedby': 'cash-confirm-error' }, tr('confirm.button', { reference: o.reference }));
    button.addEventListener('click', () => {
      if (button.getAttribute('aria-disabled') === 'true') return;
      button.setAttribute('aria-disabled', 'true');
      void staffApi<ConfirmedOrderView>(`/api/staff/orders/${encodeURIComponent(o.id)}/confirm`, { method: 'POST' }).then((r) => {
        button.removeAttribute('aria-disabled');
        if (!r.ok) {
          if (r.status === 401) return;
          error.hidden = false;
          error.textContent = loadError(r.body);
          return;
        }
        const number = typeof r.body.receipt.number === 'number' ? formatReceiptNumber(r.body.receipt.number) : '';
        const done = tr('confirm.done', { reference: o.reference, number, symbol: r.body.receipt.symbol ?? '' });
        box.textContent = '';
        box.append(el('span', { class: 'done' }, done), ' ', receiptLink({ receipt: r.body.receipt }) ?? '');
        loaded.delete('cho-xac-nhan');
        loaded.delete('bien-lai');
        say('tien-mat', done);
        (box.querySelector('a') as HTMLElement | null)?.focus();
      });
    });
    box.append(error, button);
    return box;
  }

  cashRef.addEventListener('input', () => {
    if (findErrors.count > 0) findErrors.clear();
  });
  cashFind.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const reference = normaliseReference(cashRef.value);
    cashResult.textContent = '';
    if (!reference) {
      findErrors.show([{ field: 'cash-ref', ...words('cash.referenceRequired') }]);
      return;
    }
    say('tien-mat', tr('staff.loading'));
    void staffApi<StaffOrderView>(`/api/staff/orders/${encodeURIComponent(reference)}`).then((r) => {
      if (!r.ok) {
        if (r.status === 401) return;
        cashOrderBox.hidden = true;
        cashForm.hidden = true;
        const { errors: list, title } = apiErrors(r.body, () => 'cash-ref');
        findErrors.show(list.length > 0 ? list : [{ field: 'cash-ref', ...title }]);
        say('tien-mat', '');
        return;
      }
      showCashOrder(r.body);
      say('tien-mat', tr('cash.found', { reference: r.body.reference }));
      $('cash-order-h')?.focus();
    });
  });
  cashForm.addEventListener('input', (ev) => {
    const id = (ev.target as HTMLElement).id;
    if (cashErrors.has(id)) cashErrors.clear(id);
  });
  cashForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!cashOrder || cashForm.getAttribute('aria-busy') === 'true') return;
    const order = cashOrder;
    const local: ShownError[] = [];
    const raw = cashAmount.value.trim();
    if (raw !== '' && !/^\d+$/.test(raw.replace(/[.,\s]/g, ''))) local.push({ field: 'cash-amount', ...words('cash.amountInvalid') });
    if (local.length > 0) {
      cashErrors.show(local);
      return;
    }
    const body: Record<string, unknown> = {};
    if (raw !== '') body.amount = Number(raw.replace(/[.,\s]/g, ''));
    if (cashNote.value.trim()) body.note = cashNote.value.trim();
    cashForm.setAttribute('aria-busy', 'true');
    void staffApi<{ order: StaffOrderView }>(`/api/staff/orders/${encodeURIComponent(order.id)}/cash`, { json: body }).then((r) => {
      cashForm.removeAttribute('aria-busy');
      if (!r.ok) {
        if (r.status === 401) return;
        const { errors: list, title } = apiErrors(r.body, (path) => (path === 'amount' ? 'cash-amount' : path === 'note' ? 'cash-note' : null), 'staff.network');
        cashErrors.show(list, title);
        return;
      }
      const done = tr('cash.done', { amount: formatVnd(Number(body.amount ?? due(order))), reference: r.body.order.reference, status: statusWords(r.body.order.status) });
      showCashOrder(r.body.order);
      cashResult.textContent = '';
      cashResult.appendChild(el('p', { class: 'notice notice-ok' }, done));
      say('tien-mat', done);
      loaded.delete('cho-xac-nhan');
    });
  });

  // ---- The day's report.
  const reportForm = $('report-form') as HTMLFormElement;
  const reportDate = $('report-date') as HTMLInputElement;
  const reportErrors = new FormErrors(['report-date'], null);
  formErrorSets.push(reportErrors);
  reportDate.value = vietnamDate(new Date());
  reportDate.max = vietnamDate(new Date());
  let report: { date: string; agencyId: string; body: DailyReport } | null = null;

  async function loadReport(): Promise<void> {
    const date = reportDate.value.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      reportErrors.show([{ field: 'report-date', ...words('report.dateRequired') }]);
      return;
    }
    reportErrors.clear();
    say('bao-cao', tr('staff.loading'));
    const r = await staffApi<DailyReport>(withAgency(`/api/staff/reports/daily?date=${encodeURIComponent(date)}`));
    const box = $('report-result');
    if (!r.ok) {
      if (r.status === 401) return;
      if (box) box.hidden = true;
      const { errors: list, title } = apiErrors(r.body, (path) => (path === 'date' ? 'report-date' : null), 'staff.network');
      if (list.some((e) => e.field)) reportErrors.show(list);
      say('bao-cao', inLang(title));
      return;
    }
    report = { date, agencyId: districtWide ? agencySelect.value : (s.user.agencyId ?? ''), body: r.body };
    if (box) box.hidden = false;
    const target = $('report-body');
    if (target) {
      target.textContent = '';
      target.appendChild(renderReport(r.body, lang()));
    }
    say('bao-cao', tr('report.ready', { date }));
  }
  reportForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void loadReport();
  });
  reportDate.addEventListener('input', () => {
    if (reportErrors.count > 0) reportErrors.clear();
  });
  $('report-csv')?.addEventListener('click', () => {
    if (!report) return;
    const current = report;
    // A plain link cannot carry the bearer token: fetch the CSV, then save it.
    void staffApi<string>(withAgency(`/api/staff/reports/daily?date=${encodeURIComponent(current.date)}&format=csv`), { text: true }).then((r) => {
      if (!r.ok) {
        say('bao-cao', loadError(r.body));
        return;
      }
      const blob = new Blob([r.body], { type: 'text/csv;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      const a = el('a', { href: url, download: `bao-cao-ngay-${current.date}${current.agencyId ? `-${current.agencyId}` : ''}.csv`, hidden: true });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      say('bao-cao', tr('report.csvSaved'));
    });
  });
  $('report-print')?.addEventListener('click', () => window.print());

  onLang(() => {
    for (const e of formErrorSets) e.render();
    if (report) {
      const target = $('report-body');
      if (target) {
        target.textContent = '';
        target.appendChild(renderReport(report.body, lang()));
      }
    }
  });
  showView(false);
}

function reasonWords(reason: string): string {
  const key = `reason.${reason}`;
  return isMessageKey(key) ? t(currentLang(), key) : reason;
}

function loadError(body: { error?: { message?: string; messageEn?: string } } | null): string {
  const e = body?.error;
  if (!e?.message) return t(currentLang(), 'staff.network');
  return currentLang() === 'en' ? (e.messageEn ?? e.message) : e.message;
}

// Last, once every module-level constant above is initialised.
if (session) start(session);
