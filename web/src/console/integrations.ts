/**
 * Integrations (admins): register a machine client (its API key and signing secret shown
 * once, in a notice that takes the focus), rotate its key, revoke it, and read the
 * deliveries of its events with every attempt, replaying one.
 */
import type { DeliveryView, IntegrationSecrets, IntegrationView } from '../../../shared/integrations';
import { agencyScope } from '../../../shared/agency-tree';
import type { ApiErrorBody } from '../lib/api';
import { el, row } from '../lib/dom';
import { formatDateTime } from '../lib/format';
import { staffApi } from '../lib/staff-api';
import { $, loadError, say, setCount, tr, type ConsoleContext } from './context';

const VIEW = 'tich-hop';

/** Wires the form once; returns the view's loader. */
export function initIntegrations(ctx: ConsoleContext): () => Promise<void> {
  const form = $('integ-form') as HTMLFormElement | null;
  const fieldset = $('integ-agencies');
  if (!form || !fieldset) return async () => {};
  const scope = ctx.session.user.agencyId ? agencyScope(ctx.data.agencies, ctx.session.user.agencyId) : null;
  for (const a of ctx.data.agencies.filter((x) => !scope || scope.has(x.id))) {
    const id = `integ-agency-${a.id}`;
    fieldset.append(el('div', { class: 'check' }, el('input', { type: 'checkbox', id, name: 'agencyIds', value: a.id }), ' ', el('label', { for: id }, a.name)));
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void create(ctx, form);
  });
  return () => load(ctx);
}

function showErrors(body: ApiErrorBody | null): void {
  const summary = $('integ-errors');
  if (!summary) return;
  summary.textContent = '';
  summary.append(el('p', {}, loadError(body)));
  const details = (body?.error as { details?: { path: string; message: string }[] } | undefined)?.details ?? [];
  if (details.length) summary.append(el('ul', {}, ...details.map((d) => el('li', {}, `${d.path}: ${d.message.split('|')[0]}`))));
  summary.hidden = false;
  summary.focus();
}

async function create(ctx: ConsoleContext, form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  const json = { name: String(data.get('name') ?? ''), webhookUrl: String(data.get('webhookUrl') ?? ''), agencyIds: data.getAll('agencyIds').map(String) };
  const res = await staffApi<IntegrationSecrets>('/api/staff/integrations', { method: 'POST', json });
  if (!res.ok) return showErrors(res.body);
  $('integ-errors')!.hidden = true;
  form.reset();
  showSecrets(res.body);
  await load(ctx);
}

/** The secrets, once: selectable text in a notice that takes the focus. */
function showSecrets(s: IntegrationSecrets): void {
  const box = $('integ-secrets');
  if (!box) return;
  box.textContent = '';
  box.append(
    el('h3', {}, tr('integ.secretsTitle')),
    el('dl', { class: 'facts' }, row(tr('integ.apiKey'), el('code', { class: 'mono secret' }, s.apiKey)), ...(s.signingSecret ? [row(tr('integ.signingSecret'), el('code', { class: 'mono secret' }, s.signingSecret))] : [])),
  );
  box.hidden = false;
  box.focus();
}

async function load(ctx: ConsoleContext): Promise<void> {
  const list = $(`${VIEW}-list`);
  if (!list) return;
  say(VIEW, tr('staff.loading'));
  const res = await staffApi<{ items: IntegrationView[] }>('/api/staff/integrations');
  if (!res.ok) return say(VIEW, loadError(res.body));
  list.textContent = '';
  for (const i of res.body.items) list.append(card(ctx, i));
  setCount(VIEW, res.body.items.length);
  say(VIEW, res.body.items.length ? tr('integ.count', { n: res.body.items.length }) : tr('integ.none'));
}

function card(ctx: ConsoleContext, i: IntegrationView): HTMLElement {
  const status = el('p', { class: 'card-status', role: 'status' });
  const keys = i.keys.map((k) => `${k.prefix}… (${formatDateTime(k.createdAt)}${k.validUntil ? ` → ${formatDateTime(k.validUntil)}` : ''})`).join('; ');
  const actions = el('p', { class: 'card-actions' });
  if (i.status === 'ACTIVE') {
    const rotate = el('button', { type: 'button', class: 'button secondary' }, tr('integ.rotate', { name: i.name }));
    rotate.addEventListener('click', async () => {
      const res = await staffApi<IntegrationSecrets & { oldKeysValidUntil: string }>(`/api/staff/integrations/${i.id}/rotate`, { method: 'POST', json: {} });
      if (!res.ok) return void (status.textContent = loadError(res.body));
      showSecrets(res.body);
      status.textContent = tr('integ.rotated', { until: formatDateTime(res.body.oldKeysValidUntil) });
    });
    const revoke = el('button', { type: 'button', class: 'button danger' }, tr('integ.revoke', { name: i.name }));
    revoke.addEventListener('click', async () => {
      if (!window.confirm(tr('integ.revokeConfirm', { name: i.name }))) return;
      const res = await staffApi(`/api/staff/integrations/${i.id}/revoke`, { method: 'POST' });
      if (!res.ok) return void (status.textContent = loadError(res.body));
      say(VIEW, tr('integ.revoked', { name: i.name }));
      await load(ctx);
    });
    actions.append(rotate, ' ', revoke);
  }
  const deliveries = el('details', {}, el('summary', {}, tr('integ.deliveries', { name: i.name })));
  deliveries.addEventListener('toggle', () => {
    if (deliveries.open) void loadDeliveries(i, deliveries);
  });
  return el(
    'li',
    { class: 'card', id: `integration-${i.id}` },
    el('h3', {}, i.name),
    el('dl', { class: 'facts' }, row('ID', el('span', { class: 'mono' }, i.id)), row(tr('integ.url'), el('span', { class: 'mono' }, i.webhookUrl)), row(tr('integ.agencies'), i.agencyIds.join(', '))),
    el('p', {}, tr(i.status === 'ACTIVE' ? 'integ.status.ACTIVE' : 'integ.status.REVOKED')),
    keys ? el('p', {}, tr('integ.keys', { keys })) : '',
    status,
    actions,
    deliveries,
  );
}

const STATUS_KEY = { PENDING: 'integ.dstatus.PENDING', DELIVERED: 'integ.dstatus.DELIVERED', FAILED: 'integ.dstatus.FAILED', GONE: 'integ.dstatus.GONE' } as const;

async function loadDeliveries(i: IntegrationView, box: HTMLDetailsElement): Promise<void> {
  box.querySelector('ul')?.remove();
  const res = await staffApi<{ items: DeliveryView[] }>(`/api/staff/integrations/${i.id}/deliveries`);
  const list = el('ul', { class: 'deliveries' });
  box.append(list);
  if (!res.ok) return void list.append(el('li', {}, loadError(res.body)));
  if (!res.body.items.length) return void list.append(el('li', {}, tr('integ.noDeliveries')));
  for (const d of res.body.items) {
    const said = el('span', { role: 'status' });
    const attempts = el('ol', {}, ...d.attempts.map((a) => el('li', {}, tr('integ.attempt', { at: formatDateTime(a.at), result: `${a.status ?? a.error ?? ''}${a.replay ? ' (replay)' : ''}` }))));
    const item = el('li', { id: `delivery-${d.id}` }, el('strong', {}, d.type), ` ${d.id} – ${tr(STATUS_KEY[d.status])}`, attempts);
    if (i.status === 'ACTIVE') {
      const replay = el('button', { type: 'button', class: 'button secondary small' }, tr('integ.replay', { type: d.type }));
      replay.addEventListener('click', async () => {
        const r = await staffApi<{ delivery: DeliveryView }>(`/api/staff/integrations/${i.id}/deliveries/${d.id}/replay`, { method: 'POST' });
        said.textContent = r.ok ? tr('integ.replayed', { status: tr(STATUS_KEY[r.body.delivery.status]) }) : loadError(r.body);
        if (r.ok) await loadDeliveries(i, box);
      });
      item.append(' ', replay, ' ', said);
    }
    list.append(item);
  }
}
