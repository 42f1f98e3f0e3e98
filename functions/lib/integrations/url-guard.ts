/**
 * Where events may be sent (no server-side request forgery). In production a webhook URL
 * must be https and every address its host resolves to must be public: no loopback,
 * private, link-local (the cloud's metadata service), carrier-grade NAT, multicast or
 * reserved range, in IPv4 or IPv6 (IPv4-mapped included). Checked when an admin registers
 * the URL and again at each delivery, where the connection goes to the very address that
 * was checked (`guardedLookup`), so a name that changes its answer in between gains nothing.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) BLOCKED.addSubnet(net, bits, 'ipv6');

/** Whether an address is one events may never be sent to in production. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) {
    // An IPv4-mapped address is judged as the IPv4 address it carries (node's BlockList does so too, in either spelling).
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4');
    return BLOCKED.check(address, 'ipv6');
  }
  return true;
}

export interface UrlPolicy {
  /** NODE_ENV=production: https only, public addresses only. */
  production: boolean;
  /** Resolves a host name (tests hand their own). */
  resolve?: (host: string) => Promise<string[]>;
}

const resolveAll = (host: string) =>
  new Promise<string[]>((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses.map((a) => a.address)))));

/** Why a webhook URL is refused, or undefined when it may be used. */
export async function refusalOf(url: string, policy: UrlPolicy): Promise<string | undefined> {
  if (!URL.canParse(url)) return 'not a URL';
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return 'credentials in the URL';
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && !policy.production)) return 'not https';
  if (!policy.production) return undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (policy.resolve ?? resolveAll)(host);
  } catch {
    return 'the host does not resolve';
  }
  if (!addresses.length) return 'the host does not resolve';
  if (addresses.some(isPrivateAddress)) return 'the host resolves to a private address';
  return undefined;
}

/**
 * A `lookup` for node:http(s) that refuses private addresses in production: the
 * connection is made to an address this function has checked, never to one resolved later.
 */
export function guardedLookup(production: boolean) {
  return (hostname: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const allowed = production ? addresses.filter((a) => !isPrivateAddress(a.address)) : addresses;
      if (!allowed.length || allowed.length !== addresses.length) {
        const refused = Object.assign(new Error(`refused: ${hostname} resolves to a private address`), { code: 'EPRIVATEADDRESS' });
        return callback(refused, []);
      }
      if ((options as { all?: boolean }).all) return callback(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}
