/**
 * Whether a URL's host is this computer: localhost, 127.0.0.0/8 or [::1]. The one rule for
 * where plain http may carry a gateway credential (a local test gateway, the built-in
 * sandboxes). The URL parser has already put the host in canonical form: IPv4 in dotted
 * decimal (127.1 and 0x7f.0.0.1 become 127.0.0.1), IPv6 compressed in brackets, names
 * lower-case. Other names that may resolve to loopback (foo.localhost, an /etc/hosts entry)
 * are not trusted: what they resolve to is not decided here.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
