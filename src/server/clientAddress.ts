import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * The address of the client behind a request. With `trustedProxies` = n > 0 (TRUST_PROXY), the last n
 * hops of X-Forwarded-For were added by our own reverse proxies, so the client is the entry the furthest
 * of them saw; entries further left were written by the client and are never believed. Without trusted
 * proxies the header is ignored: anybody can send it.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: number): string {
  const peer = normalize(req.socket.remoteAddress ?? '');
  if (trustedProxies === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  // Only the entry at the trusted position counts, and only if it is an address: anything else ("garbage",
  // "999.999.1.1", an empty entry) would otherwise be a new client each time, or shift a client-written
  // entry into the trusted position.
  if (hops.length < trustedProxies) return peer;
  const trusted = normalize(hops[hops.length - trustedProxies]!.trim());
  return isIP(trusted) !== 0 ? trusted : peer;
}

/** Whether an address (as clientAddress returns it) is this machine. */
export function isLoopbackAddress(address: string): boolean {
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** Whether a URL points at this machine: localhost, 127.x.x.x or [::1]. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || isLoopbackAddress(host);
  } catch {
    return false;
  }
}

function normalize(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}
