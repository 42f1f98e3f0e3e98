/**
 * The procedures the order can be for: those of the agency's level, as radios, narrowed by
 * a search box that matches words with or without diacritics, announcing how many match.
 */
import { procedureLevelOf } from '../../../shared/agency-tree';
import type { Fee } from '../../../shared/fees';
import { foldForSearch } from '../../../shared/text';
import { feeSummary } from '../../templates/fee-text';
import { t } from '../i18n';
import { currentLang } from '../lib/lang';
import { $, type CounterContext } from './context';

export interface ProcedurePicker {
  /** The code of the procedure chosen, or ''. */
  selectedCode(): string;
  selectedFee(): Fee | null;
  /** Draws the radios for the agency's level (again only when the level changed). */
  render(): void;
  /** Empties the search and draws the radios again. */
  reset(): void;
}

export function initProcedurePicker(ctx: CounterContext, form: HTMLFormElement): ProcedurePicker {
  const { data } = ctx;
  const search = $('procedureCode') as HTMLInputElement;
  const options = $('proc-options') as HTMLElement;
  const procedureOf = (code: string) => data.procedures.find((p) => p.code === code);
  const selectedCode = (): string => form.querySelector<HTMLInputElement>('input[name="procedureCode"]:checked')?.value ?? '';
  let renderedLevel: string | null = null;

  const render = () => {
    // The procedures of the agency's tier: a province's, or the commune level's (xã, phường, đặc khu).
    const agency = data.agencies.find((a) => a.id === ctx.agencyId());
    const level = agency ? (procedureLevelOf(agency) ?? null) : null;
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

  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    filter(false);
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => filter(true), 400);
  });
  // Enter in the search box moves to the first match (arrows then choose) rather than
  // submitting the form half filled.
  search.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    const visible = Array.from(options.querySelectorAll<HTMLElement>('.proc-option:not([hidden]) input'));
    if (visible.length >= 1) (visible[0] as HTMLInputElement).focus();
  });

  return {
    selectedCode,
    selectedFee: () => procedureOf(selectedCode())?.fee ?? null,
    render,
    reset: () => {
      search.value = '';
      const count = $('proc-count');
      if (count) count.textContent = '';
      renderedLevel = null;
      render();
    },
  };
}
