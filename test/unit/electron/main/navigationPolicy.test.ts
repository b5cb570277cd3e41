import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isAllowedRendererRequest, isAppPage, rendererFileOf } from '../../../../electron/main/navigationPolicy';

const RENDERER = path.resolve('/opt/counterpay/resources/app.asar/dist/renderer');
const base = pathToFileURL(RENDERER + '/').href; // file:///opt/counterpay/resources/app.asar/dist/renderer/

describe('isAppPage', () => {
  it.each([
    base + 'index.html',
    base + 'display.html',
    base + 'index.html?lang=zh-CN#/receipt',
    base + 'ind%65x.html', // the parser decodes it to the same file
    base.replace('file:', 'FILE:') + 'display.html',
    base.replace('file://', 'file://localhost') + 'index.html', // the parser drops "localhost"
    base + 'assets/../index.html',
  ])('allows our page %s', (url) => {
    expect(isAppPage(url, RENDERER)).toBe(true);
  });

  it.each([
    ['another scheme', 'http://127.0.0.1:8420/'],
    ['an allowlisted external site', 'https://www.nihaopay.com/'],
    ['javascript:', 'javascript:alert(1)'],
    ['data: HTML', 'data:text/html,<script>alert(1)</script>'],
    ['about:blank', 'about:blank'],
    ['chrome://', 'chrome://settings'],
    ['DevTools', 'devtools://devtools/bundled/inspector.html'],
    ['a blob', `blob:${base}5f2b6a8e`],
    ['a sibling folder sharing the prefix', pathToFileURL(RENDERER + '-evil/index.html').href],
    ['climbing out with ..', base + '../renderer-evil/index.html'],
    ['climbing out with encoded dots', base + '%2e%2e/%2e%2e/secrets.html'],
    ['climbing out with mixed-case encoded dots', base + '.%2E/index.html'],
    ['an encoded slash', base + 'assets%2f..%2findex.html'],
    ['an encoded backslash', base + 'assets%5c..%5cindex.html'],
    ['a file that is not a page', base + 'assets/index.html'],
    ['a built asset', base + 'assets/index-3f2a.js'],
    ['another case', base + 'INDEX.HTML'],
    ['a trailing slash', base + 'index.html/'],
    ['a NUL byte', base + 'index.html%00.png'],
    ['the renderer folder itself', base],
    ['the renderer folder without slash', pathToFileURL(RENDERER).href],
    ['a remote file host (UNC share)', base.replace('file://', 'file://evil.example') + 'index.html'],
    ['an absolute path elsewhere', 'file:///etc/passwd'],
    ['not a URL', 'index.html'],
    ['empty', ''],
  ])('refuses %s', (_what, url) => {
    expect(isAppPage(url, RENDERER)).toBe(false);
  });

  it('names the file relative to the renderer folder, with / separators', () => {
    expect(rendererFileOf(base + 'assets/index-3f2a.js', RENDERER)).toBe('assets/index-3f2a.js');
    expect(rendererFileOf(base + 'assets/%2e%2e/%2e%2e/x.js', RENDERER)).toBeUndefined();
  });

  it('accepts a renderer folder given with a trailing separator or unnormalised', () => {
    expect(isAppPage(base + 'index.html', RENDERER + path.sep)).toBe(true);
    expect(isAppPage(base + 'index.html', path.join(RENDERER, 'assets', '..'))).toBe(true);
  });
});

describe('isAllowedRendererRequest (no remote content)', () => {
  it.each([base + 'index.html', base + 'assets/index-3f2a.js', base + 'assets/fonts/noto.woff2', 'data:image/png;base64,iVBORw0KGgo=', `blob:${base}5f2b6a8e`, 'devtools://devtools/bundled/inspector.html'])(
    'allows %s',
    (url) => {
      expect(isAllowedRendererRequest(url, RENDERER)).toBe(true);
    },
  );
  it.each([
    'https://www.nihaopay.com/',
    'http://127.0.0.1:8420/api',
    'ws://127.0.0.1:8420/api',
    'wss://evil.example/',
    'ftp://evil.example/x',
    'https://fonts.googleapis.com/css?family=Noto',
    'file:///etc/passwd',
    base + '../secrets.json',
    pathToFileURL(RENDERER + '-evil/x.js').href,
    'chrome://gpu',
    'chrome-extension://abc/x.js',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedRendererRequest(url, RENDERER)).toBe(false);
  });
});
