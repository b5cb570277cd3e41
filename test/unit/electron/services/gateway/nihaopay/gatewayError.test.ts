import { AxiosError } from 'axios';
import { inspect } from 'node:util';
import { GatewayAuthenticationError, GatewayBadReplyError, GatewayDeclinedError, GatewayDuplicateReferenceError, GatewayError, GatewayIndeterminateError, GatewayInvalidRequestError, GatewayMerchantConfigurationError, GatewayNotFoundError, GatewayRateLimitedError, RAW_REPLY_LIMIT, CERTAINLY_NOT_MOVED, createGatewayError, gatewayErrorFromTransport } from '../../../../../../electron/services/gateway/gatewayError';
import { badReplyError, gatewayErrorFromReply, gatewayFailure } from '../../../../../../electron/services/gateway/nihaopay/nihaopayGatewayError';
import { KIND_TO_POS_ERROR, type GatewayErrorKind } from '../../../../../../shared/gateway/gatewayErrorKinds';
import { classifyNihaoPayError, NIHAOPAY_ERRORS } from '../../../../../../shared/gateway/nihaopay/nihaopayErrors';

const CLASS_OF: Record<GatewayErrorKind, abstract new (...args: never[]) => GatewayError> = {
  declined: GatewayDeclinedError,
  invalid_request: GatewayInvalidRequestError,
  authentication: GatewayAuthenticationError,
  duplicate_reference: GatewayDuplicateReferenceError,
  rate_limited: GatewayRateLimitedError,
  merchant_configuration: GatewayMerchantConfigurationError,
  not_found: GatewayNotFoundError,
  indeterminate: GatewayIndeterminateError,
  bad_reply: GatewayBadReplyError,
};

const TOKEN = 'tok_live_4f9a8b7c6d5e4f3a2b1c';

describe('gatewayErrorFromReply', () => {
  it.each(NIHAOPAY_ERRORS.map((e) => [e.httpStatus, e.label, e.kind, e.message] as const))(
    'maps %i/%s to %s',
    (httpStatus, label, kind, message) => {
      const error = gatewayErrorFromReply(httpStatus, JSON.stringify({ code: httpStatus, label, message }));
      expect(error.kind).toBe(kind);
      expect(error).toBeInstanceOf(CLASS_OF[kind]);
      expect(error).toBeInstanceOf(GatewayError);
      expect(error).toBeInstanceOf(Error);
      expect(error.httpStatus).toBe(httpStatus);
      expect(error.label).toBe(label);
      expect(error.gatewayMessage).toBe(message);
      expect(error.toPosError()).toEqual({ code: KIND_TO_POS_ERROR[kind], gateway: { httpStatus, label, message } });
    },
  );

  it('names the class and says what happened in the message', () => {
    const error = gatewayErrorFromReply(402, { code: 402, label: '11', message: 'Customer has insufficient funds available.' });
    expect(error.name).toBe('GatewayDeclinedError');
    expect(error.message).toBe('NihaoPay declined the payment (HTTP 402, label 11): Customer has insufficient funds available.');
  });

  it.each([
    [503, 'X1', 'indeterminate'],
    [500, '1234', 'indeterminate'],
    [401, 'X1', 'authentication'],
    [403, 'X1', 'authentication'],
    [429, 'X1', 'rate_limited'],
    [404, 'X1', 'not_found'],
    [402, 'X1', 'declined'],
    [418, 'X1', 'invalid_request'],
  ] as const)('falls back on the status class for an unknown label: %i/%s → %s', (status, label, kind) => {
    expect(gatewayErrorFromReply(status, { code: status, label, message: 'm' }).kind).toBe(kind);
  });

  it('lets the label win over the status when both are known', () => {
    // 500/92 would be "indeterminate" by status; the catalogue says the request was invalid.
    expect(gatewayErrorFromReply(500, { code: 500, label: '92', message: 'The amount field is required.' }).kind).toBe('invalid_request');
  });

  it('reads an error object that came with HTTP 200 by its own code', () => {
    const error = gatewayErrorFromReply(200, { code: 402, label: '11', message: 'x' });
    expect(error.kind).toBe('declined');
    expect(error.httpStatus).toBe(200);
  });

  it.each([
    ['an HTML page', '<html><body>502 Bad Gateway</body></html>'],
    ['empty text', ''],
    ['JSON without a label', '{"code":401,"message":"Unauthorized"}'],
    ['a JSON array', '[1,2]'],
    ['a label that is an object', '{"code":402,"label":{"x":1},"message":"m"}'],
  ])('turns %s into bad_reply, keeping status and raw text', (_name, body) => {
    const error = gatewayErrorFromReply(502, body);
    expect(error).toBeInstanceOf(GatewayBadReplyError);
    expect(error.kind).toBe('bad_reply');
    expect(error.httpStatus).toBe(502);
    expect(error.raw).toBe(body);
    expect(error.toPosError()).toEqual({ code: 'GATEWAY_BAD_REPLY', gateway: { httpStatus: 502 } });
  });

  it('does not take a success-coded error object for an error', () => {
    expect(gatewayErrorFromReply(200, { code: 200, label: '00', message: 'Success' }).kind).toBe('bad_reply');
  });

  it('gives a numeric label back its leading zero', () => {
    const error = gatewayErrorFromReply(402, { code: 402, label: 1, message: 'Transaction failed. Please try again.' });
    expect(error.label).toBe('01');
    expect(error.kind).toBe('declined');
  });

  it('never carries the token, even when the reply echoes it', () => {
    const body = JSON.stringify({ code: 500, label: '99', message: `System error for Bearer ${TOKEN}` });
    const error = gatewayErrorFromReply(500, body, { secret: TOKEN });
    expect(error.kind).toBe('indeterminate');
    for (const text of [error.message, error.gatewayMessage, error.raw, error.stack, inspect(error), JSON.stringify(error.toPosError())]) {
      expect(text).not.toContain(TOKEN);
    }
    expect(error.gatewayMessage).toBe('System error for Bearer [redacted]');
  });

  it('truncates a long raw reply after redacting it', () => {
    const body = 'x'.repeat(RAW_REPLY_LIMIT - 5) + TOKEN + 'y'.repeat(10_000);
    const error = gatewayErrorFromReply(502, body, { secret: TOKEN });
    expect(error.raw?.startsWith('x'.repeat(RAW_REPLY_LIMIT - 5) + '[reda…')).toBe(true);
    expect(error.raw).not.toContain(TOKEN.slice(0, 8));
    expect(error.raw?.length).toBeLessThan(RAW_REPLY_LIMIT + 40);
    expect(error.raw).toMatch(/more characters\]$/);
  });
});

describe('badReplyError', () => {
  it('is a bad_reply with the reason and the status', () => {
    const error = badReplyError(200, 'the reply is not JSON', '<html>');
    expect(error).toBeInstanceOf(GatewayBadReplyError);
    expect(error.message).toContain('the reply is not JSON');
    expect(error.httpStatus).toBe(200);
    expect(error.raw).toBe('<html>');
  });
});

describe('gatewayErrorFromTransport', () => {
  it.each([
    ['an axios timeout', new AxiosError('timeout of 500ms exceeded', 'ECONNABORTED'), 'ECONNABORTED'],
    ['an axios ETIMEDOUT', new AxiosError('timeout exceeded', 'ETIMEDOUT'), 'ETIMEDOUT'],
    ['a socket hang up', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'ECONNRESET'],
    ['a reset wrapped by axios', AxiosError.from(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })), 'ECONNRESET'],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }), 'ECONNREFUSED'],
    ['a body over the cap', new AxiosError('maxContentLength size of 1048576 exceeded', 'ERR_BAD_RESPONSE'), 'ERR_REPLY_TOO_LARGE'],
    ['a value that is not an Error', 'boom', 'ERR_TRANSPORT'],
  ])('maps %s to indeterminate', (_name, err, transportCode) => {
    const error = gatewayErrorFromTransport(err);
    expect(error).toBeInstanceOf(GatewayIndeterminateError);
    expect(error.kind).toBe('indeterminate');
    expect(error.transportCode).toBe(transportCode);
    expect(error.httpStatus).toBeUndefined();
    expect(error.toPosError()).toEqual({ code: 'GATEWAY_INDETERMINATE' });
  });

  it('reports the overall deadline when the client cut the call short', () => {
    const error = gatewayErrorFromTransport(new AxiosError('canceled', 'ERR_CANCELED'), { deadlineMs: 500 });
    expect(error.kind).toBe('indeterminate');
    expect(error.transportCode).toBe('ERR_DEADLINE');
    expect(error.message).toContain('500 ms');
  });

  it('passes a GatewayError through unchanged', () => {
    const original = gatewayErrorFromReply(402, { code: 402, label: '11', message: 'm' });
    expect(gatewayErrorFromTransport(original)).toBe(original);
  });

  it('redacts the token from a transport message', () => {
    const error = gatewayErrorFromTransport(new Error(`weird failure ${TOKEN}`), { secret: TOKEN });
    expect(error.message).not.toContain(TOKEN);
    expect(inspect(error)).not.toContain(TOKEN);
  });
});

/**
 * The one table of what an error reply means, by HTTP status, label and kind of request. A
 * money request (scanqrcode, showqrcode, refund) may be ended without a look-up only by a
 * reply that certainly says nothing moved; anything else is looked up by its reference.
 */
describe('what an error reply means: status × label × kind of request', () => {
  it.each<[number, string, GatewayErrorKind, GatewayErrorKind]>([
    //  status, label, other request,       money request
    // 5xx: the gateway failed while handling it, before or after booking: always looked up on a money request.
    [500, '96', 'indeterminate', 'indeterminate'],
    [500, '97', 'indeterminate', 'indeterminate'],
    [500, '98', 'indeterminate', 'indeterminate'],
    [500, '99', 'indeterminate', 'indeterminate'],
    [503, '99', 'indeterminate', 'indeterminate'],
    [500, '81', 'merchant_configuration', 'indeterminate'],
    [502, '81', 'merchant_configuration', 'indeterminate'],
    [500, '82', 'merchant_configuration', 'indeterminate'],
    [500, '83', 'declined', 'indeterminate'],
    [500, '84', 'merchant_configuration', 'indeterminate'],
    [500, '91', 'merchant_configuration', 'indeterminate'],
    [500, '92', 'invalid_request', 'indeterminate'],
    [500, '11', 'declined', 'indeterminate'],
    [504, 'X1', 'indeterminate', 'indeterminate'],
    // 404: "not found" answers a look-up; on a money request it says nothing certain — except the two refusals the list gives it.
    [404, 'X1', 'not_found', 'indeterminate'],
    [404, '93', 'not_found', 'indeterminate'],
    [404, '61', 'not_found', 'indeterminate'],
    [404, '59', 'invalid_request', 'invalid_request'],
    [404, '60', 'invalid_request', 'invalid_request'],
    [402, '61', 'not_found', 'indeterminate'],
    // Unknown labels, or known labels at a status the list does not give them.
    [402, 'X1', 'declined', 'indeterminate'],
    [400, 'X1', 'invalid_request', 'indeterminate'],
    [409, 'X1', 'invalid_request', 'indeterminate'],
    [418, 'X1', 'invalid_request', 'indeterminate'],
    [402, '90', 'invalid_request', 'indeterminate'],
    [400, '11', 'declined', 'indeterminate'],
    // Documented refusals at their own status: certain on both.
    [402, '01', 'declined', 'declined'],
    [402, '11', 'declined', 'declined'],
    [402, '72', 'declined', 'declined'],
    [400, '90', 'invalid_request', 'invalid_request'],
    [409, '33', 'invalid_request', 'invalid_request'],
    [402, '67', 'invalid_request', 'invalid_request'],
    [409, '66', 'invalid_request', 'invalid_request'],
    [400, '32', 'merchant_configuration', 'merchant_configuration'],
    // Looked up on a money request whatever happens: duplicate reference, rate limit.
    [400, '31', 'duplicate_reference', 'duplicate_reference'],
    [429, '39', 'rate_limited', 'rate_limited'],
    [429, 'X1', 'rate_limited', 'rate_limited'],
    // Credentials: the look-ups would be refused alike, and the cashier must hear the token is wrong.
    [401, '301', 'authentication', 'authentication'],
    [401, 'X1', 'authentication', 'authentication'],
    [403, 'X1', 'authentication', 'authentication'],
  ])('%i/%s: %s on other requests, %s on a money request', (status, label, other, money) => {
    expect(classifyNihaoPayError(status, label, 'other')).toBe(other);
    expect(classifyNihaoPayError(status, label)).toBe(other);
    expect(classifyNihaoPayError(status, label, 'money')).toBe(money);
    // The same through the client's error and what the money services read from it.
    const error = gatewayErrorFromReply(status, { code: status, label, message: 'm' });
    expect(error.kind).toBe(other);
    expect(gatewayFailure(error, 'other')).toEqual({ kind: other, error: error.toPosError() });
    expect(gatewayFailure(error, 'money')).toEqual({ kind: money, error: { ...error.toPosError(), code: KIND_TO_POS_ERROR[money] } });
  });

  it('never ends a money request without a look-up on a 5xx, a 404 or a label it does not know', () => {
    for (const status of [400, 402, 404, 409, 500, 502, 503]) {
      for (const label of [...NIHAOPAY_ERRORS.map((e) => e.label), 'X1', '00']) {
        const kind = classifyNihaoPayError(status, label, 'money');
        const documented = NIHAOPAY_ERRORS.find((e) => e.label === label && e.httpStatus === status);
        if (!CERTAINLY_NOT_MOVED.includes(kind)) continue;
        expect(status, `${status}/${label} → ${kind}`).toBeLessThan(500);
        expect(documented, `${status}/${label} is not in the list at that status`).toBeDefined();
        expect(kind).not.toBe('not_found');
      }
    }
  });

  it('reads an error object that came with HTTP 200 by its own code on a money request too', () => {
    expect(gatewayFailure(gatewayErrorFromReply(200, { code: 402, label: '11', message: 'x' }), 'money').kind).toBe('declined');
    expect(gatewayFailure(gatewayErrorFromReply(200, { code: 500, label: '11', message: 'x' }), 'money').kind).toBe('indeterminate');
  });

  it('keeps what is not a reply of the gateway: transport failures and bad replies are unknown, a request refused before sending is certain', () => {
    expect(gatewayFailure(gatewayErrorFromTransport(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })), 'money')).toEqual({ kind: 'indeterminate', error: { code: 'GATEWAY_INDETERMINATE' } });
    expect(gatewayFailure(gatewayErrorFromReply(502, '<html>Bad Gateway</html>'), 'money')).toEqual({ kind: 'bad_reply', error: { code: 'GATEWAY_BAD_REPLY', gateway: { httpStatus: 502 } } });
    expect(gatewayFailure(createGatewayError('invalid_request', 'Not sent to NihaoPay: timeout must be 1-1440'), 'money')).toEqual({ kind: 'invalid_request', error: { code: 'GATEWAY_INVALID_REQUEST' } });
    expect(gatewayFailure(new TypeError('a bug'), 'money')).toEqual({ kind: 'indeterminate', error: { code: 'GATEWAY_INDETERMINATE' } });
  });
});

describe('replies NihaoPay sends that its error object does not describe', () => {
  it('reads a 200 with only label and message (no code) as the error its label is documented with', () => {
    const error = gatewayErrorFromReply(200, JSON.stringify({ label: '11', message: 'Customer has insufficient funds available.' }));
    expect(error).toBeInstanceOf(GatewayDeclinedError);
    expect(error).toMatchObject({ httpStatus: 200, label: '11', errorStatus: 402, statusFromLabel: true });
    // The cashier reads the label's own message, not "the gateway sent something odd".
    expect(error.toPosError()).toEqual({ code: 'GATEWAY_DECLINED', gateway: { httpStatus: 200, label: '11', message: 'Customer has insufficient funds available.' } });
    expect(gatewayErrorFromReply(200, JSON.stringify({ label: '301', message: 'Invalid merchant credentials provided' }))).toBeInstanceOf(GatewayAuthenticationError);
  });

  it('has a money request look a code-less 200 up rather than take it as a decline: the wire said success', () => {
    const error = gatewayErrorFromReply(200, JSON.stringify({ label: '11', message: 'Customer has insufficient funds available.' }));
    expect(gatewayFailure(error, 'money')).toEqual({ kind: 'indeterminate', error: { code: 'GATEWAY_INDETERMINATE', gateway: { httpStatus: 200, label: '11', message: 'Customer has insufficient funds available.' } } });
    // A label the list does not have, in a 200 without a code, is still no error we can read.
    expect(gatewayErrorFromReply(200, JSON.stringify({ label: '77', message: '?' }))).toBeInstanceOf(GatewayBadReplyError);
  });

  it('reads a 401 or 403 page that is not JSON as refused credentials, with the cashier message for it', () => {
    for (const status of [401, 403]) {
      const error = gatewayErrorFromReply(status, '<html><body><h1>401 Authorization Required</h1></body></html>');
      expect(error).toBeInstanceOf(GatewayAuthenticationError);
      expect(error.toPosError()).toEqual({ code: 'GATEWAY_AUTHENTICATION', gateway: { httpStatus: status } });
      expect(error.cashierMessage('en')).toBe('The gateway did not accept the merchant token. A manager must check the settings.');
    }
    // Any other status with an HTML page proves nothing: a bad reply (looked up when money moved).
    expect(gatewayErrorFromReply(502, '<html>Bad Gateway</html>')).toBeInstanceOf(GatewayBadReplyError);
  });

  it('redacts a very short secret only where it stands alone, so the rest stays readable', () => {
    const error = gatewayErrorFromReply(500, JSON.stringify({ code: 500, label: '99', message: 'System error for Bearer ab at station abacus' }), { secret: 'ab' });
    expect(error.gatewayMessage).toBe('System error for Bearer [redacted] at station abacus');
    // A real, long token goes wherever it appears, even inside other text.
    const long = gatewayErrorFromReply(500, JSON.stringify({ code: 500, label: '99', message: `x${TOKEN}y and ${TOKEN}` }), { secret: TOKEN });
    expect(long.gatewayMessage).toBe('x[redacted]y and [redacted]');
  });
});
