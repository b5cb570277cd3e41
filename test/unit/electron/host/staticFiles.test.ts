import fs from 'node:fs';
import path from 'node:path';
import { resolveStaticFile } from '../../../../electron/host/staticFiles';
import { makeTempDir } from '../../../fixtures/tempDir';

describe('resolveStaticFile', () => {
  const temp = makeTempDir();
  const root = path.join(temp.dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<html>');
  fs.writeFileSync(path.join(root, 'display.html'), '<html>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), '');
  fs.writeFileSync(path.join(temp.dir, 'secrets.json'), '{}');
  afterAll(() => temp.cleanup());

  it('serves the two pages and built assets', () => {
    expect(resolveStaticFile(root, '/')?.file).toBe(path.join(root, 'index.html'));
    expect(resolveStaticFile(root, '/display')?.file).toBe(path.join(root, 'display.html'));
    expect(resolveStaticFile(root, '/assets/app.js')).toMatchObject({ type: 'text/javascript; charset=utf-8' });
  });
  it.each(['/assets/../../secrets.json', '/assets/%2e%2e/%2e%2e/secrets.json', '/assets/..%5c..%5csecrets.json', '/secrets.json', '/index.html/..', '/assets/%E0%A4%A', '/assets/missing.js', '/assets/app.js%00.png'])(
    'refuses %s',
    (urlPath) => {
      expect(resolveStaticFile(root, urlPath)).toBeUndefined();
    },
  );
});
