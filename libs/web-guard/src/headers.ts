// The security headers of every answer. Scripts and styles come from the server's own files only
// (no inline script anywhere), nothing is cached, no other page may frame, read or open it —
// except the virtual polling station's page, which embeds the devices' screens by design and
// is then named exactly (`embeddedBy`), and which names the devices it frames (`frames`).

export interface HeaderOptions {
  /** Origins that may embed this server's pages (frame-ancestors); none by default. */
  embeddedBy: readonly string[];
  /** Origins this server's pages may embed (frame-src); none by default. */
  frames: readonly string[];
}

const list = (origins: readonly string[]): string => (origins.length === 0 ? "'none'" : origins.join(' '));

export function contentSecurityPolicy(o: HeaderOptions): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-src ${list(o.frames)}`,
    `frame-ancestors ${list(o.embeddedBy)}`,
  ].join('; ');
}

export function securityHeaders(o: HeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(o),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // Votes, results and tokens are in the answers: nothing is kept by the browser.
    'Cache-Control': 'no-store',
    ...(o.embeddedBy.length === 0 ? { 'X-Frame-Options': 'DENY' } : {}),
  };
}

/** The refusal page has one inline style block and nothing else. */
export const REFUSAL_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
