/**
 * The site as production serves it (issue 13, item 4): compressed when the browser
 * accepts it, content-hashed assets cached for a year (a new build has new names), pages
 * and the service worker looked at again every time (`no-cache`: a cheap 304 when they did
 * not change), and a path that is no page answered by the site's own 404 page, which
 * offers the search, never a bare "Not found".
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** Cache headers for what the static server answers. */
export const siteCacheHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.status !== 200 || c.res.headers.has('Cache-Control')) return;
  c.res.headers.set('Cache-Control', c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
};

/** gzip (or deflate) for text answers above 1 KB, as CloudFront compresses. */
export const siteCompression: MiddlewareHandler = compress({ threshold: 1024 });

/** The site's 404 page, with a 404 status. */
export function siteNotFound(webDir: string): (c: Context) => Promise<Response> {
  let page: string | null = null;
  return async (c) => {
    if (page === null) {
      try {
        page = await readFile(path.join(webDir, '404.html'), 'utf8');
      } catch {
        return c.text('Not found', 404);
      }
    }
    return c.html(page, 404, { 'Cache-Control': REVALIDATE });
  };
}
