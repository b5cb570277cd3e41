import {
  accessCookieName,
  accessCookieOf,
  accessUrlOf,
  cookieHeaderOf,
  createAccessKeys,
  isPagePath,
  mayOpen,
  roleOfCookies,
  roleOfKey,
  setCookieHeader,
} from '../../../../electron/host/hostAccess';

describe('browser host access keys', () => {
  const keys = createAccessKeys();
  const port = 8420;

  it('makes two different 32-byte keys, fresh each time', () => {
    expect(keys.cashier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keys.display).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keys.cashier).not.toBe(keys.display);
    const again = createAccessKeys();
    expect([again.cashier, again.display]).not.toContain(keys.cashier);
    expect(createAccessKeys((n) => new Uint8Array(n).fill(1))).toEqual({ cashier: 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE', display: 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE' });
  });

  it('tells the role of a key, and of nothing else', () => {
    expect(roleOfKey(keys.cashier, keys)).toBe('cashier');
    expect(roleOfKey(keys.display, keys)).toBe('display');
    for (const given of [undefined, null, '', keys.cashier.slice(1), `${keys.cashier}x`, keys.cashier.toUpperCase(), 'x'.repeat(5000)]) {
      expect(roleOfKey(given, keys), String(given).slice(0, 20)).toBeUndefined();
    }
  });

  it('reads the role from the Cookie header: the right name for this port and the right value', () => {
    const cashier = cookieHeaderOf(accessCookieOf('cashier', keys, port));
    const display = cookieHeaderOf(accessCookieOf('display', keys, port));
    expect(roleOfCookies(cashier, keys, port)).toBe('cashier');
    expect(roleOfCookies(display, keys, port)).toBe('display');
    expect(roleOfCookies(`${display}; ${cashier}`, keys, port)).toBe('cashier');
    expect(roleOfCookies(`a=1;${display} ;b=2`, keys, port)).toBe('display');
    // A stale cookie of an earlier run next to the right one does not hide it.
    expect(roleOfCookies(`${accessCookieName('cashier', port)}=old; ${cashier}`, keys, port)).toBe('cashier');
    for (const header of [
      undefined,
      '',
      'garbage',
      cashier.replace(String(port), '8421'),
      `${accessCookieName('cashier', port)}=${keys.display}`,
      `${accessCookieName('display', port)}=${keys.cashier}`,
      `${accessCookieName('cashier', port)}=`,
      `x${cashier}`,
      `${cashier}; ${'y'.repeat(9000)}`,
    ]) {
      expect(roleOfCookies(header, keys, port), header?.slice(0, 40)).toBeUndefined();
    }
  });

  it('sets the cookie HttpOnly, SameSite=Strict, for the whole origin, for the session', () => {
    expect(setCookieHeader({ name: 'counterpay-cashier-8420', value: 'k' })).toBe('counterpay-cashier-8420=k; HttpOnly; SameSite=Strict; Path=/');
  });

  it('lets the display key open the display page and assets only; takes keys on pages only', () => {
    expect(mayOpen('cashier', '/')).toBe(true);
    expect(mayOpen('cashier', '/display')).toBe(true);
    expect(mayOpen('display', '/display')).toBe(true);
    expect(mayOpen('display', '/assets/display-A.js')).toBe(true);
    expect(mayOpen('display', '/')).toBe(false);
    expect([isPagePath('/'), isPagePath('/display'), isPagePath('/assets/x.js'), isPagePath('/api'), isPagePath('/constructor')]).toEqual([true, true, false, false, false]);
  });

  it('prints each page with its own key', () => {
    expect(accessUrlOf('cashier', keys, 'http://127.0.0.1:8420')).toBe(`http://127.0.0.1:8420/?key=${keys.cashier}`);
    expect(accessUrlOf('display', keys, 'http://127.0.0.1:8420')).toBe(`http://127.0.0.1:8420/display?key=${keys.display}`);
  });
});
