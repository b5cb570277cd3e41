import { parseLaunchOptions } from '../../../../electron/app/launchOptions';

describe('parseLaunchOptions', () => {
  it('reads --browser, --port and --data-dir in both spellings', () => {
    expect(parseLaunchOptions(['--browser', '--port', '9000', '--data-dir=/tmp/x'])).toEqual({ ok: true, options: { browser: true, port: 9000, dataDir: '/tmp/x' } });
    expect(parseLaunchOptions([])).toEqual({ ok: true, options: { browser: false } });
  });
  it('reads --reset-manager-pin', () => {
    expect(parseLaunchOptions(['--reset-manager-pin', '--data-dir', '/tmp/x'])).toEqual({ ok: true, options: { browser: false, resetManagerPin: true, dataDir: '/tmp/x' } });
  });
  it('explains bad values', () => {
    expect(parseLaunchOptions(['--port', 'abc'])).toMatchObject({ ok: false, message: expect.stringContaining('--port') });
    expect(parseLaunchOptions(['--port', '70000'])).toMatchObject({ ok: false });
    expect(parseLaunchOptions(['--data-dir'])).toMatchObject({ ok: false });
    expect(parseLaunchOptions(['--prot', '1'])).toMatchObject({ ok: false, message: expect.stringContaining('unknown option --prot') });
  });
});
