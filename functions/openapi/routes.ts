/**
 * The document and its page: GET /api/openapi.json, GET /api/docs (HTML, `?lang=en`)
 * and its stylesheet. Mounted by the public app; the document is built on first request,
 * and its modules are loaded then, not when a Lambda starts.
 */
import { Hono } from 'hono';
import { readQuery } from '../lib/platform/http';
import { docsQuery } from './docs-operations';

// The document describes this build: cacheable for a while, never private.
const CACHE = { 'Cache-Control': 'public, max-age=300' };

export function docsRoutes() {
  return new Hono()
    .get('/openapi.json', async (c) => {
      const { openApiDocument } = await import('./document');
      return c.json(openApiDocument(), 200, CACHE);
    })
    .get('/docs', async (c) => {
      const { lang = 'vi' } = readQuery(c, docsQuery);
      const [{ openApiDocument }, { renderDocsPage }] = await Promise.all([import('./document'), import('./render')]);
      return c.html(renderDocsPage(openApiDocument() as never, lang), 200, CACHE);
    })
    .get('/docs/style.css', async (c) => {
      const { DOCS_CSS } = await import('./render');
      return c.body(DOCS_CSS, 200, { ...CACHE, 'Content-Type': 'text/css; charset=utf-8' });
    });
}
