/**
 * The new order: the agency (an admin chooses; the others' is fixed), the procedure, the
 * quantity when the fee counts units (and the copies, each charged on its own, when it
 * counts the pages of one paper), the amount as it will be charged with its working, and the payer's
 * optional details. POST /api/staff/orders carries an Idempotency-Key, drawn again only
 * when the body changes, so a double tap or a retry makes one order.
 */
import { agencyScope } from '../../../shared/agency-tree';
import { feeCountsCopies, feeFor } from '../../../shared/fees';
import type { AssistedOrderView } from '../../../shared/views';
import { feeCountsUnits } from '../../templates/fee-text';
import { t } from '../i18n';
import { workingText } from '../lib/fee-working';
import { formatVnd } from '../lib/format';
import { apiErrors, FormErrors, words, type ShownError } from '../lib/form-errors';
import { currentLang } from '../lib/lang';
import { staffApi } from '../lib/staff-api';
import { agencyName } from '../lib/staff-page';
import { newIdempotencyKey } from '../lib/uuid';
import { $, type CounterContext } from './context';
import { initProcedurePicker } from './procedures';
import { rememberToken } from './tokens';

export interface OrderForm {
  /** Empties the form for the next citizen. */
  reset(): void;
  /** Writes the words that depend on the language again. */
  relabel(): void;
}

const FIELD_OF_PATH: Record<string, string> = {
  agencyId: 'agencyId',
  procedureCode: 'procedureCode',
  quantity: 'quantity',
  copies: 'copies',
  payer: 'payerName',
  'payer.name': 'payerName',
  'payer.phone': 'payerPhone',
  dossierCode: 'dossierCode',
};
// The procedure is chosen from radios; its error sits at the top of the group, and
// the group's search box (id procedureCode) is where the summary's link leads.
const fieldOf = (path: string) => FIELD_OF_PATH[path] ?? null;

/** Wires the form; `created` gets each order made (its QR goes to the citizen). */
export function initOrderForm(ctx: CounterContext, created: (order: AssistedOrderView) => void): OrderForm {
  const { data, isAdmin, agencySelect, session } = ctx;
  const form = $('counter-form') as HTMLFormElement;
  const quantity = $('quantity') as HTMLInputElement;
  const copies = $('copies') as HTMLInputElement;
  const amount = $('counter-amount') as HTMLOutputElement;
  const working = $('counter-working');
  const submit = $('counter-submit') as HTMLButtonElement;
  const busy = $('counter-busy');
  const errors = new FormErrors(['agencyId', 'procedureCode', 'copies', 'quantity', 'payerName', 'payerPhone', 'dossierCode'], $('counter-errors'));

  // ---- Agency: one's own; an admin chooses.
  if (isAdmin) {
    $('field-agencyId')?.removeAttribute('hidden');
    const blank = document.createElement('option');
    blank.value = '';
    blank.setAttribute('data-i18n', 'counter.agencyChoose');
    blank.textContent = t(currentLang(), 'counter.agencyChoose');
    agencySelect.appendChild(blank);
    // An admin with an agency serves the agencies of its tree (a province's: its communes).
    const scope = session.user.agencyId ? agencyScope(data.agencies, session.user.agencyId) : null;
    for (const a of data.agencies) {
      if (scope && !scope.has(a.id)) continue;
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
    el.textContent = isAdmin ? '' : t(currentLang(), 'counter.agencyFixed', { agency: agencyName(data, session.user.agencyId) });
  };

  const procedures = initProcedurePicker(ctx, form);

  // ---- Quantity and amount.
  const quantityValue = (): number | null => {
    const raw = quantity.value.trim();
    if (!/^\d+$/.test(raw)) return null;
    const n = Number(raw);
    return n >= 1 && n <= data.maxQuantity ? n : null;
  };
  const copiesValue = (): number | null => {
    const raw = copies.value.trim();
    if (!/^\d+$/.test(raw)) return null;
    const n = Number(raw);
    return n >= 1 && n <= data.maxCopies ? n : null;
  };
  const renderQuantity = () => {
    const fee = procedures.selectedFee();
    const counts = fee !== null && feeCountsUnits(fee);
    const perCopy = fee !== null && feeCountsCopies(fee);
    const wrap = $('field-quantity');
    if (wrap) wrap.hidden = !counts;
    const copiesWrap = $('field-copies');
    if (copiesWrap) copiesWrap.hidden = !perCopy;
    if (fee && feeCountsUnits(fee)) {
      const label = wrap?.querySelector('label');
      const params = { unit: `@unit.${fee.unit}`, units: `@units.${fee.unit}` };
      const labelKey = perCopy ? 'counter.quantityEach' : 'counter.quantity';
      const hintKey = perCopy ? 'counter.quantityEachHint' : 'counter.quantityHint';
      if (label) {
        label.setAttribute('data-i18n', labelKey);
        label.setAttribute('data-p-units', params.units);
        label.textContent = t(currentLang(), labelKey, params);
      }
      const hint = $('quantity-hint');
      if (hint) {
        hint.setAttribute('data-i18n', hintKey);
        hint.setAttribute('data-p-unit', params.unit);
        hint.setAttribute('data-p-units', params.units);
        hint.textContent = t(currentLang(), hintKey, params);
      }
    }
    const q = counts ? quantityValue() : 1;
    const c = perCopy ? copiesValue() : 1;
    let text = '—';
    let steps = '';
    if (fee && q !== null && c !== null) {
      try {
        const w = feeFor(fee, q, c);
        text = formatVnd(w.amount);
        if (fee.kind === 'per_unit' || fee.kind === 'tiered') steps = workingText(currentLang(), w, fee.unit);
      } catch {
        text = '—';
      }
    }
    amount.textContent = text;
    if (working) {
      working.textContent = steps;
      working.hidden = steps === '';
    }
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
      procedures.render();
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
    if (target === quantity || target === copies) renderQuantity();
    if (target.id !== 'procedureCode' && target.id && errors.has(target.id)) errors.clear(target.id);
  });

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (inFlight) return;
    const local: ShownError[] = [];
    if (!ctx.agencyId()) local.push({ field: 'agencyId', ...words('counter.agencyRequired') });
    const code = procedures.selectedCode();
    if (!code) local.push({ field: 'procedureCode', ...words('counter.procedureRequired') });
    const fee = procedures.selectedFee();
    const counts = fee !== null && feeCountsUnits(fee);
    const perCopy = fee !== null && feeCountsCopies(fee);
    if (perCopy && copiesValue() === null) local.push({ field: 'copies', ...words('form.copiesInvalid', { max: data.maxCopies }) });
    if (counts && quantityValue() === null) local.push({ field: 'quantity', ...words('form.quantityInvalid') });
    if (local.length > 0) {
      errors.show(local);
      return;
    }
    const payload: Record<string, unknown> = { procedureCode: code, agencyId: ctx.agencyId() };
    if (perCopy) payload.copies = copiesValue();
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
        created(result.body);
        return;
      }
      if (result.status === 401) return; // leaving for the login page
      if (result.status === 409) attempt = null;
      const { errors: list, title } = apiErrors(result.body, fieldOf);
      errors.show(list, title);
    });
  });

  renderAgency();
  procedures.render();
  renderQuantity();
  return {
    reset: () => {
      form.reset();
      attempt = null;
      procedures.reset();
      renderQuantity();
      errors.clear();
    },
    relabel: () => {
      renderAgency();
      renderQuantity();
      errors.render();
    },
  };
}
