/** The reliefs' sentences on the guide and on the pay flow's page (web/templates/relief-html.ts). */
import { vietnamDate } from '../../../shared/time';
import { t } from '../i18n';
import { currentLang, onLang } from './lang';

/**
 * The reliefs' sentences carry their dates; today (Vietnam's date, the phone's clock) hides
 * those that have ended and marks those in force.
 */
export function initReliefs(): void {
  const today = vietnamDate(new Date());
  const dated = Array.from(document.querySelectorAll<HTMLElement>('.reliefs [data-from][data-to]'));
  const show = () => {
    for (const el of dated) {
      const from = el.getAttribute('data-from') ?? '';
      const to = el.getAttribute('data-to') ?? '';
      el.hidden = to < today;
      const state = el.querySelector('.relief-state');
      if (state) state.textContent = from <= today && today <= to ? `(${t(currentLang(), 'relief.now')})` : '';
    }
  };
  show();
  onLang(show);
}

