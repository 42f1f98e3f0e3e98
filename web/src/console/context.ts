/**
 * What every view of the clerk's console shares: who is working and for which agency, the
 * views and which of them must load again, the words, and how a view announces itself.
 */
import { agencyScope } from '../../../shared/agency-tree';
import type { ApiErrorBody } from '../lib/api';
import { el } from '../lib/dom';
import type { FormErrors } from '../lib/form-errors';
import { currentLang } from '../lib/lang';
import type { StaffPageData } from '../lib/page-data';
import type { StaffSession } from '../lib/staff-session';
import { sessionGet, sessionSet } from '../lib/storage';
import { t, type MessageKey, type Params } from '../i18n';

/** One view at a time, named by the address's #fragment so the browser's back works. */
export type ViewId = 'cho-xac-nhan' | 'chua-khop' | 'hoan-tien' | 'tien-mat' | 'bien-lai' | 'bao-cao' | 'tich-hop';
export const VIEWS: readonly ViewId[] = ['cho-xac-nhan', 'chua-khop', 'hoan-tien', 'tien-mat', 'bien-lai', 'bao-cao', 'tich-hop'];

const AGENCY_KEY = 'motcua.console.agency';

export interface ConsoleContext {
  session: StaffSession;
  data: StaffPageData;
  /** An admin works for any agency and chooses which; a clerk for their own. */
  areaWide: boolean;
  /** The agency chosen (admin), or the clerk's own. */
  agencyId(): string;
  /** An API path with the chosen agency (admin); a clerk's is implied by the token. */
  withAgency(path: string): string;
  /** Views loaded since their data last changed; an action deletes those it changed. */
  loaded: Set<ViewId>;
  /** Every form's errors, re-worded when the language changes. */
  errorSets: FormErrors[];
}

export const $ = (id: string) => document.getElementById(id);

export const tr = (key: MessageKey, params?: Params) => t(currentLang(), key, params);

/**
 * The console for this session. An admin gets the agency list (the last choice of this tab
 * preselected); `reload` runs when the choice changes.
 */
export function createContext(session: StaffSession, data: StaffPageData, reload: () => void): ConsoleContext {
  const areaWide = session.user.role === 'admin';
  const agencySelect = $('console-agency') as HTMLSelectElement;
  const loaded = new Set<ViewId>();
  if (areaWide) {
    $('field-console-agency')?.removeAttribute('hidden');
    // An admin with an agency works over its tree (a province's admin: the province and its communes).
    const scope = session.user.agencyId ? agencyScope(data.agencies, session.user.agencyId) : null;
    const agencies = scope ? data.agencies.filter((a) => scope.has(a.id)) : data.agencies;
    for (const a of agencies) agencySelect.appendChild(el('option', { value: a.id }, a.name));
    const saved = sessionGet(AGENCY_KEY);
    if (saved && agencies.some((a) => a.id === saved)) agencySelect.value = saved;
    agencySelect.addEventListener('change', () => {
      sessionSet(AGENCY_KEY, agencySelect.value);
      loaded.clear();
      reload();
    });
  }
  const agencyQuery = () => (areaWide && agencySelect.value ? `agencyId=${encodeURIComponent(agencySelect.value)}` : '');
  return {
    session,
    data,
    areaWide,
    agencyId: () => (areaWide ? agencySelect.value : (session.user.agencyId ?? '')),
    withAgency: (path) => {
      const q = agencyQuery();
      return q ? `${path}${path.includes('?') ? '&' : '?'}${q}` : path;
    },
    loaded,
    errorSets: [],
  };
}

/** Says `text` in the view's live region. */
export function say(view: ViewId, text: string): void {
  const status = $(`${view}-status`);
  if (!status) return;
  // Empty first, so the same words are announced again.
  status.textContent = '';
  setTimeout(() => {
    status.textContent = text;
  }, 30);
}

/** The number beside a view's tab (nothing for none). */
export function setCount(view: ViewId, n: number | null): void {
  const c = $(`count-${view}`);
  if (c) c.textContent = n === null || n === 0 ? '' : `(${n})`;
}

/** The API's words for a refusal, or "no connection". */
export function loadError(body: ApiErrorBody | null): string {
  const e = body?.error;
  if (!e?.message) return t(currentLang(), 'staff.network');
  return currentLang() === 'en' ? (e.messageEn ?? e.message) : e.message;
}

/** An order reference as typed or read aloud: spaces, dashes and dots dropped, upper case. */
export function normaliseReference(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(/[\s\-_.]/g, '');
}
