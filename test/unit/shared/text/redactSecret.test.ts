import { redactSecret } from '../../../../shared/text/redactSecret';
import { redact } from '../../../../electron/services/log/logger';

describe('redactSecret', () => {
  const TOKEN = 'tok_live_4f9a8b7c6d5e4f3a2b1c';

  it('takes every occurrence of a long secret, inside other text too', () => {
    expect(redactSecret(`Bearer ${TOKEN}; echo x${TOKEN}y`, TOKEN)).toBe('Bearer [redacted]; echo x[redacted]y');
  });

  it('takes a short secret where it stands alone and leaves the words it is part of readable', () => {
    expect(redactSecret('Bearer abc refused for cabcd at abc.', 'abc')).toBe('Bearer [redacted] refused for cabcd at [redacted].');
    expect(redactSecret('token=1&id=21&n=1', '1')).toBe('token=[redacted]&id=21&n=[redacted]');
    // Characters a regular expression would read as operators are taken literally.
    expect(redactSecret('key "a.b+" and aXb+', 'a.b+')).toBe('key "[redacted]" and aXb+');
  });

  it('leaves text alone without a secret', () => {
    expect(redactSecret('nothing to hide', undefined)).toBe('nothing to hide');
    expect(redactSecret('nothing to hide', '')).toBe('nothing to hide');
  });

  it('is the log’s rule too: short secrets are no longer left in a log line', () => {
    expect(redact('key=k9 sent', ['k9'])).toBe('key=[redacted] sent');
    expect(redact(`${TOKEN} and ${TOKEN.slice(0, 12)}`, [TOKEN.slice(0, 12), TOKEN])).toBe('[redacted] and [redacted]');
  });
});
