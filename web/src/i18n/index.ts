/**
 * Looking words up. A page's dictionary is the core words (core.ts) plus the families its
 * entry names in its one call to initLang (lib/lang.ts; a staff page names them to
 * startStaffPage, which passes them on). Importing a module adds no words: which words a
 * page has is written in one line, at its entry. The build's templates
 * render every page, so they look up in a dictionary of every family
 * (web/templates/layout.ts).
 */
import { coreWords, type CoreKey, type Family, type Lang, type Params } from './core';
import type { CitizenKey } from './citizen';
import type { ConsoleKey } from './console';
import type { IntegrationsKey } from './integrations';
import type { CounterKey } from './counter';
import type { DashboardKey } from './dashboard';
import type { FeeKey } from './fees';
import type { ReceiptKey } from './receipt';
import type { StaffKey } from './staff';

export { LANGS, type Family, type Lang, type Params } from './core';

/** Every key of every family; which of them a page can show is the families it names. */
export type MessageKey = CoreKey | CitizenKey | StaffKey | CounterKey | ConsoleKey | IntegrationsKey | DashboardKey | ReceiptKey | FeeKey;

export type Dictionary = Record<Lang, Record<string, string>>;

/** The core words and these families' words, together. */
export function dictionaryOf(...families: readonly Family[]): Dictionary {
  const dictionary: Dictionary = { vi: { ...coreWords.vi }, en: { ...coreWords.en } };
  for (const family of families) {
    Object.assign(dictionary.vi, family.vi);
    Object.assign(dictionary.en, family.en);
  }
  return dictionary;
}

function has(dictionary: Dictionary, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(dictionary.vi, key);
}

export function translate(dictionary: Dictionary, lang: Lang, key: MessageKey, params?: Params): string {
  const template = dictionary[lang][key] ?? dictionary.vi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === 'string' && value.startsWith('@')) {
      const ref = value.slice(1);
      if (has(dictionary, ref)) return dictionary[lang][ref] ?? ref;
    }
    return String(value);
  });
}

/** The words of the page being shown: the core ones until initLang names its families. */
let pageWords: Dictionary = dictionaryOf();

/** The page's families of words (initLang calls this; a page names them there). */
export function useFamilies(...families: readonly Family[]): void {
  pageWords = dictionaryOf(...families);
}

export function t(lang: Lang, key: MessageKey, params?: Params): string {
  return translate(pageWords, lang, key, params);
}

export function isMessageKey(key: string): key is MessageKey {
  return has(pageWords, key);
}
