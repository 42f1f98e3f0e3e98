/**
 * /api/docs: the OpenAPI document as one readable HTML page, rendered on the server from
 * the document itself (so the page cannot say other than the JSON does). No script, no
 * inline style: the stylesheet is /api/docs/style.css on the same origin, which the CSP
 * allows. Vietnamese first; `?lang=en` picks the English side of each "vi | en" text.
 */
export type Lang = 'vi' | 'en';

type Json = Record<string, unknown>;
type Doc = { info: { title: string; description?: string }; tags?: { name: string; description?: string }[]; paths?: Record<string, Record<string, Json>>; webhooks?: Record<string, Record<string, Json>>; components?: { schemas?: Record<string, Json>; securitySchemes?: Record<string, Json> } };

const WORDS = {
  vi: {
    skip: 'Bỏ qua, đến nội dung chính',
    intro: 'Tài liệu API của motcua-pay, tạo từ chính các lược đồ kiểm tra yêu cầu.',
    json: 'Tải tài liệu OpenAPI 3.1 (JSON)',
    other: 'English',
    contents: 'Mục lục',
    auth: 'Xác thực',
    open: 'Không cần xác thực',
    params: 'Tham số',
    name: 'Tên',
    where: 'Vị trí',
    type: 'Kiểu',
    required: 'Bắt buộc',
    yes: 'có',
    no: 'không',
    about: 'Mô tả',
    body: 'Nội dung yêu cầu',
    answers: 'Trả lời',
    example: 'Ví dụ',
    events: 'Sự kiện gửi đi',
  },
  en: {
    skip: 'Skip to main content',
    intro: 'The motcua-pay API, documented from the very schemas that validate requests.',
    json: 'Download the OpenAPI 3.1 document (JSON)',
    other: 'Tiếng Việt',
    contents: 'Contents',
    auth: 'Authentication',
    open: 'No authentication',
    params: 'Parameters',
    name: 'Name',
    where: 'In',
    type: 'Type',
    required: 'Required',
    yes: 'yes',
    no: 'no',
    about: 'Description',
    body: 'Request body',
    answers: 'Answers',
    example: 'Example',
    events: 'Events sent out',
  },
} as const;

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** One side of "vi | en"; a text without the bar is shown as it is. */
export function side(text: string, lang: Lang): string {
  const parts = text.split(' | ');
  return parts.length === 2 ? parts[lang === 'vi' ? 0 : 1]! : text;
}

/** The little Markdown the descriptions use: paragraphs, "- " lists, `code`, **bold**. */
function markdown(text: string, lang: Lang): string {
  const inline = (s: string) => esc(side(s, lang)).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  return text
    .split(/\n\n+/)
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((l) => l.startsWith('- '))) return `<ul>${lines.map((l) => `<li>${inline(l.slice(2))}</li>`).join('')}</ul>`;
      return `<p>${lines.map(inline).join('<br>')}</p>`;
    })
    .join('');
}

const anchor = (method: string, path: string) => `${method}-${path}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-+$/, '');

function resolve(doc: Doc, schema: Json | undefined): Json {
  const ref = schema?.$ref;
  if (typeof ref === 'string') return doc.components?.schemas?.[ref.replace('#/components/schemas/', '')] ?? {};
  return schema ?? {};
}

function typeOf(doc: Doc, raw: Json | undefined): string {
  const s = resolve(doc, raw);
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' · ');
  if ('const' in s) return JSON.stringify(s.const);
  const alternatives = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (alternatives) return alternatives.map((a) => typeOf(doc, a)).join(' | ');
  const type = Array.isArray(s.type) ? s.type.join(' | ') : String(s.type ?? 'any');
  if (type === 'array') return `${typeOf(doc, s.items as Json)}[]`;
  const limits = [
    s.minLength !== undefined ? `≥ ${s.minLength} ký tự/chars` : '',
    s.maxLength !== undefined ? `≤ ${s.maxLength} ký tự/chars` : '',
    s.minimum !== undefined ? `≥ ${s.minimum}` : '',
    s.maximum !== undefined ? `≤ ${s.maximum}` : '',
    s.pattern !== undefined ? `/${s.pattern}/` : '',
    s.format !== undefined ? String(s.format) : '',
  ].filter(Boolean);
  return limits.length ? `${type} (${limits.join(', ')})` : type;
}

/** An object's fields as a nested list, a few levels deep. */
function fields(doc: Doc, raw: Json | undefined, lang: Lang, depth = 0): string {
  const s = resolve(doc, raw);
  const alternatives = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (alternatives && depth === 0) return alternatives.map((a) => fields(doc, a, lang, depth)).join('<hr>');
  const props = s.properties as Record<string, Json> | undefined;
  if (!props || depth > 3) return `<p><code>${esc(typeOf(doc, s))}</code></p>`;
  const required = new Set((s.required as string[] | undefined) ?? []);
  const w = WORDS[lang];
  const items = Object.entries(props).map(([name, p]) => {
    const inner = resolve(doc, p);
    const nested = inner.properties || (inner.type === 'array' && resolve(doc, inner.items as Json).properties) ? fields(doc, inner.type === 'array' ? (inner.items as Json) : inner, lang, depth + 1) : '';
    const about = typeof inner.description === 'string' ? ` — ${esc(side(inner.description, lang))}` : '';
    return `<li><code>${esc(name)}</code>: <span class="type">${esc(typeOf(doc, p))}</span>${required.has(name) ? ` <strong>(${w.required.toLowerCase()})</strong>` : ''}${about}${nested}</li>`;
  });
  return `<ul class="fields">${items.join('')}</ul>`;
}

const example = (value: unknown, lang: Lang) => (value === undefined ? '' : `<details><summary>${WORDS[lang].example}</summary><pre tabindex="0"><code>${esc(JSON.stringify(value, null, 2))}</code></pre></details>`);

function operation(doc: Doc, method: string, path: string, op: Json, lang: Lang, headingLevel = 3): string {
  const w = WORDS[lang];
  const id = anchor(method, path);
  const security = (op.security as Json[] | undefined)?.flatMap((s) => Object.keys(s)) ?? [];
  const schemes = doc.components?.securitySchemes ?? {};
  const authText = security.length
    ? security.map((name) => { const s = schemes[name] ?? {}; const label = s.type === 'http' ? 'Authorization: Bearer' : `${s.in === 'query' ? '?' : ''}${String(s.name ?? name)}`; return `<code>${esc(label)}</code>${s.description ? ` (${markdown(String(s.description), lang).replace(/^<p>|<\/p>$/g, '')})` : ''}`; }).join(` ${lang === 'vi' ? 'hoặc' : 'or'} `)
    : w.open;
  const params = (op.parameters as Json[] | undefined) ?? [];
  const paramTable = params.length
    ? `<div class="table" tabindex="0" role="region" aria-label="${w.params}"><table><caption>${w.params}</caption><thead><tr><th scope="col">${w.name}</th><th scope="col">${w.where}</th><th scope="col">${w.type}</th><th scope="col">${w.required}</th><th scope="col">${w.about}</th></tr></thead><tbody>${params
        .map((p) => { const schema = p.schema as Json | undefined; const about = String(p.description ?? schema?.description ?? ''); return `<tr><th scope="row"><code>${esc(p.name)}</code></th><td>${esc(p.in)}</td><td><code>${esc(typeOf(doc, schema))}</code></td><td>${p.required ? w.yes : w.no}</td><td>${about ? esc(side(about, lang)) : ''}</td></tr>`; })
        .join('')}</tbody></table></div>`
    : '';
  const bodyContent = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
  const body = bodyContent
    ? Object.entries(bodyContent).map(([type, media]) => `<h${headingLevel + 1}>${w.body} <span class="type">(${esc(type)})</span></h${headingLevel + 1}>${fields(doc, media.schema as Json, lang)}${example(media.example, lang)}`).join('')
    : '';
  const responses = Object.entries((op.responses as Record<string, Json>) ?? {})
    .map(([status, r]) => {
      const content = (r.content as Record<string, Json> | undefined) ?? {};
      const types = Object.keys(content).map((t) => `<code>${esc(t)}</code>`).join(', ');
      const first = Object.values(content)[0];
      return `<dt><span class="status s${status[0]}">${esc(status)}</span> ${types}</dt><dd>${markdown(String(r.description ?? ''), lang)}${example(first?.example, lang)}</dd>`;
    })
    .join('');
  return `<section class="op" id="${id}" aria-labelledby="${id}-h"><h${headingLevel} id="${id}-h"><span class="method m-${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h${headingLevel}><p class="summary">${esc(side(String(op.summary ?? ''), lang))}</p>${op.description ? markdown(String(op.description), lang) : ''}<p><strong>${w.auth}:</strong> ${authText}</p>${paramTable}${body}<h${headingLevel + 1}>${w.answers}</h${headingLevel + 1}><dl class="answers">${responses}</dl></section>`;
}

export function renderDocsPage(doc: Doc, lang: Lang): string {
  const w = WORDS[lang];
  const byTag = new Map<string, [string, string, Json][]>();
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = ((op.tags as string[] | undefined) ?? ['other'])[0]!;
      byTag.set(tag, [...(byTag.get(tag) ?? []), [method, path, op]]);
    }
  }
  const tags = (doc.tags ?? []).filter((t) => byTag.has(t.name));
  const toc = tags
    .map((t) => `<li><a href="#tag-${esc(t.name)}">${esc(side(t.description ?? t.name, lang))}</a><ul>${byTag.get(t.name)!.map(([m, p, op]) => `<li><a href="#${anchor(m, p)}"><span class="method m-${m}">${m.toUpperCase()}</span> <code>${esc(p)}</code><span class="visually-hidden"> ${esc(side(String(op.summary ?? ''), lang))}</span></a></li>`).join('')}</ul></li>`)
    .join('');
  const sections = tags
    .map((t) => `<section id="tag-${esc(t.name)}" aria-labelledby="tag-${esc(t.name)}-h"><h2 id="tag-${esc(t.name)}-h">${esc(side(t.description ?? t.name, lang))}</h2>${byTag.get(t.name)!.map(([m, p, op]) => operation(doc, m, p, op, lang)).join('')}</section>`)
    .join('');
  const events = Object.entries(doc.webhooks ?? {})
    .flatMap(([name, methods]) => Object.entries(methods).map(([m, op]) => operation(doc, m, name, op, lang)))
    .join('');
  const other = lang === 'vi' ? 'en' : 'vi';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)}: ${lang === 'vi' ? 'tài liệu API' : 'API documentation'}</title>
<link rel="stylesheet" href="/api/docs/style.css">
</head>
<body>
<a class="skip" href="#main">${w.skip}</a>
<header><h1>${esc(doc.info.title)}</h1><p>${w.intro}</p>
<p><a href="/api/openapi.json" type="application/json">${w.json}</a> · <a href="/api/docs?lang=${other}" lang="${other}" hreflang="${other}">${w.other}</a></p></header>
<nav aria-label="${w.contents}"><h2>${w.contents}</h2><ul>${toc}${events ? `<li><a href="#events">${w.events}</a></li>` : ''}</ul></nav>
<main id="main">
${doc.info.description ? markdown(doc.info.description, lang) : ''}
${sections}
${events ? `<section id="events" aria-labelledby="events-h"><h2 id="events-h">${w.events}</h2>${events}</section>` : ''}
</main>
</body>
</html>
`;
}

/** The page's stylesheet: readable on a small phone, AA contrast, a visible focus. */
export const DOCS_CSS = `
:root{color-scheme:light;--ink:#1a1a1a;--muted:#4a4a4a;--line:#c8c8c8;--link:#0b57a4;--bg:#fff;--code:#f3f4f6}
*{box-sizing:border-box}
body{margin:0 auto;max-width:60rem;padding:1rem;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--link)}a:focus-visible,summary:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:2px solid var(--line);padding-bottom:.25rem;margin-top:2.5rem}h3{font-size:1.1rem;overflow-wrap:anywhere}h4{font-size:1rem;margin-bottom:.25rem}
nav ul{padding-left:1.2rem}nav li{margin:.2rem 0}
code,pre{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9em}
code{background:var(--code);padding:0 .2em;border-radius:3px;overflow-wrap:anywhere}
pre{background:var(--code);padding:.75rem;overflow-x:auto;border-radius:4px}pre code{padding:0}
.op{border:1px solid var(--line);border-radius:6px;padding:.25rem 1rem 1rem;margin:1.25rem 0}
.summary{font-weight:600}
.method{display:inline-block;min-width:3.5rem;text-align:center;border-radius:4px;padding:0 .35rem;font-family:ui-monospace,monospace;font-size:.85em;color:#fff;background:#1f5f99}
.m-post{background:#22663a}.m-put,.m-patch{background:#7a4a00}.m-delete{background:#9b1c1c}
.type{color:var(--muted)}
.table{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:.5rem 0}caption{text-align:left;font-weight:600}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
.fields{padding-left:1.2rem}.fields li{margin:.2rem 0}
dl.answers dt{margin-top:.6rem;font-weight:600}dl.answers dd{margin-left:1rem}
.status{display:inline-block;border-radius:4px;padding:0 .35rem;color:#fff;background:#555}.s2{background:#22663a}.s4{background:#8a3b00}.s5{background:#9b1c1c}
@media (max-width:30rem){body{padding:.6rem}.op{padding:.25rem .6rem .75rem}}
`;
