/**
 * The reliefs of a procedure on its guide page (shared/fee-rules.ts): each with its
 * period and legal basis, the plain sentence that filing online with VNeID level 2 costs
 * nothing while a waiver lasts, and the form's box to say so. Every sentence carries its
 * dates, so it stays true in the static HTML; the page's script hides what has ended and
 * marks what is in force (web/src/guide.ts).
 */
import type { Procedure } from '../../shared/catalogue';
import type { Relief } from '../../shared/fee-rules';
import { vnDay } from '../../shared/time';
import { attrs, html, type SafeHtml } from './html';
import { i18n } from './layout';

function reliefKey(r: Relief): 'relief.waiverOnline' | 'relief.reductionOnline' | 'relief.reduction' {
  if (r.channel === 'online' || r.requires.length > 0) return r.kind === 'waiver' ? 'relief.waiverOnline' : 'relief.reductionOnline';
  return 'relief.reduction';
}

const period = (r: Relief) => ({ 'data-from': r.from, 'data-to': r.to });

/** The list of reliefs (empty when there is none), and the plain sentence for an online waiver. */
export function reliefsHtml(p: Procedure): SafeHtml | '' {
  const reliefs = p.reliefs ?? [];
  if (reliefs.length === 0) return '';
  const waivers = reliefs.filter((r) => r.kind === 'waiver' && r.channel === 'online');
  return html`<div class="reliefs">
${waivers.map((r) => i18n('p', 'relief.freeOnline', { params: { from: vnDay(r.from), to: vnDay(r.to) }, attrs: { class: 'notice notice-ok relief-free', ...period(r) } }))}
<ul class="relief-list">
${reliefs.map(
  (r) => html`<li${attrs({ class: 'relief', ...period(r) })}>${i18n('span', reliefKey(r), { params: { percent: String(r.percent), from: vnDay(r.from), to: vnDay(r.to), basis: r.legalBasis } })} <span class="relief-state"></span></li>
`,
)}</ul>
</div>
`;
}

/** Whether the form should ask about filing online with VNeID level 2: some relief depends on it. */
export function asksVneid(p: Procedure): boolean {
  return (p.reliefs ?? []).some((r) => r.channel === 'online' || r.requires.includes('vneid_level2'));
}

/** The box "I file online with a VNeID level-2 account", with its hint. */
export function vneidField(): SafeHtml {
  return html`<div class="field field-check" id="field-vneidOnline">
<input id="vneidOnline" name="vneidOnline" type="checkbox" aria-describedby="vneidOnline-hint">
${i18n('label', 'form.vneidOnline', { attrs: { for: 'vneidOnline' } })}
${i18n('p', 'form.vneidOnlineHint', { attrs: { class: 'hint', id: 'vneidOnline-hint' } })}
</div>
<p id="relief-applied" class="notice notice-ok" role="status" aria-live="polite" tabindex="-1" hidden></p>
`;
}
