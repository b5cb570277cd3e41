/**
 * Response headers for the app's own pages. script-src 'self' and no inline anything:
 * the pages are built by Vite into plain files, so nothing inline is needed.
 */
export function securityHeaders(origin: string): Record<string, string> {
  const wsOrigin = origin.replace(/^http/, 'ws');
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self' ${wsOrigin}`,
      "object-src 'none'",
      "frame-src 'none'",
      "worker-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** Origins allowed to call the API: the host's own, by IP or by name. Anything else is another site. */
export function allowedOrigins(port: number): readonly string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** Host headers accepted: refuses DNS-rebinding attempts that reach loopback under a foreign name. */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

/**
 * Fetch metadata (`Sec-Fetch-Site`, sent by every current browser): a request made by a
 * page of another site — including another port on 127.0.0.1, which counts as the same
 * *site* — is refused, so such a page cannot embed or probe ours even without reading
 * the answer. `none` is a typed address or bookmark; no header is a non-browser client
 * (curl, the tests' fetch), which the Host check and loopback binding already bound.
 */
export function isAllowedFetchSite(secFetchSite: string | string[] | undefined): boolean {
  return secFetchSite === undefined || secFetchSite === 'same-origin' || secFetchSite === 'none';
}
