// The names a guarded server and its clients share. Browser-safe: the page's client imports this.

/** The header that carries the CSRF token on every state-changing request. */
export const CSRF_HEADER = 'X-OVS-CSRF';
/** Same-origin GET that sets the session cookie and answers `{ ok: true, csrf }`. */
export const SESSION_PATH = '/session';
/** Every refusal of the guard names its reason here, so a client can react without parsing the body. */
export const REFUSAL_HEADER = 'X-OVS-Refusal';

/**
 * The session cookie's name. Cookies are not separated by port: the five servers of `npm start`
 * all live on 127.0.0.1 and share one cookie jar, so each names its cookie after its port.
 */
export const sessionCookieName = (port: number): string => `ovs-session-${port}`;

export type RefusalCode =
  | 'wrong-host'
  | 'preflight'
  | 'cross-origin'
  | 'not-json'
  | 'too-large'
  | 'bad-json'
  | 'no-session'
  | 'session-expired';

/** The refusals a client recovers from by fetching a fresh token (the page was open across a restart). */
export const SESSION_REFUSALS: readonly RefusalCode[] = ['no-session', 'session-expired'];
