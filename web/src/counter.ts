/**
 * Counter mode, for the youth volunteer (or clerk) at the one-stop counter, on a tablet:
 * pick the procedure, enter the quantity, create the order on the citizen's behalf
 * (POST /api/staff/orders, with an Idempotency-Key so a double tap or a retry makes one
 * order), turn the tablet to the citizen with the QR full screen, and watch it turn paid.
 * Below: the orders made today and the volunteer's own tally.
 */
import { computeFee, type Fee } from '../../shared/fees';
import { foldForSearch } from '../../shared/text';
import { feeCountsUnits, feeSummary } from '../templates/fee-text';
import { t } from './i18n';
import { staffWords } from './i18n/staff';
import { counterWords } from './i18n/counter';
import { getOrder, type PublicOrder } from './lib/api';
import { formatDateTime, formatVnd } from './lib/format';
import { apiErrors, FormErrors, words, type ShownError } from './lib/form-errors';
import { currentLang, initLang, onLang } from './lib/lang';
import { orderView } from './lib/order-view';
import { readPageData, type StaffPageData } from './lib/page-data';
import { staffApi } from './lib/staff-api';
import { agencyName, initStaffBar, PAGE_ROLES } from './lib/staff-page';
import { requireSession, type StaffSession } from './lib/staff-session';
import { sessionGet, sessionSet } from './lib/storage';
import { newIdempotencyKey } from './lib/uuid';
import { statusWords } from './lib/staff-words';
import { vietnamDate } from '../../shared/time';
import type { AssistedOrderView, ListPage, StaffOrderView, TallyView } from '../../shared/views';

initLang(staffWords, counterWords);

const data = readPageData<StaffPageData>('staff-data') ?? { agencies: [], procedures: [], maxQuantity: 1000 };
const session = requireSession(PAGE_ROLES.counter);

/** Tokens of the orders made in this tab, so their QR can be shown again. */
const TOKENS_KEY = 'motcua.counter.tokens';
function rememberToken(id: string, token: string): void {
  const map = knownTokens();
  map[id] = token;
  const ids = Object.keys(map);
  // Keep the last 50: a day at a busy counter.
  for (const old of ids.slice(0, Math.max(0, ids.length - 50))) delete map[old];
  sessionSet(TOKENS_KEY, JSON.stringify(map));
}
function knownTokens(): Record<string, string> {
  try {
    const parsed = JSON.parse(sessionGet(TOKENS_KEY) ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function start(s: StaffSession): void {
  initStaffBar(s, data, 'counter');
  const $ = (id: string) => document.getElementById(id);
  const section = $('counter');
  if (section) section.hidden = false;
  const form = $('counter-form') as HTMLFormElement;
  const agencySelect = $('agencyId') as HTMLSelectElement;
  const search = $('procedureCode') as HTMLInputElement;
  const options = $('proc-options') as HTMLElement;
  const quantity = $('quantity') as HTMLInputElement;
  const amount = $('counter-amount') as HTMLOutputElement;
  const submit = $('counter-submit') as HTMLButtonElement;
  const busy = $('counter-busy');
  const isAdmin = s.user.role === 'admin';

  const errors = new FormErrors(['agencyId', 'procedureCode', 'quantity', 'payerName', 'payerPhone', 'dossierCode'], $('counter-errors'));
  const FIELD_OF_PATH: Record<string, string> = {
    agencyId: 'agencyId',
    procedureCode: 'procedureCode',
    quantity: 'quantity',
    payer: 'payerName',
    'payer.name': 'payerName',
    'payer.phone': 'payerPhone',
    dossierCode: 'dossierCode',
  };
  // The procedure is chosen from radios; its error sits at the top of the group, and
  // the group's search box (id procedureCode) is where the summary's link leads.
  const fieldOf = (path: string) => FIELD_OF_PATH[path] ?? null;

  // ---- Agency: one's own; an admin chooses.
  const agencyId = (): string => (isAdmin ? agencySelect.value : (s.user.agencyId ?? ''));
  if (isAdmin) {
    $('field-agencyId')?.removeAttribute('hidden');
    const blank = document.createElement('option');
    blank.value = '';
    blank.setAttribute('data-i18n', 'counter.agencyChoose');
    blank.textContent = t(currentLang(), 'counter.agencyChoose');
    agencySelect.appendChild(blank);
    for (const a of data.agencies) {
      const o = document.createElement('option');
      o.value = a.id;
      o.textContent = a.name;
      agencySelect.appendChild(o);
    }
  }
  const renderAgency = () => {
    const el = $('counter-agency');
    if (!el) return;
    el.hidden = isAdmin;
    el.textContent = isAdmin ? '' : t(currentLang(), 'counter.agencyFixed', { agency: agencyName(data, s.user.agencyId) });
  };

  // ---- Procedures of the agency's level, as radios filtered by the search box.
  const procedureOf = (code: string) => data.procedures.find((p) => p.code === code);
  const selectedCode = (): string => (form.querySelector<HTMLInputElement>('input[name="procedureCode"]:checked')?.value ?? '');
  let renderedLevel: string | null = null;
  const renderOptions = () => {
    const level = data.agencies.find((a) => a.id === agencyId())?.level ?? null;
    if (level === renderedLevel) return;
    renderedLevel = level;
    const keep = selectedCode();
    options.textContent = '';
    for (const p of data.procedures) {
      if (level && p.level !== level) continue;
      const id = `proc-${p.code.replace(/[^A-Za-z0-9_-]/g, '-')}`;
      const wrap = document.createElement('div');
      wrap.className = 'proc-option';
      wrap.setAttribute('data-search', p.search);
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = 'procedureCode';
      input.id = id;
      input.value = p.code;
      input.checked = p.code === keep;
      input.setAttribute('aria-describedby', 'procedureCode-error');
      const label = document.createElement('label');
      label.htmlFor = id;
      const name = document.createElement('span');
      name.className = 'proc-name';
      name.lang = 'vi';
      name.textContent = p.name;
      const fee = document.createElement('span');
      fee.className = 'proc-fee';
      fee.lang = 'vi';
      fee.textContent = feeSummary(p.fee);
      label.append(name, ' ', fee);
      wrap.append(input, label);
      options.appendChild(wrap);
    }
    filter(false);
  };
  const filter = (announce: boolean) => {
    const words = foldForSearch(search.value).split(' ').filter(Boolean);
    let shown = 0;
    options.querySelectorAll<HTMLElement>('.proc-option').forEach((el) => {
      const hay = (el.getAttribute('data-search') ?? '').split(' ');
      const checked = el.querySelector('input')?.checked === true;
      const match = checked || words.every((w) => hay.some((h) => h.startsWith(w)));
      el.hidden = !match;
      if (match) shown++;
    });
    const status = $('proc-count');
    if (status && announce) {
      const lang = currentLang();
      status.textContent = shown === 0 ? t(lang, 'search.none') : words.length === 0 ? t(lang, 'search.all', { n: shown }) : t(lang, 'search.count', { n: shown });
    }
  };

  // ---- Quantity and amount.
  const selectedFee = (): Fee | null => procedureOf(selectedCode())?.fee ?? null;
  const quantityValue = (): number | null => {
    const raw = quantity.value.trim();
    if (!/^\d+$/.test(raw)) return null;
    const n = Number(raw);
    return n >= 1 && n <= data.maxQuantity ? n : null;
  };
  const renderQuantity = () => {
    const fee = selectedFee();
    const counts = fee !== null && feeCountsUnits(fee);
    const wrap = $('field-quantity');
    if (wrap) wrap.hidden = !counts;
    if (fee && feeCountsUnits(fee)) {
      const label = wrap?.querySelector('label');
      const params = { unit: `@unit.${fee.unit}`, units: `@units.${fee.unit}` };
      if (label) {
        label.setAttribute('data-p-units', params.units);
        label.textContent = t(currentLang(), 'counter.quantity', params);
      }
      const hint = $('quantity-hint');
      if (hint) {
        hint.setAttribute('data-p-unit', params.unit);
        hint.textContent = t(currentLang(), 'counter.quantityHint', params);
      }
    }
    const q = counts ? quantityValue() : 1;
    let text = '—';
    if (fee && q !== null) {
      try {
        text = formatVnd(computeFee(fee, q));
      } catch {
        text = '—';
      }
    }
    amount.textContent = text;
  };

  // ---- Submitting.
  let inFlight = false;
  let attempt: { key: string; body: string } | null = null;
  const setBusy = (on: boolean) => {
    inFlight = on;
    submit.setAttribute('aria-disabled', on ? 'true' : 'false');
    if (busy) busy.textContent = on ? t(currentLang(), 'counter.creating') : '';
  };
  const text = (id: string) => (($(id) as HTMLInputElement | null)?.value ?? '').trim();

  form.addEventListener('change', (ev) => {
    const target = ev.target as HTMLInputElement | HTMLSelectElement;
    if (target === agencySelect) {
      errors.clear('agencyId');
      renderOptions();
    }
    if (target.name === 'procedureCode') {
      errors.clear('procedureCode');
      renderQuantity();
    }
    // The search box shares the procedure's error slot: only a choice clears it. Text
    // fields clear as they are typed in (below), not on blur, so nothing moves under a click.
    if (target.tagName === 'SELECT' && target.id && errors.has(target.id)) errors.clear(target.id);
  });
  form.addEventListener('input', (ev) => {
    const target = ev.target as HTMLElement;
    if (target === search) {
      filter(false);
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => filter(true), 400);
    }
    if (target === quantity) renderQuantity();
    if (target !== search && target.id && errors.has(target.id)) errors.clear(target.id);
  });
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  // Enter in the search box moves to the first match (arrows then choose) rather than
  // submitting the form half filled.
  search.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    const visible = Array.from(options.querySelectorAll<HTMLElement>('.proc-option:not([hidden]) input'));
    if (visible.length >= 1) (visible[0] as HTMLInputElement).focus();
  });

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (inFlight) return;
    const local: ShownError[] = [];
    if (!agencyId()) local.push({ field: 'agencyId', ...words('counter.agencyRequired') });
    const code = selectedCode();
    if (!code) local.push({ field: 'procedureCode', ...words('counter.procedureRequired') });
    const fee = selectedFee();
    const counts = fee !== null && feeCountsUnits(fee);
    if (counts && quantityValue() === null) local.push({ field: 'quantity', ...words('form.quantityInvalid') });
    if (local.length > 0) {
      errors.show(local);
      return;
    }
    const payload: Record<string, unknown> = { procedureCode: code, agencyId: agencyId() };
    if (counts) payload.quantity = quantityValue();
    const payer: Record<string, string> = {};
    if (text('payerName')) payer.name = text('payerName');
    if (text('payerPhone')) payer.phone = text('payerPhone');
    if (payer.name || payer.phone) payload.payer = payer;
    if (text('dossierCode')) payload.dossierCode = text('dossierCode');
    const body = JSON.stringify(payload);
    if (!attempt || attempt.body !== body) attempt = { key: newIdempotencyKey(), body };
    errors.clear();
    setBusy(true);
    void staffApi<AssistedOrderView>('/api/staff/orders', { json: payload, idempotencyKey: attempt.key }).then((result) => {
      setBusy(false);
      if (result.ok) {
        rememberToken(result.body.id, result.body.accessToken);
        openQr(result.body, result.body.accessToken);
        return;
      }
      if (result.status === 401) return; // leaving for the login page
      if (result.status === 409) attempt = null;
      const { errors: list, title } = apiErrors(result.body, fieldOf);
      errors.show(list, title);
    });
  });

  const resetForm = () => {
    form.reset();
    attempt = null;
    search.value = '';
    const count = $('proc-count');
    if (count) count.textContent = '';
    renderedLevel = null;
    renderOptions();
    renderQuantity();
    errors.clear();
  };

  // ---- The QR, full screen, turned to the citizen.
  const screen = $('qr-screen') as HTMLElement;
  let shown: { order: PublicOrder; token: string } | null = null;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let opener: HTMLElement | null = null;
  const outside = () => [document.querySelector('.skip-link'), document.querySelector('.site-header'), document.querySelector('.site-footer'), ...Array.from(document.querySelectorAll('main > *'))].filter((el): el is HTMLElement => el instanceof HTMLElement && el !== screen);

  function openQr(order: PublicOrder, token: string): void {
    shown = { order, token };
    opener = document.activeElement as HTMLElement | null;
    for (const el of outside()) {
      el.setAttribute('inert', '');
      el.setAttribute('aria-hidden', 'true');
    }
    screen.hidden = false;
    document.documentElement.classList.add('qr-open');
    const qr = $('qs-qr') as HTMLImageElement;
    qr.src = `/api/orders/${encodeURIComponent(order.id)}/qr.svg?token=${encodeURIComponent(token)}`;
    const pay = $('qs-paylink') as HTMLAnchorElement;
    pay.href = `/pay.html?id=${encodeURIComponent(order.id)}&token=${encodeURIComponent(token)}`;
    renderQr();
    $('qs-title')?.focus();
    const full = $('qs-fullscreen');
    if (full) full.hidden = !document.fullscreenEnabled;
    if (document.fullscreenEnabled && !document.fullscreenElement) screen.requestFullscreen?.().catch(() => undefined);
    schedulePoll(2_000);
  }

  function closeQr(): void {
    clearTimeout(pollTimer);
    shown = null;
    screen.hidden = true;
    document.documentElement.classList.remove('qr-open');
    for (const el of outside()) {
      el.removeAttribute('inert');
      el.removeAttribute('aria-hidden');
    }
    if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined);
    resetForm();
    void loadOrders();
    void loadTally();
    (opener && document.contains(opener) ? opener : search).focus();
  }

  function renderQr(): void {
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
    qr.alt = t(lang, 'pay.qrAlt', { amount: amountText, account: order.vietqr?.accountNumber ?? '' });
    const procedure = $('qs-procedure');
    if (procedure) procedure.textContent = `${order.procedureName ?? ''}${order.quantity && order.quantity > 1 ? ` × ${order.quantity}` : ''}`;
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
        renderQr();
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

  $('qs-close')?.addEventListener('click', closeQr);
  $('qs-fullscreen')?.addEventListener('click', () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else screen.requestFullscreen?.().catch(() => undefined);
  });
  screen.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !document.fullscreenElement) closeQr();
  });
  document.addEventListener('visibilitychange', () => {
    if (shown && document.visibilityState === 'visible') void poll();
  });

  // ---- Today's orders made here.
  const list = $('my-orders-list');
  async function loadOrders(): Promise<void> {
    const section = $('my-orders');
    if (!list || !section) return;
    if (isAdmin && !agencyId()) {
      section.hidden = true;
      return;
    }
    section.hidden = false;
    const status = $('my-orders-status');
    const today = vietnamDate(new Date());
    const query = new URLSearchParams({ from: today, to: today, limit: '100' });
    if (isAdmin) query.set('agencyId', agencyId());
    const result = await staffApi<ListPage<StaffOrderView>>(`/api/staff/orders?${query.toString()}`);
    if (!result.ok) {
      if (status) status.textContent = t(currentLang(), 'staff.loadFailed');
      return;
    }
    const mine = result.body.items.filter((o) => o.assistedBy === s.user.username);
    list.textContent = '';
    const tokens = knownTokens();
    for (const o of mine) {
      const li = document.createElement('li');
      li.className = 'card';
      const h = document.createElement('h3');
      h.className = 'card-title';
      const ref = document.createElement('span');
      ref.className = 'mono';
      ref.textContent = o.reference;
      h.append(ref, ` · ${formatVnd(o.amount)}`);
      const p = document.createElement('p');
      p.lang = 'vi';
      p.textContent = o.procedureName;
      const meta = document.createElement('p');
      meta.className = 'card-meta';
      meta.textContent = `${statusWords(o.status)} · ${formatDateTime(o.createdAt)}`;
      li.append(h, p, meta);
      const token = tokens[o.id];
      if (token && (o.status === 'PENDING' || o.status === 'UNDERPAID')) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'button secondary small';
        b.textContent = t(currentLang(), 'counter.showAgain');
        b.setAttribute('aria-label', `${t(currentLang(), 'counter.showAgain')} ${o.reference}`);
        b.addEventListener('click', () => {
          void getOrder(o.id, token).then((r) => {
            if (r.ok) openQr(r.order, token);
          });
        });
        li.appendChild(b);
      }
      list.appendChild(li);
    }
    if (status) status.textContent = mine.length === 0 ? t(currentLang(), 'counter.noOrders') : t(currentLang(), 'counter.ordersCount', { n: mine.length });
  }
  $('my-orders-refresh')?.addEventListener('click', () => void loadOrders());

  // ---- The volunteer's own tally.
  async function loadTally(): Promise<void> {
    const section = $('tally');
    if (!section || !(s.user.role === 'volunteer' || s.user.role === 'admin')) return;
    const result = await staffApi<TallyView>('/api/staff/tally');
    if (!result.ok) return;
    section.hidden = false;
    const set = (id: string, value: number) => {
      const el = $(id);
      if (el) el.textContent = String(value);
    };
    set('tally-today', result.body.today);
    set('tally-month', result.body.month);
    set('tally-paid', result.body.paidThisMonth);
    const rows = $('tally-rows');
    const wrap = $('tally-table-wrap');
    if (rows && wrap) {
      rows.textContent = '';
      for (const r of result.body.byProcedure) {
        const tr = document.createElement('tr');
        const name = document.createElement('td');
        name.lang = 'vi';
        name.textContent = r.procedureName;
        const today = document.createElement('td');
        today.className = 'num';
        today.textContent = String(r.today);
        const month = document.createElement('td');
        month.className = 'num';
        month.textContent = String(r.month);
        tr.append(name, today, month);
        rows.appendChild(tr);
      }
      wrap.hidden = result.body.byProcedure.length === 0;
    }
  }

  agencySelect.addEventListener('change', () => void loadOrders());
  renderAgency();
  renderOptions();
  renderQuantity();
  onLang(() => {
    renderAgency();
    renderQuantity();
    renderQr();
    errors.render();
  });
  void loadOrders();
  void loadTally();
}

// Last, once every module-level constant above is initialised.
if (session) start(session);
