/**
 * The citizen's pages at the counter when the network is not (issue 13, item 9): a
 * service worker with one cache per build (its name carries the build's version, so a
 * deploy installs a new worker, fills a new cache and deletes the old one).
 *
 * - Installing, it keeps the home page (search works on it without the network), the 404
 *   page, the stylesheet and their small scripts (scripts/build-sw.ts).
 * - Pages: network first, the cached copy when the network fails; every guide and pay-flow
 *   page visited is kept, so it opens offline afterwards.
 * - Hashed assets: from the cache, else the network (they never change under one name).
 * - The API is never touched: orders carry tokens and change; the pay page says plainly
 *   when it cannot check a payment. Staff pages are never kept.
 */

// Filled in by the build (scripts/build-web.ts).
declare const SW_VERSION: string;
declare const SW_PRECACHE: string[];

interface ExtendableEventLike extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEventLike) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}

const scope = self as unknown as WorkerScope;
const CACHE = `motcua-site-${SW_VERSION}`;
const PREFIX = 'motcua-site-';

scope.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SW_PRECACHE))
      .then(() => scope.skipWaiting()),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => scope.clients.claim()),
  );
});

/** Pages a citizen may want offline: home, guides, pay flow, the pay page and 404; never staff pages. */
function keepsPage(url: URL): boolean {
  return url.pathname === '/' || url.pathname === '/index.html' || url.pathname === '/pay.html' || url.pathname === '/404.html' || url.pathname.startsWith('/thu-tuc/');
}

/** The cached copy of a page: the pay page and the home page match whatever their query. */
async function cachedPage(cache: Cache, url: URL): Promise<Response | undefined> {
  return (await cache.match(url.pathname === '/' ? '/' : url.pathname, { ignoreSearch: true })) ?? (url.pathname === '/' ? cache.match('/index.html') : undefined);
}

scope.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/__dev/')) return;

  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.open(CACHE).then(async (cache) => {
        const hit = await cache.match(request);
        if (hit) return hit;
        const res = await fetch(request);
        if (res.ok) await cache.put(request, res.clone());
        return res;
      }),
    );
    return;
  }

  if (request.mode === 'navigate' && keepsPage(url)) {
    event.respondWith(
      caches.open(CACHE).then(async (cache) => {
        try {
          const res = await fetch(request);
          // Keyed by path: a pay page's token never becomes a cache key.
          if (res.ok) await cache.put(url.pathname, res.clone());
          return res;
        } catch (e) {
          const hit = await cachedPage(cache, url);
          if (hit) return hit;
          throw e;
        }
      }),
    );
  }
});
