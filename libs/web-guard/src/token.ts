// Session ids and CSRF tokens. The token is an HMAC of the session id under the server's secret
// (made at start, never logged): nobody can make a token for a session without the secret, so a
// cookie set by another page on the same host (cookies ignore the port) gives that page nothing,
// and a restart (a new secret) ends every session at once.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { utf8, withDomain } from '@ovs/crypto';

export const SESSION_ID_BYTES = 32;
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export const sessionIdFrom = (random: Uint8Array): string => Buffer.from(random).toString('base64url');

export const isSessionId = (value: string): boolean => SESSION_ID.test(value);

export const csrfToken = (secret: Uint8Array, session: string): string =>
  createHmac('sha256', secret).update(withDomain('web-csrf', utf8(session))).digest('base64url');

export function csrfMatches(secret: Uint8Array, session: string, token: string): boolean {
  const expected = Buffer.from(csrfToken(secret, session));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
