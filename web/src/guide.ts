/**
 * The pay flow's page (/thu-tuc/<code>/nop-phi.html): the fee form that creates an order
 * and moves on to its pay page. The guide itself runs procedure.ts (checklist, print).
 */
import { feeFor, type FeeWorking } from '../../shared/fees';
import { feeDue, type AppliedRelief } from '../../shared/fee-rules';
import { feeWords } from './i18n/fees';
import { t } from './i18n';
import { postOrder, type ApiErrorBody } from './lib/api';
import { workingText } from './lib/fee-working';
import { formatVnd } from './lib/format';
import { citizenWords } from './i18n/citizen';
import { registerServiceWorker } from './lib/offline';
import { initReliefs } from './lib/reliefs';
import { currentLang, initLang, onLang } from './lib/lang';
import { readPageData, type FeeFormData } from './lib/page-data';
import { stashOrder } from './lib/order-stash';
import { rememberAgency, restoreAgency } from './lib/remember-agency';
import { newIdempotencyKey } from './lib/uuid';

initLang(citizenWords, feeWords);
registerServiceWorker();
initReliefs();
initFeeForm();

// ------------------------------------------------------------------------ fee form

type FieldName = 'agencyId' | 'copies' | 'quantity' | 'payerName' | 'payerPhone' | 'dossierCode';

/** API error paths (`details[].path`) → the form field that caused them. */
const FIELD_OF_PATH: Record<string, FieldName> = {
  agencyId: 'agencyId',
  quantity: 'quantity',
  copies: 'copies',
  'payer.name': 'payerName',
  'payer.phone': 'payerPhone',
  payer: 'payerName',
  dossierCode: 'dossierCode',
};

interface ShownError {
  field: FieldName | null;
  vi: string;
  en: string;
}

function initFeeForm(): void {
  const form = document.getElementById('order-form') as HTMLFormElement | null;
  const data = readPageData<FeeFormData>('fee-data');
  if (!form || !data) return;
  form.hidden = false;

  const agency = form.querySelector<HTMLSelectElement>('#agencyId');
  restoreAgency(agency, document.getElementById('agency-remembered'));
  const quantity = form.querySelector<HTMLInputElement>('#quantity');
  const copies = form.querySelector<HTMLInputElement>('#copies');
  const amount = document.getElementById('amount');
  const vneid = form.querySelector<HTMLInputElement>('#vneidOnline');
  const reliefApplied = document.getElementById('relief-applied');
  const working = document.getElementById('amount-working');
  const submit = document.getElementById('order-submit') as HTMLButtonElement | null;
  const busy = document.getElementById('form-busy');
  const summary = document.getElementById('form-errors');
  const textOf = (id: FieldName) => (form.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '').trim();

  let errors: ShownError[] = [];
  let summaryTitle: { vi: string; en: string } | null = null;
  let inFlight = false;
  // The citizen files online with VNeID level 2 and the waiver covers the whole fee: they
  // are told so, and no order (no QR) is made (issue 14, item 6; the API would answer FEE_NOT_REQUIRED).
  let waivedAll = false;
  // One key per intended order: a double tap or a retry of the same form sends the
  // same key (the API answers with the same order); changing the form makes a new one.
  let attempt: { key: string; body: string } | null = null;

  function quantityValue(): number | null {
    if (!quantity) return 1;
    const raw = quantity.value.trim();
    if (!/^\d+$/.test(raw)) return null;
    const n = Number(raw);
    return n >= 1 && n <= data!.maxQuantity ? n : null;
  }

  function copiesValue(): number | null {
    if (!copies) return 1;
    const raw = copies.value.trim();
    if (!/^\d+$/.test(raw)) return null;
    const n = Number(raw);
    return n >= 1 && n <= data!.maxCopies ? n : null;
  }

  // The amount and its working ("2 trang × 2.000 ₫ × 3 bản = 12.000 ₫"), from the same rule the
  // API applies: the rule in force today, less the relief for this filing (shared/fee-rules.ts).
  function showAmount(): void {
    if (!amount) return;
    const q = quantityValue();
    const c = copiesValue();
    let text = '—';
    let words = '';
    let relief: AppliedRelief | null = null;
    if (q !== null && c !== null) {
      try {
        let w: FeeWorking;
        let due: number;
        if (data!.source) {
          const filing = vneid?.checked ? ({ channel: 'online', vneidLevel2: true } as const) : {};
          const d = feeDue(data!.source, new Date(), { quantity: q, copies: c }, filing);
          w = d.working;
          due = d.amount;
          relief = d.relief;
        } else {
          w = feeFor(data!.fee, q, c);
          due = w.amount;
        }
        text = formatVnd(due);
        if (data!.fee.kind === 'per_unit' || data!.fee.kind === 'tiered') words = workingText(currentLang(), w, data!.fee.unit);
      } catch {
        text = '—';
      }
    }
    amount.textContent = text;
    waivedAll = relief !== null && relief.percent === 100 && text === formatVnd(0);
    if (submit) submit.hidden = waivedAll;
    if (working) {
      working.textContent = words;
      working.hidden = words === '';
    }
    if (reliefApplied) {
      reliefApplied.hidden = relief === null;
      reliefApplied.textContent = relief
        ? relief.percent === 100
          ? `${t(currentLang(), 'form.waived', { basis: relief.legalBasis })}${waivedAll ? ` ${t(currentLang(), 'form.waivedNoQr')}` : ''}`
          : t(currentLang(), 'form.reliefApplied', { percent: relief.percent, basis: relief.legalBasis })
        : '';
    }
  }

  function renderErrors(): void {
    const lang = currentLang();
    const fields: FieldName[] = ['agencyId', 'copies', 'quantity', 'payerName', 'payerPhone', 'dossierCode'];
    for (const name of fields) {
      const el = document.getElementById(`${name}-error`);
      const input = document.getElementById(name);
      const own = errors.filter((e) => e.field === name);
      if (el) {
        el.hidden = own.length === 0;
        el.textContent = own.map((e) => (lang === 'en' ? e.en : e.vi)).join(' ');
      }
      if (input) {
        if (own.length > 0) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
      document.getElementById(`field-${name}`)?.classList.toggle('field-invalid', own.length > 0);
      // An error in the optional fields must not hide inside a closed <details>.
      if (own.length > 0) {
        const details = input?.closest('details');
        if (details) details.open = true;
      }
    }
    if (!summary) return;
    if (errors.length === 0 && !summaryTitle) {
      summary.hidden = true;
      summary.textContent = '';
      return;
    }
    summary.hidden = false;
    summary.textContent = '';
    const h = document.createElement('h3');
    h.textContent = t(lang, 'form.errorTitle');
    summary.appendChild(h);
    if (summaryTitle) {
      const p = document.createElement('p');
      p.textContent = lang === 'en' ? summaryTitle.en : summaryTitle.vi;
      summary.appendChild(p);
    }
    if (errors.length > 0) {
      const ul = document.createElement('ul');
      for (const e of errors) {
        const li = document.createElement('li');
        const words = lang === 'en' ? e.en : e.vi;
        if (e.field) {
          const a = document.createElement('a');
          a.href = `#${e.field}`;
          a.textContent = words;
          const field = e.field;
          a.addEventListener('click', (ev) => {
            ev.preventDefault();
            document.getElementById(field)?.focus();
          });
          li.appendChild(a);
        } else {
          li.textContent = words;
        }
        ul.appendChild(li);
      }
      summary.appendChild(ul);
    }
  }

  function setErrors(next: ShownError[], title: { vi: string; en: string } | null): void {
    errors = next;
    summaryTitle = title;
    renderErrors();
    if (next.length > 0 || title) summary?.focus();
  }

  function localErrors(): ShownError[] {
    const out: ShownError[] = [];
    if (agency && !agency.value) out.push({ field: 'agencyId', vi: t('vi', 'form.agencyRequired'), en: t('en', 'form.agencyRequired') });
    if (copies && copiesValue() === null) out.push({ field: 'copies', vi: t('vi', 'form.copiesInvalid', { max: data!.maxCopies }), en: t('en', 'form.copiesInvalid', { max: data!.maxCopies }) });
    if (quantity && quantityValue() === null) out.push({ field: 'quantity', vi: t('vi', 'form.quantityInvalid'), en: t('en', 'form.quantityInvalid') });
    return out;
  }

  function fromApi(body: ApiErrorBody | null): { errors: ShownError[]; title: { vi: string; en: string } } {
    const error = body?.error;
    const title = { vi: error?.message ?? t('vi', 'form.network'), en: error?.messageEn ?? error?.message ?? t('en', 'form.network') };
    const fieldOf = (path: string): FieldName | null => {
      const field = FIELD_OF_PATH[path];
      // A path for a field this form does not show (quantity of a flat fee) goes to the summary.
      return field && document.getElementById(field) ? field : null;
    };
    const list = (error?.details ?? []).map((d) => ({
      field: fieldOf(d.path),
      vi: d.message,
      en: d.messageEn ?? d.message,
    }));
    return { errors: list, title };
  }

  function setBusy(on: boolean): void {
    inFlight = on;
    if (submit) {
      submit.setAttribute('aria-disabled', on ? 'true' : 'false');
      submit.textContent = t(currentLang(), on ? 'form.submitting' : 'form.submit');
    }
    if (busy) busy.textContent = on ? t(currentLang(), 'form.submitting') : '';
  }

  // A corrected field loses its error; the others stay until the next submit. Text is
  // cleared as it is typed, a choice when it is made: never on blur, where the shift of
  // the layout would move the button the person is about to press.
  const clearOwn = (target: EventTarget | null) => {
    const name = (target as HTMLElement | null)?.id as FieldName | undefined;
    if (name && errors.some((e) => e.field === name)) {
      errors = errors.filter((e) => e.field !== name);
      renderErrors();
    }
  };
  form.addEventListener('input', (ev) => {
    if (ev.target === quantity || ev.target === copies) showAmount();
    if ((ev.target as HTMLElement | null)?.tagName !== 'SELECT') clearOwn(ev.target);
  });
  form.addEventListener('change', (ev) => {
    if (ev.target === vneid) showAmount();
    if ((ev.target as HTMLElement | null)?.tagName === 'SELECT') clearOwn(ev.target);
  });

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (inFlight) return;
    if (waivedAll) {
      reliefApplied?.focus();
      return;
    }
    const local = localErrors();
    if (local.length > 0) {
      setErrors(local, null);
      return;
    }
    const payload: Record<string, unknown> = { procedureCode: data.procedureCode, agencyId: agency?.value ?? '' };
    if (copies) payload.copies = copiesValue();
    if (quantity) payload.quantity = quantityValue();
    // Said only when ticked: the API then applies the relief for filing online with VNeID level 2.
    if (vneid?.checked) {
      payload.channel = 'online';
      payload.vneidLevel2 = true;
    }
    const payer: Record<string, string> = {};
    if (textOf('payerName')) payer.name = textOf('payerName');
    if (textOf('payerPhone')) payer.phone = textOf('payerPhone');
    if (payer.name || payer.phone) payload.payer = payer;
    if (textOf('dossierCode')) payload.dossierCode = textOf('dossierCode');
    const body = JSON.stringify(payload);
    if (!attempt || attempt.body !== body) attempt = { key: newIdempotencyKey(), body };

    setBusy(true);
    postOrder(body, attempt.key)
      .then((result) => {
        if (result.ok) {
          rememberAgency(agency?.value ?? '');
          if (typeof result.order.id === 'string') stashOrder(result.order.id, result.order);
          window.location.assign(result.payPage);
          return; // stay busy: the page is leaving
        }
        setBusy(false);
        if (result.status === 409) attempt = null; // the key was spent on another body: next try gets a new one
        const { errors: list, title } = result.body ? fromApi(result.body) : { errors: [], title: { vi: t('vi', 'form.network'), en: t('en', 'form.network') } };
        setErrors(list, title);
      })
      .catch(() => {
        setBusy(false);
        setErrors([], { vi: t('vi', 'form.network'), en: t('en', 'form.network') });
      });
  });

  // Back from the pay page, the browser may restore this page as it was left: busy.
  window.addEventListener('pageshow', (ev) => {
    if (ev.persisted) setBusy(false);
  });

  showAmount();
  onLang(() => {
    showAmount();
    renderErrors();
    if (submit) submit.textContent = t(currentLang(), inFlight ? 'form.submitting' : 'form.submit');
  });
}
