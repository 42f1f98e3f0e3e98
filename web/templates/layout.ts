/** The page shell shared by every page: head, skip link, header, main, footer. */
import { citizenWords } from '../src/i18n/citizen';
import { consoleWords } from '../src/i18n/console';
import { integrationsWords } from '../src/i18n/integrations';
import { counterWords } from '../src/i18n/counter';
import { dashboardWords } from '../src/i18n/dashboard';
import { feeWords } from '../src/i18n/fees';
import { dictionaryOf, translate, type MessageKey, type Params } from '../src/i18n';
import { receiptWords } from '../src/i18n/receipt';
import { staffWords } from '../src/i18n/staff';
import { attrs, html, raw, type HtmlValue, type SafeHtml } from './html';

/** Where the built assets are, as absolute paths (`/assets/site-1a2b3c.css`). */
export interface AssetPaths {
  css: string;
  scripts: Record<ScriptName, string>;
}

export const SCRIPT_NAMES = ['home', 'procedure', 'guide', 'pay', 'page', 'receipt', 'verify', 'login', 'counter', 'console', 'dashboard'] as const;
export type ScriptName = (typeof SCRIPT_NAMES)[number];

// The build renders every page, so its dictionary holds every family; a page's script
// loads only the families it names.
const EVERY_WORD = dictionaryOf(citizenWords, staffWords, counterWords, consoleWords, integrationsWords, dashboardWords, receiptWords, feeWords);

/** Vietnamese words for a key: what the page says before (or without) JavaScript. */
export function vi(key: MessageKey, params?: Params): string {
  return translate(EVERY_WORD, 'vi', key, params);
}

/** English words for a key (the title the language switch gives a page). */
export function en(key: MessageKey): string {
  return translate(EVERY_WORD, 'en', key);
}

/**
 * An element whose words the language switch replaces. Params become `data-p-*` so the
 * browser can fill them in the other language.
 */
export function i18n(tag: string, key: MessageKey, options: { params?: Params; attrs?: Record<string, string | boolean | undefined> } = {}): SafeHtml {
  const paramAttrs: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.params ?? {})) paramAttrs[`data-p-${name}`] = String(value);
  return html`<${raw(tag)}${attrs({ ...options.attrs, 'data-i18n': key, ...paramAttrs })}>${vi(key, options.params)}</${raw(tag)}>`;
}

export interface PageOptions {
  assets: AssetPaths;
  script: ScriptName;
  titleVi: string;
  titleEn: string;
  description: string;
  body: HtmlValue;
  /** Pages with a secret in their address: no referrer, no indexing. */
  private?: boolean;
  /** Staff pages on a counter tablet or desktop: a wider column. */
  wide?: boolean;
  /** Extra markup at the end of <head> (the receipt's print page size). */
  head?: HtmlValue;
  /**
   * What the citizen's next tap needs (its script, its page), fetched while this page sits
   * idle, so the next page costs no round trip for them (issue 13, item 4).
   */
  prefetch?: { scripts?: readonly ScriptName[]; pages?: readonly string[] };
}

// A small inline icon: no request, and no 404 in the log for /favicon.ico.
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%230b3d7a'/%3E%3Cpath d='M9 17l5 5 9-11' stroke='%23fff' stroke-width='4' fill='none'/%3E%3C/svg%3E";

function prefetchLinks(options: PageOptions): SafeHtml {
  const hrefs = [...(options.prefetch?.scripts ?? []).map((name) => options.assets.scripts[name]), ...(options.prefetch?.pages ?? [])];
  return html`${hrefs.map((href) => html`<link rel="prefetch" href="${href}">\n`)}`;
}

export function page(options: PageOptions): string {
  const { assets } = options;
  const doc = html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.titleVi}</title>
<meta name="description" content="${options.description}">
<meta name="theme-color" content="#0b3d7a">
${options.private ? raw('<meta name="referrer" content="no-referrer">\n<meta name="robots" content="noindex, nofollow">\n') : ''}<link rel="icon" href="${FAVICON}">
<link rel="stylesheet" href="${assets.css}">
<script src="${assets.scripts[options.script]}" defer></script>
${prefetchLinks(options)}${options.head ?? ''}</head>
<body${attrs({ 'data-title-vi': options.titleVi, 'data-title-en': options.titleEn })}>
<a class="skip-link" href="#main" data-i18n="skip">${vi('skip')}</a>
<header class="site-header">
<div class="${options.wide ? 'wrap wide' : 'wrap'} header-inner">
<a class="brand" href="/"><span class="brand-mark" aria-hidden="true"></span><span data-i18n="site.name">${vi('site.name')}</span></a>
<button type="button" id="lang-switch" class="lang-switch" lang="en" hidden data-i18n="lang.switch" data-i18n-attr="aria-label:lang.switchLabel" aria-label="${vi('lang.switchLabel')}">${vi('lang.switch')}</button>
</div>
</header>
<main id="main" class="${options.wide ? 'wrap wide' : 'wrap'}" tabindex="-1">
${options.body}
</main>
<footer class="site-footer">
<div class="${options.wide ? 'wrap wide' : 'wrap'}">
${i18n('p', 'footer.about')}
${i18n('p', 'footer.help')}
<p class="footer-links"><a href="/" data-i18n="nav.home">${vi('nav.home')}</a> <a href="/kiem-tra-bien-lai.html" data-i18n="footer.verify">${vi('footer.verify')}</a> <a href="/can-bo/dang-nhap.html" data-i18n="footer.staff">${vi('footer.staff')}</a></p>
</div>
</footer>
</body>
</html>
`;
  return doc.value;
}
