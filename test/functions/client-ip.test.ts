import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { clientIp, viewerAddress } from '../../functions/lib/platform/client-ip';

const SECRET = 'origin-verify-secret-for-tests';

function ipOf(headers: Record<string, string>, sourceIp = '198.51.100.9') {
  const app = new Hono().get('/', (c) => c.text(clientIp(c, SECRET) ?? 'none'));
  return Promise.resolve(app.request('/', { headers }, { event: { requestContext: { http: { sourceIp } } } })).then((r: Response) => r.text());
}

describe('clientIp', () => {
  it('parses CloudFront-Viewer-Address for IPv4 and IPv6', () => {
    expect(viewerAddress('203.0.113.7:51234')).toBe('203.0.113.7');
    expect(viewerAddress('2001:db8::1:443')).toBe('2001:db8::1');
    expect(viewerAddress('garbage')).toBeUndefined();
  });

  it('believes the viewer address only with the origin secret', async () => {
    expect(await ipOf({ 'cloudfront-viewer-address': '203.0.113.7:5000', 'x-origin-verify': SECRET })).toBe('203.0.113.7');
    // Sent straight to execute-api with a made-up header: the caller's own address counts.
    expect(await ipOf({ 'cloudfront-viewer-address': '203.0.113.7:5000' })).toBe('198.51.100.9');
    expect(await ipOf({ 'cloudfront-viewer-address': '203.0.113.7:5000', 'x-origin-verify': 'guess' })).toBe('198.51.100.9');
    expect(await ipOf({})).toBe('198.51.100.9');
  });
});
