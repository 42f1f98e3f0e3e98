/**
 * Registers the site's service worker (web/sw/service-worker.ts, served as /sw.js) once the
 * page has loaded, so it never competes with the page's own first requests. Citizen pages
 * only; a browser without service workers simply works online.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Not allowed here (a private window, an insecure origin other than localhost): online only.
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
