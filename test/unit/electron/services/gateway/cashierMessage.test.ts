import { cashierMessage } from '../../../../../electron/services/gateway/cashierMessage';
import { gatewayErrorFromTransport } from '../../../../../electron/services/gateway/gatewayError';
import { badReplyError, gatewayErrorFromReply } from '../../../../../electron/services/gateway/nihaopay/nihaopayGatewayError';
import { NIHAOPAY_ERRORS } from '../../../../../shared/gateway/nihaopay/nihaopayErrors';
import { en } from '../../../../../shared/i18n/en';
import { zhCN } from '../../../../../shared/i18n/zhCN';

/** The labels a cashier can meet at the counter, in a refund, or with a shown QR code. */
const LABELS_AT_THE_COUNTER = ['11', '31', '39', '61', '63', '64', '66', '67', '71', '72', '83', '90', '92', '96', '97', '98', '99', '301'];

describe('cashierMessage', () => {
  it.each(LABELS_AT_THE_COUNTER)('gives label %s its own words in English and Chinese', (label) => {
    const entry = NIHAOPAY_ERRORS.find((e) => e.label === label)!;
    const error = gatewayErrorFromReply(entry.httpStatus, { code: entry.httpStatus, label, message: entry.message });
    expect(error.cashierMessage('en')).toBe((en.gatewayLabels as Record<string, string>)[label]);
    expect(error.cashierMessage('zh-CN')).toBe((zhCN.gatewayLabels as Record<string, string>)[label]);
    expect(error.cashierMessage('zh-CN')).not.toBe(error.cashierMessage('en'));
  });

  it.each(NIHAOPAY_ERRORS.map((e) => [e.httpStatus, e.label] as const))('has a message in both languages for %i/%s', (httpStatus, label) => {
    const error = gatewayErrorFromReply(httpStatus, { code: httpStatus, label, message: 'x' });
    expect(error.cashierMessage('en').length).toBeGreaterThan(10);
    expect(error.cashierMessage('zh-CN').length).toBeGreaterThan(4);
  });

  it("falls back on the kind's message when a label has no words of its own", () => {
    const error = gatewayErrorFromReply(402, { code: 402, label: '57', message: 'not activated' });
    expect(error.cashierMessage('en')).toBe(en.errors.GATEWAY_DECLINED);
    expect(error.cashierMessage('zh-CN')).toBe(zhCN.errors.GATEWAY_DECLINED);
  });

  it('tells the cashier not to charge again when the outcome is unknown', () => {
    const dropped = gatewayErrorFromTransport(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    expect(dropped.cashierMessage('en')).toBe(en.errors.GATEWAY_INDETERMINATE);
    expect(dropped.cashierMessage('en')).toMatch(/Do not charge again/);
    expect(badReplyError(200, 'not JSON', '<html>').cashierMessage('zh-CN')).toBe(zhCN.errors.GATEWAY_BAD_REPLY);
  });

  it('fills the placeholders of a code message from its params', () => {
    // A settings problem is read as its sentence, never as its key; anything else in its place reads as nothing.
    expect(cashierMessage({ code: 'GATEWAY_NOT_CONFIGURED', params: { problem: 'missingToken' } }, 'en')).toBe(
      `The payment gateway is not set up. ${en.problems.missingToken} A manager must finish the settings.`,
    );
    expect(cashierMessage({ code: 'GATEWAY_NOT_CONFIGURED', params: { problem: 'production' } }, 'en')).toBe('The payment gateway is not set up. A manager must finish the settings.');
    expect(cashierMessage({ code: 'REFUND_CURRENCY_MISMATCH', params: { currency: 'JPY' } }, 'en')).toContain('(JPY)');
    // An amount keeps its currency beside it, since main has no money formatter.
    expect(cashierMessage({ code: 'AMOUNT_OVER_MAXIMUM', params: { maximum: '5000.00', currency: 'USD' } }, 'en')).toBe('The amount is over this terminal’s limit of 5000.00 USD.');
  });
});
