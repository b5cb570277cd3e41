import {
  envelopeSchema,
  minorUnitsSchema,
  orderNumberSchema,
  readErrorItem,
  readPayment,
  readPaymentState,
} from '../../../../../../electron/services/gateway/onlinepay/onlinePayReplies';
import { processingUrlProblem } from '../../../../../../electron/services/gateway/onlinepay/processingUrl';

describe('amounts', () => {
  it.each([
    [0, 0],
    [10020, 10020],
    ['10020', 10020],
    ['0', 0],
    ['007', 7],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    ['999999999999999', 999999999999999],
  ])('reads %o as %i', (value, expected) => {
    expect(minorUnitsSchema.parse(value)).toBe(expected);
  });

  it.each(['100.20', '-1', '+1', '1e3', ' 1', '1 ', '', '0x10', '1,000', '9999999999999999', 10.5, -1, 2 ** 53, Number.NaN, Infinity, null, true, [1]])(
    'refuses %o',
    (value) => {
      expect(minorUnitsSchema.safeParse(value).success).toBe(false);
    },
  );
});

describe('order numbers', () => {
  it.each([
    [1, '1'],
    ['CP1', 'CP1'],
    ['1', '1'],
  ])('reads %o as the string %s', (value, expected) => {
    expect(orderNumberSchema.parse(value)).toBe(expected);
  });

  it.each([1.5, -1, 2 ** 53, true, {}])('refuses %o', (value) => {
    expect(orderNumberSchema.safeParse(value).success).toBe(false);
  });
});

describe('states', () => {
  it.each([
    ['init', 'init'],
    ['pending', 'pending'],
    ['sent', 'pending'],
    ['approved', 'approved'],
    ['accepted', 'approved'],
    ['declined', 'declined'],
    ['refunded', 'indeterminate'],
    ['APPROVED', 'indeterminate'],
    ['constructor', 'indeterminate'],
    ['__proto__', 'indeterminate'],
    ['', 'indeterminate'],
  ])('reads %s as %s', (state, expected) => {
    expect(readPaymentState(state)).toBe(expected);
  });
});

describe('errors items', () => {
  it('reads a string naming a documented code as that code', () => {
    expect(readErrorItem('order_number_already_exists')).toEqual({ code: 'order_number_already_exists', message: 'order_number_already_exists' });
    expect(readErrorItem('Incorrect amount')).toEqual({ code: 'incorrect_amount', message: 'Incorrect amount' });
    expect(readErrorItem('api-error')).toEqual({ kind: 'api_error', message: 'api-error' });
  });

  it('reads any other string as a message only', () => {
    expect(readErrorItem('Something went wrong')).toEqual({ message: 'Something went wrong' });
  });

  it('reads objects, dropping what is malformed', () => {
    expect(readErrorItem({ kind: 'processing_error', code: 'INCORRECT_BANK_CARD_INFO', message: 'no' })).toEqual({
      kind: 'processing_error',
      code: 'incorrect_bank_card_info',
      message: 'no',
    });
    expect(readErrorItem({ code: 'has spaces and !' })).toEqual({});
  });

  it('reads an envelope with mixed, malformed or missing errors', () => {
    expect(envelopeSchema.parse({ success: false, errors: ['incorrect_amount', { kind: 'api_error', code: 5 }, 42, null] })).toEqual({
      success: false,
      errors: [{ code: 'incorrect_amount', message: 'incorrect_amount' }, { kind: 'api_error' }],
    });
    expect(envelopeSchema.parse({ success: true })).toEqual({ success: true, errors: [] });
    expect(envelopeSchema.parse({ success: false, errors: 'oops' })).toEqual({ success: false, errors: [] });
    expect(envelopeSchema.safeParse({ success: 'true' }).success).toBe(false);
    expect(envelopeSchema.safeParse({ errors: [] }).success).toBe(false);
  });
});

describe('readPayment', () => {
  const row = { token: 'tok1', status: 'sent', amount: '100', currency: 'USD', order_number: 42, product: 7, created_at: null, surprise: { a: 1 } };

  it('keeps what decides the money and drops malformed decorations and unknown fields', () => {
    expect(readPayment(row)).toEqual({
      ok: true,
      value: { token: 'tok1', status: 'pending', statusText: 'sent', amount: 100, currency: 'USD', orderNumber: '42' },
    });
  });

  it('refuses a payment about another order number, compared as a string', () => {
    expect(readPayment(row, { orderNumber: '42' }).ok).toBe(true);
    expect(readPayment(row, { orderNumber: '042' })).toMatchObject({ ok: false, problem: expect.stringMatching(/orderNumber "42" where "042"/) });
  });

  it.each(['token', 'status', 'amount', 'currency'])('refuses a payment without %s', (field) => {
    const copy: Record<string, unknown> = { ...row };
    delete copy[field];
    expect(readPayment(copy).ok).toBe(false);
  });
});

describe('processingUrlProblem', () => {
  const base = 'https://business.sandbox.onlinepay.com';
  it.each([
    `${base}/p/tok1`,
    `${base}/p?token=tok1`,
    `${base}:443/p/tok1`,
  ])('accepts %s', (url) => {
    expect(processingUrlProblem(url, base, 'tok1')).toBeUndefined();
  });

  it.each([
    'http://business.sandbox.onlinepay.com/p/tok1',
    'https://business.onlinepay.com/p/tok1',
    'https://business.sandbox.onlinepay.com.evil.example/p/tok1',
    'https://business.sandbox.onlinepay.com:8443/p/tok1',
    `${base}/p/tok2`,
    `${base}/p/tok1/extra`,
    `${base}/p/tok1?next=https://evil.example`,
    `${base}/p?token=tok1&token=tok2`,
    `${base}/p/tok1#frag`,
    'https://x@business.sandbox.onlinepay.com/p/tok1',
    'javascript:alert(1)',
  ])('refuses %s', (url) => {
    expect(processingUrlProblem(url, base, 'tok1')).toBeDefined();
  });

  it('follows a base URL with a path (a sandbox mounted below the root)', () => {
    expect(processingUrlProblem('http://127.0.0.1:5000/onlinepay/p/tok1', 'http://127.0.0.1:5000/onlinepay', 'tok1')).toBeUndefined();
    expect(processingUrlProblem('http://127.0.0.1:5000/p/tok1', 'http://127.0.0.1:5000/onlinepay', 'tok1')).toBeDefined();
  });
});
