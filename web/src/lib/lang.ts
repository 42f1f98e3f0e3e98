/**
 * The language switch: Vietnamese by default, English on request, remembered in
 * localStorage. Pages are built in Vietnamese; this swaps the interface words.
 */
import { isMessageKey, t, useFamilies, type Family, type Lang, type Params } from '../i18n';
import { storageGet, storageSet } from './storage';

const STORAGE_KEY = 'motcua.lang';
const listeners: Array<(lang: Lang) => void> = [];
let current: Lang = 'vi';

export function currentLang(): Lang {
  return current;
}

/** Run `fn` now and whenever the language changes. */
export function onLang(fn: (lang: Lang) => void): void {
  listeners.push(fn);
  fn(current);
}

function paramsOf(el: Element): Params {
  const params: Params = {};
  for (const attr of Array.from(el.attributes)) {
    if (attr.name.startsWith('data-p-')) params[attr.name.slice(7)] = attr.value;
  }
  return params;
}

/** Re-word every marked element under `root`. */
export function translateTree(root: ParentNode, lang: Lang): void {
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    const key = el.getAttribute('data-i18n') ?? '';
    if (!isMessageKey(key)) return;
    el.textContent = t(lang, key, paramsOf(el));
    // Interface words inside Vietnamese content (a "Required" tag in the papers list)
    // must be read out in their own language.
    const container = el.parentElement?.closest('[lang]');
    if (container && container !== document.documentElement && container.getAttribute('lang') !== lang) el.setAttribute('lang', lang);
    else if (el.hasAttribute('lang') && el.id !== 'lang-switch') el.removeAttribute('lang');
  });
  root.querySelectorAll('[data-i18n-attr]').forEach((el) => {
    for (const pair of (el.getAttribute('data-i18n-attr') ?? '').split(';')) {
      const [name, key] = pair.split(':');
      if (name && key && isMessageKey(key)) el.setAttribute(name, t(lang, key, paramsOf(el)));
    }
  });
}

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
  translateTree(document, lang);
  const body = document.body;
  const title = lang === 'en' ? body.getAttribute('data-title-en') : body.getAttribute('data-title-vi');
  if (title) document.title = title;
  const button = document.getElementById('lang-switch');
  if (button) button.setAttribute('lang', lang === 'vi' ? 'en' : 'vi');
  for (const fn of listeners) fn(lang);
}

/**
 * Call once per page, first: the page's words are the core ones and these families
 * (i18n/staff.ts and the like); then the header button is wired and the remembered
 * language applied.
 */
export function initLang(...families: readonly Family[]): void {
  useFamilies(...families);
  const saved = storageGet(STORAGE_KEY);
  const button = document.getElementById('lang-switch');
  if (button) {
    button.hidden = false;
    button.addEventListener('click', () => {
      const next: Lang = current === 'vi' ? 'en' : 'vi';
      storageSet(STORAGE_KEY, next);
      setLang(next);
    });
  }
  if (saved === 'en') setLang('en');
}
