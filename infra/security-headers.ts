/**
 * The security headers of every answer, site and API alike. CloudFront adds them in
 * production (the response headers policy of infra/site.ts); the local server sends the
 * same (local/server.ts). No CDK here, so the server imports it without pulling the CDK in.
 */
import { createHash } from 'node:crypto';

/**
 * The only inline styles the site writes: the receipt page's paper size, an `@page` rule
 * in a <style> block that its script switches between A4 and A5 (web/templates/
 * receipt-pages.ts, web/src/receipt.ts). CSP allows them by hash, so no other inline
 * style can run. test/infra/site-csp.test.ts fails if the site writes another one.
 */
export const INLINE_STYLES = ['@page{size:A4 portrait;margin:12mm}', '@page{size:A5 portrait;margin:8mm}'] as const;

const hashSource = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The site has no inline script and loads nothing from another origin
 * (test/infra/site-csp.test.ts builds it and checks): scripts, styles, fonts and fetches
 * are same-origin; images are same-origin or `data:` (the favicon is an inline SVG data
 * URL); the QR codes come from /api on the same origin. A JSON data block
 * (`<script type="application/json">`) is not executed, so needs no allowance. No
 * framing, no plugins, no <base>, forms post only here.
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  ['style-src', "'self'", ...INLINE_STYLES.map(hashSource)].join(' '),
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/** The Content-Security-Policy of the site, served over HTTPS (CloudFront). */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, 'upgrade-insecure-requests'].join('; ');

/**
 * The same policy over plain HTTP (`npm start`): without `upgrade-insecure-requests`,
 * which would send the browser to an https:// address the local server does not serve
 * (a phone on the LAN opening http://192.168.x.x:3000 would load no script or style).
 */
export const CONTENT_SECURITY_POLICY_PLAIN_HTTP = DIRECTIVES.join('; ');

/** No camera, microphone, location, payment or USB for any page. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/** Two years, the HSTS preload list's own minimum; subdomains of the site's name too. */
export const HSTS_MAX_AGE_SECONDS = 730 * 24 * 3600;

/**
 * Every header by the name a browser reads. `https: false` leaves out what only means
 * something over HTTPS: HSTS (browsers ignore it over HTTP) and upgrade-insecure-requests.
 */
export function securityHeaders(options: { https: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': options.https ? CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY_PLAIN_HTTP,
    ...(options.https ? { 'Strict-Transport-Security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains` } : {}),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    // Pay pages and QR links carry the order's capability in their query: never send an
    // address of this site anywhere.
    'Referrer-Policy': 'no-referrer',
    // The old XSS auditor is itself a source of leaks; modern advice is to turn it off.
    'X-XSS-Protection': '0',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
