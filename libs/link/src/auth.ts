// Authentication of the link: HMAC-SHA256 under the link key of the opening (32 random bytes
// made at the first opening, sealed on the sticks, handed to the box by the pairing code).
// A request's MAC covers its path and body; a response's MAC covers the request's MAC and the
// response body, so an answer cannot be replayed for another request: the box opens its flap
// only on a `registered` that the console made for this very request.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { fromBase64, toBase64, utf8, withDomain } from '@ovs/crypto';

export const MAC_HEADER = 'x-ovs-link-mac';
export const LINK_PATH_PREFIX = '/link/v1/';
export const LINK_KEY_BYTES = 32;

const hmac = (key: Uint8Array, message: Uint8Array): Uint8Array => new Uint8Array(createHmac('sha256', key).update(message).digest());

export const requestMac = (key: Uint8Array, path: string, body: Uint8Array): Uint8Array =>
  hmac(key, withDomain('link-request', utf8(path), new Uint8Array([0]), body));

export const responseMac = (key: Uint8Array, reqMac: Uint8Array, status: number, body: Uint8Array): Uint8Array =>
  hmac(key, withDomain('link-response', reqMac, new Uint8Array([status >> 8, status & 0xff]), body));

export const encodeMac = (mac: Uint8Array): string => toBase64(mac);

export function decodeMac(header: string | undefined): Uint8Array | undefined {
  if (!header) return undefined;
  const mac = fromBase64(header.trim());
  return mac?.length === 32 ? mac : undefined;
}

export function macEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}


