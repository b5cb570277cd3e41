import { EXTERNAL_HOSTS, externalUrlToOpen } from '../../../../electron/main/externalLinks';

describe('externalUrlToOpen (the shell.openExternal filter)', () => {
  it('allowlists NihaoPay\'s public site only', () => {
    expect(EXTERNAL_HOSTS).toEqual(['www.nihaopay.com']);
  });

  it.each([
    ['https://www.nihaopay.com/', 'https://www.nihaopay.com/'],
    ['https://www.nihaopay.com/merchant/help?topic=refunds#top', 'https://www.nihaopay.com/merchant/help?topic=refunds#top'],
    ['HTTPS://WWW.NIHAOPAY.COM/Help', 'https://www.nihaopay.com/Help'],
    ['https://www.nihaopay.com:443/', 'https://www.nihaopay.com/'],
    // A backslash ends the host in special schemes: this is a path on NihaoPay's site, and
    // the normalised form is what gets opened, so the OS cannot read it differently.
    ['https://www.nihaopay.com\\@evil.example/', 'https://www.nihaopay.com/@evil.example/'],
    [' https://www.nihaopay.com/\n', 'https://www.nihaopay.com/'],
  ])('opens %j as %j', (url, opened) => {
    expect(externalUrlToOpen(url)).toBe(opened);
  });

  it.each([
    ['plain http', 'http://www.nihaopay.com/'],
    ['another NihaoPay host', 'https://api.nihaopay.com/v1.2/'],
    ['the bare domain (not allowlisted)', 'https://nihaopay.com/'],
    ['a suffix trick', 'https://www.nihaopay.com.evil.example/'],
    ['a path trick', 'https://evil.example/www.nihaopay.com'],
    ['user info hiding the real host', 'https://www.nihaopay.com@evil.example/'],
    ['credentials', 'https://user:secret@www.nihaopay.com/'],
    ['a user name alone', 'https://user@www.nihaopay.com/'],
    ['another port', 'https://www.nihaopay.com:8443/'],
    ['a trailing-dot host', 'https://www.nihaopay.com./'],
    ['a look-alike (Cyrillic a)', 'https://www.nihaop\u0430y.com/'],
    ['an IP address', 'https://203.0.113.7/'],
    ['file:', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(document.domain)'],
    ['mailto:', 'mailto:support@nihaopay.com'],
    ['smb: (Windows share)', 'smb://www.nihaopay.com/share'],
    ['a handler that runs programs', 'ms-msdt:/id PCWDiagnostic'],
    ['a scheme-relative URL', '//www.nihaopay.com/'],
    ['a relative path', '/merchant'],
    ['not a URL', 'www.nihaopay.com'],
    ['empty', ''],
    ['an over-long URL', 'https://www.nihaopay.com/' + 'a'.repeat(3000)],
  ])('refuses %s', (_what, url) => {
    expect(externalUrlToOpen(url)).toBeUndefined();
  });

  it('takes another allowlist, still exact', () => {
    expect(externalUrlToOpen('https://docs.example.com/x', ['docs.example.com'])).toBe('https://docs.example.com/x');
    expect(externalUrlToOpen('https://www.nihaopay.com/', ['docs.example.com'])).toBeUndefined();
    expect(externalUrlToOpen('https://sub.docs.example.com/', ['docs.example.com'])).toBeUndefined();
  });

  it('refuses non-strings from an untyped caller', () => {
    expect(externalUrlToOpen(42 as unknown as string)).toBeUndefined();
  });
});
