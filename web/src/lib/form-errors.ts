/**
 * Errors shown where they belong: beside the field that caused them, in the API's own
 * words (`details[].path` names the field), with a summary at the top of the form that
 * is announced and links to each field. Local checks use the same path.
 *
 * Markup a form provides for each field `<id>`: the control `#<id>` (with
 * aria-describedby naming `<id>-error`), `<p class="field-error" id="<id>-error" hidden>`
 * and a wrapper `#field-<id>`.
 */
import { t, type MessageKey } from '../i18n';
import type { ApiErrorBody } from './api';
import { currentLang } from './lang';

export interface Words {
  vi: string;
  en: string;
}

export interface ShownError extends Words {
  /** The control's id, or null for an error of the whole form. */
  field: string | null;
}

export function words(key: MessageKey, params?: Record<string, string | number>): Words {
  return { vi: t('vi', key, params), en: t('en', key, params) };
}

export function inLang(w: Words): string {
  return currentLang() === 'en' ? w.en : w.vi;
}

/** The API's errors: each detail beside its field when the form shows one, the rest in the summary. */
export function apiErrors(body: ApiErrorBody | null, fieldOf: (path: string) => string | null, fallback: MessageKey = 'form.network'): { errors: ShownError[]; title: Words } {
  const error = body?.error;
  const title = error?.message ? { vi: error.message, en: error.messageEn ?? error.message } : words(fallback);
  const errors = (error?.details ?? []).map((d) => {
    const id = fieldOf(d.path);
    return { field: id && document.getElementById(id) ? id : null, vi: d.message, en: d.messageEn ?? d.message };
  });
  return { errors, title };
}

export class FormErrors {
  private errors: ShownError[] = [];
  private title: Words | null = null;

  /**
   * @param fields every control id the form can mark
   * @param summary the summary element (role="alert", tabindex="-1"), or null for
   *   one-field forms, where the field's own error is announced
   */
  constructor(
    private readonly fields: readonly string[],
    private readonly summary: HTMLElement | null,
    private readonly titleKey: MessageKey = 'form.errorTitle',
  ) {}

  get count(): number {
    return this.errors.length + (this.title ? 1 : 0);
  }

  /** Shows these errors (replacing the last ones) and moves focus to the summary or the first field. */
  show(errors: ShownError[], title: Words | null = null): void {
    this.errors = errors;
    this.title = title;
    this.render();
    if (errors.length === 0 && !title) return;
    const first = errors.find((e) => e.field)?.field ?? this.fields[0];
    if (this.summary) this.summary.focus();
    else if (first) document.getElementById(first)?.focus();
  }

  clear(field?: string): void {
    if (field === undefined) {
      this.errors = [];
      this.title = null;
    } else {
      this.errors = this.errors.filter((e) => e.field !== field);
    }
    this.render();
  }

  has(field: string): boolean {
    return this.errors.some((e) => e.field === field);
  }

  /** Writes everything in the current language (call again on a language change). */
  render(): void {
    for (const id of this.fields) {
      const own = this.errors.filter((e) => e.field === id);
      const el = document.getElementById(`${id}-error`);
      if (el) {
        el.hidden = own.length === 0;
        el.textContent = own.map(inLang).join(' ');
      }
      const control = document.getElementById(id);
      if (control) {
        if (own.length > 0) control.setAttribute('aria-invalid', 'true');
        else control.removeAttribute('aria-invalid');
        const details = control.closest('details');
        if (own.length > 0 && details) details.open = true;
      }
      document.getElementById(`field-${id}`)?.classList.toggle('field-invalid', own.length > 0);
    }
    // Without a summary, errors of the whole form (no field) show in the first field's slot.
    if (!this.summary) {
      const loose = [...(this.title ? [this.title] : []), ...this.errors.filter((e) => !e.field)];
      const first = this.fields[0];
      const el = first ? document.getElementById(`${first}-error`) : null;
      if (el && loose.length > 0 && !this.errors.some((e) => e.field === first)) {
        el.hidden = false;
        el.textContent = loose.map(inLang).join(' ');
      }
      return;
    }
    const summary = this.summary;
    summary.textContent = '';
    if (this.errors.length === 0 && !this.title) {
      summary.hidden = true;
      return;
    }
    summary.hidden = false;
    const h = document.createElement('h3');
    h.textContent = t(currentLang(), this.titleKey);
    summary.appendChild(h);
    if (this.title) {
      const p = document.createElement('p');
      p.textContent = inLang(this.title);
      summary.appendChild(p);
    }
    if (this.errors.length > 0) {
      const ul = document.createElement('ul');
      for (const e of this.errors) {
        const li = document.createElement('li');
        if (e.field) {
          const a = document.createElement('a');
          const field = e.field;
          a.href = `#${field}`;
          a.textContent = inLang(e);
          a.addEventListener('click', (ev) => {
            ev.preventDefault();
            document.getElementById(field)?.focus();
          });
          li.appendChild(a);
        } else {
          li.textContent = inLang(e);
        }
        ul.appendChild(li);
      }
      summary.appendChild(ul);
    }
  }
}
