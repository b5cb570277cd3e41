import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { WindowRole } from '../app/windowRoles';
import { PAGE_ROUTES } from './staticFiles';

/**
 * Who may use the browser host. Loopback is not a boundary on a computer with several OS
 * users (any of them can connect to 127.0.0.1), so each run makes two random keys: the
 * cashier's, which opens everything, and the customer display's, which opens only the
 * display page and its own view (`getDisplay` and the `display` event, as the Electron
 * display window gets: senderPolicy.ts). The start line prints each page's address with
 * its key; the host swaps the key for an HttpOnly cookie and redirects to the clean
 * address, so a reload keeps working and page scripts never see the key.
 *
 * Cookies do not tell ports apart: one for 127.0.0.1 is also sent to any other web server
 * on 127.0.0.1 that the same browser profile opens by typed address or bookmark (SameSite
 * keeps it off requests started by other sites). The README says so.
 */

export type HostRole = WindowRole;

export interface AccessKeys {
  readonly cashier: string;
  readonly display: string;
}

export interface AccessCookie {
  name: string;
  value: string;
}

/** The query parameter that carries a key in the printed addresses. */
export const ACCESS_KEY_PARAM = 'key';

/** 32 random bytes each, base64url: nothing to guess, and safe in a URL and a cookie. */
export function createAccessKeys(random: (size: number) => Uint8Array = randomBytes): AccessKeys {
  const key = () => Buffer.from(random(32)).toString('base64url');
  return { cashier: key(), display: key() };
}

/** One cookie per role and port, so two Counterpay runs on one computer do not overwrite each other's. */
export function accessCookieName(role: HostRole, port: number): string {
  return `counterpay-${role}-${port}`;
}

export function accessCookieOf(role: HostRole, keys: AccessKeys, port: number): AccessCookie {
  return { name: accessCookieName(role, port), value: keys[role] };
}

/** The Set-Cookie header for a role: a session cookie for the whole origin, never sent cross-site, unreadable by scripts. */
export function setCookieHeader(cookie: AccessCookie): string {
  return `${cookie.name}=${cookie.value}; HttpOnly; SameSite=Strict; Path=/`;
}

/** A Cookie request header carrying `cookie`, for clients that are not browsers (tests, tools). */
export function cookieHeaderOf(cookie: AccessCookie): string {
  return `${cookie.name}=${cookie.value}`;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time, whatever the lengths: both sides are hashed first. */
function sameKey(given: string, key: string): boolean {
  return timingSafeEqual(digest(given), digest(key));
}

/** The role a key from a URL opens, if it is one of this run's. */
export function roleOfKey(given: string | null | undefined, keys: AccessKeys): HostRole | undefined {
  if (typeof given !== 'string' || given.length === 0 || given.length > 256) return undefined;
  if (sameKey(given, keys.cashier)) return 'cashier';
  if (sameKey(given, keys.display)) return 'display';
  return undefined;
}

/** The role a request's cookies give; the cashier's when it carries both (it may do everything the display may). */
export function roleOfCookies(cookieHeader: string | undefined, keys: AccessKeys, port: number): HostRole | undefined {
  if (!cookieHeader || cookieHeader.length > 8192) return undefined;
  const given = new Map<string, string[]>();
  for (const part of cookieHeader.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    given.set(name, [...(given.get(name) ?? []), part.slice(at + 1).trim()]);
  }
  const holds = (role: HostRole) => (given.get(accessCookieName(role, port)) ?? []).some((value) => sameKey(value, keys[role]));
  if (holds('cashier')) return 'cashier';
  if (holds('display')) return 'display';
  return undefined;
}

/** The display's key opens the display page and the built assets; the cashier page needs the cashier's. */
export function mayOpen(role: HostRole, pathname: string): boolean {
  return role === 'cashier' || pathname !== '/';
}

/** Whether `pathname` is a page a printed address may point at (the only places a key is taken). */
export function isPagePath(pathname: string): boolean {
  return Object.hasOwn(PAGE_ROUTES, pathname);
}

/** The address printed for a role: its page with its key. */
export function accessUrlOf(role: HostRole, keys: AccessKeys, origin: string): string {
  const url = new URL(role === 'cashier' ? '/' : '/display', origin);
  url.searchParams.set(ACCESS_KEY_PARAM, keys[role]);
  return url.href;
}
