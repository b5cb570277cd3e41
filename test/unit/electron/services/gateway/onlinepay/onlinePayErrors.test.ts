import {
  classifyOnlinePayError,
  ONLINEPAY_ERROR_CODES,
  ONLINEPAY_ERRORS,
  onlinePayErrorByCode,
  type OnlinePayErrorReport,
} from '../../../../../../shared/gateway/onlinepay/onlinePayErrors';
import type { GatewayErrorKind } from '../../../../../../shared/gateway/gatewayErrorKinds';
import { en } from '../../../../../../shared/i18n/en';
import { zhCN } from '../../../../../../shared/i18n/zhCN';

type Row = [OnlinePayErrorReport, money: GatewayErrorKind, other: GatewayErrorKind];

const ROWS: Row[] = [
  // Status alone.
  [{ httpStatus: 429 }, 'rate_limited', 'rate_limited'],
  [{ httpStatus: 429, kind: 'invalid_request_error', code: 'incorrect_amount' }, 'rate_limited', 'rate_limited'],
  [{ httpStatus: 500 }, 'indeterminate', 'indeterminate'],
  [{ httpStatus: 503, kind: 'invalid_request_error', code: 'incorrect_amount' }, 'indeterminate', 'indeterminate'],
  [{ httpStatus: 502, code: 'order_number_already_exists' }, 'indeterminate', 'indeterminate'],
  // api_error: a server technicality, whatever the code.
  [{ httpStatus: 200, kind: 'api_error' }, 'indeterminate', 'indeterminate'],
  [{ httpStatus: 400, kind: 'api_error', code: 'incorrect_amount' }, 'indeterminate', 'indeterminate'],
  // The duplicate: look up, never resend.
  [{ httpStatus: 200, code: 'order_number_already_exists' }, 'duplicate_reference', 'duplicate_reference'],
  [{ httpStatus: 409, kind: 'invalid_request_error', code: 'order_number_already_exists' }, 'duplicate_reference', 'duplicate_reference'],
  // Authentication.
  [{ httpStatus: 200, kind: 'authentication_error', code: 'incorrect_private_key' }, 'authentication', 'authentication'],
  [{ httpStatus: 401, code: 'incorrect_private_key' }, 'authentication', 'authentication'],
  [{ httpStatus: 200, kind: 'authentication_error' }, 'authentication', 'authentication'],
  [{ httpStatus: 401 }, 'authentication', 'authentication'],
  [{ httpStatus: 403, code: 'something_new' }, 'authentication', 'authentication'],
  // Invalid requests: nothing moved.
  [{ httpStatus: 400, kind: 'invalid_request_error', code: 'incorrect_amount' }, 'invalid_request', 'invalid_request'],
  [{ httpStatus: 200, kind: 'invalid_request_error', code: 'incorrect_currency' }, 'invalid_request', 'invalid_request'],
  [{ httpStatus: 200, kind: 'invalid_request_error', code: 'incorrect_order_number' }, 'invalid_request', 'invalid_request'],
  [{ httpStatus: 200, kind: 'invalid_request_error', code: 'incorrect_bank_card_info' }, 'invalid_request', 'invalid_request'],
  [{ httpStatus: 200, kind: 'invalid_request_error', code: 'incorrect_address_info' }, 'invalid_request', 'invalid_request'],
  [{ httpStatus: 200, kind: 'processing_error', code: 'amount_less_than_balance' }, 'invalid_request', 'invalid_request'],
  [{ httpStatus: 200, kind: 'processing_error', code: 'amount_less_than_minimum' }, 'invalid_request', 'invalid_request'],
  [{ httpStatus: 200, code: 'incorrect_amount' }, 'invalid_request', 'invalid_request'],
  // Declines: the payer's bank refused while processing.
  [{ httpStatus: 200, kind: 'processing_error', code: 'incorrect_bank_card_info' }, 'declined', 'declined'],
  [{ httpStatus: 402, kind: 'processing_error', code: 'incorrect_address_info' }, 'declined', 'declined'],
  // Unknown or absent codes: a money request is looked up.
  [{ httpStatus: 200, kind: 'processing_error' }, 'indeterminate', 'indeterminate'],
  [{ httpStatus: 200, kind: 'processing_error', code: 'card_stolen' }, 'indeterminate', 'indeterminate'],
  [{ httpStatus: 400, kind: 'invalid_request_error', code: 'brand_new' }, 'indeterminate', 'invalid_request'],
  [{ httpStatus: 400, kind: 'invalid_request_error' }, 'indeterminate', 'invalid_request'],
  [{ httpStatus: 404 }, 'indeterminate', 'not_found'],
  [{ httpStatus: 404, kind: 'invalid_request_error', code: 'not_found' }, 'indeterminate', 'not_found'],
  [{ httpStatus: 400 }, 'indeterminate', 'invalid_request'],
  [{ httpStatus: 422, kind: 'some_new_kind', code: 'brand_new' }, 'indeterminate', 'invalid_request'],
  [{ httpStatus: 200 }, 'indeterminate', 'indeterminate'],
];

describe('classifyOnlinePayError', () => {
  it.each(ROWS)('%o → money %s, other %s', (report, money, other) => {
    expect(classifyOnlinePayError(report, 'money')).toBe(money);
    expect(classifyOnlinePayError(report, 'other')).toBe(other);
  });

  it('treats a request as "other" unless told', () => {
    expect(classifyOnlinePayError({ httpStatus: 404 })).toBe('not_found');
  });
});

describe('ONLINEPAY_ERRORS', () => {
  it('lists the nine documented codes once each', () => {
    expect(ONLINEPAY_ERROR_CODES).toEqual([
      'incorrect_private_key',
      'incorrect_address_info',
      'incorrect_bank_card_info',
      'order_number_already_exists',
      'amount_less_than_balance',
      'incorrect_amount',
      'incorrect_currency',
      'incorrect_order_number',
      'amount_less_than_minimum',
    ]);
    expect(new Set(ONLINEPAY_ERROR_CODES).size).toBe(ONLINEPAY_ERRORS.length);
    expect(onlinePayErrorByCode('incorrect_amount')?.description).toBe('Absent or incorrect amount value.');
    expect(onlinePayErrorByCode('nope')).toBeUndefined();
  });

  it.each(ONLINEPAY_ERROR_CODES)('has a cashier message for %s in English and Chinese', (code) => {
    expect((en.gatewayLabels as Record<string, string>)[code]).toMatch(/\w/);
    expect((zhCN.gatewayLabels as Record<string, string>)[code]).toMatch(/[\u4e00-\u9fff]/);
  });
});
