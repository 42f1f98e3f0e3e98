/**
 * Home: filter the procedure list as the citizen types. The list is plain links in
 * the HTML; this only hides what does not match. Matching is the API's rule
 * (shared/catalogue.ts searchProcedures): diacritics and case ignored, every typed word
 * must start a word of the name, code, field or keywords.
 */
import { foldForSearch } from '../../shared/text';
import { t } from './i18n';
import { citizenWords } from './i18n/citizen';
import { registerServiceWorker } from './lib/offline';
import { currentLang, initLang, onLang } from './lib/lang';

initLang(citizenWords);
registerServiceWorker();

const search = document.getElementById('search');
const input = document.getElementById('q') as HTMLInputElement | null;
const status = document.getElementById('search-status');
const items = Array.from(document.querySelectorAll<HTMLLIElement>('#procedure-list li[data-search]')).map((li) => ({
  li,
  words: (li.getAttribute('data-search') ?? '').split(' '),
}));

function filter(announce: boolean): void {
  if (!input) return;
  const words = foldForSearch(input.value).split(' ').filter(Boolean);
  let shown = 0;
  for (const { li, words: haystack } of items) {
    const match = words.every((w) => haystack.some((h) => h.startsWith(w)));
    li.hidden = !match;
    if (match) shown++;
  }
  // Hide headings whose group has nothing left.
  document.querySelectorAll<HTMLElement>('#procedure-list .field-group, #procedure-list .level-group').forEach((group) => {
    group.hidden = group.querySelector('li[data-search]:not([hidden])') === null;
  });
  // While typing, the list is the search's results and its heading says so.
  // Results right under the box: the level and field headings step aside while searching.
  document.body.classList.toggle('searching', words.length > 0);
  const heading = document.getElementById('list-title');
  const headingKey = words.length > 0 ? 'search.results' : 'list.title';
  if (heading && heading.getAttribute('data-i18n') !== headingKey) {
    heading.setAttribute('data-i18n', headingKey);
    heading.textContent = t(currentLang(), headingKey);
  }
  if (words.length > 0 && shown <= 3) prefetchFirstResult();
  if (status && announce) {
    const lang = currentLang();
    status.textContent = shown === 0 ? t(lang, 'search.none') : words.length === 0 ? t(lang, 'search.all', { n: shown }) : t(lang, 'search.count', { n: shown });
  }
}

// A few results left: the first one's guide is fetched while the citizen reads, so the tap
// costs no round trip (issue 13, item 4). At most three guides per visit, never twice.
const prefetched = new Set<string>();
function prefetchFirstResult(): void {
  const link = document.querySelector<HTMLAnchorElement>('#procedure-list li[data-search]:not([hidden]) a[href]');
  const href = link?.getAttribute('href');
  if (!href || prefetched.has(href) || prefetched.size >= 3) return;
  prefetched.add(href);
  const hint = document.createElement('link');
  hint.rel = 'prefetch';
  hint.href = href;
  document.head.appendChild(hint);
}

if (search && input) {
  search.hidden = false;
  // Announce the count once typing pauses, not on every key.
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    filter(false);
    clearTimeout(timer);
    timer = setTimeout(() => filter(true), 400);
  });
  // "/?q=khai sinh" works as a search link, and the browser may restore a typed value.
  const fromUrl = new URLSearchParams(window.location.search).get('q');
  if (fromUrl) input.value = fromUrl;
  if (input.value) filter(true);
  onLang(() => {
    if (status?.textContent) filter(true);
  });
}
