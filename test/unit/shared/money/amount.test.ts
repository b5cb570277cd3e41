import { isMinorUnitAmount, minorToDecimalString, parseAmountInput, rescaleMinorUnits } from '../../../../shared/money/amount';

describe('parseAmountInput', () => {
  const max = 500_000;
  it.each([
    ['12.34', 'USD', 1234],
    ['12', 'USD', 1200],
    ['12.3', 'USD', 1230],
    ['.5', 'USD', 50],
    ['0.01', 'USD', 1],
    ['1,234.50', 'USD', 123450],
    ['  7.00 ', 'USD', 700],
    ['1500', 'JPY', 1500],
    ['5000.00', 'USD', 500000],
  ] as const)('%s %s → %i minor units', (text, currency, expected) => {
    expect(parseAmountInput(text, currency, max)).toEqual({ ok: true, amount: expected });
  });

  it.each([
    ['', 'USD', 'AMOUNT_EMPTY'],
    ['   ', 'USD', 'AMOUNT_EMPTY'],
    ['abc', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['12.34.5', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['1e3', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['.', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['0', 'USD', 'AMOUNT_NOT_POSITIVE'],
    ['0.00', 'USD', 'AMOUNT_NOT_POSITIVE'],
    ['-5', 'USD', 'AMOUNT_NOT_POSITIVE'],
    ['12.345', 'USD', 'AMOUNT_TOO_PRECISE'],
    ['12.5', 'JPY', 'AMOUNT_TOO_PRECISE'],
    ['5000.01', 'USD', 'AMOUNT_OVER_MAXIMUM'],
    ['99999999999999999999', 'USD', 'AMOUNT_OVER_MAXIMUM'],
    ['Infinity', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['0x10', 'USD', 'AMOUNT_NOT_A_NUMBER'],
  ] as const)('%j %s → %s', (text, currency, error) => {
    expect(parseAmountInput(text, currency, max)).toEqual({ ok: false, error });
  });

  it('never produces a float, even where binary floating point would (0.29 * 100 = 28.999…)', () => {
    const result = parseAmountInput('0.29', 'USD', max);
    expect(result).toEqual({ ok: true, amount: 29 });
  });
});

describe('minor units', () => {
  it('accepts only positive safe integers', () => {
    expect(isMinorUnitAmount(1)).toBe(true);
    expect(isMinorUnitAmount(0)).toBe(false);
    expect(isMinorUnitAmount(12.5)).toBe(false);
    expect(isMinorUnitAmount(Number.MAX_SAFE_INTEGER + 1)).toBe(false);
    expect(isMinorUnitAmount('12')).toBe(false);
  });
  it('renders decimal strings per currency exponent', () => {
    expect(minorToDecimalString(1234, 'USD')).toBe('12.34');
    expect(minorToDecimalString(5, 'USD')).toBe('0.05');
    expect(minorToDecimalString(1500, 'JPY')).toBe('1500');
    expect(() => minorToDecimalString(1.5, 'USD')).toThrow(RangeError);
  });
  it('rescales a limit to another currency’s minor unit, keeping its figure', () => {
    expect(rescaleMinorUnits(500_000, 'USD', 'JPY')).toBe(5_000);
    expect(rescaleMinorUnits(5_000, 'JPY', 'USD')).toBe(500_000);
    expect(rescaleMinorUnits(500_000, 'USD', 'CNY')).toBe(500_000);
    expect(rescaleMinorUnits(123_456, 'EUR', 'JPY')).toBe(1_234);
    // Never below one minor unit, never past what is safe.
    expect(rescaleMinorUnits(5, 'USD', 'JPY')).toBe(1);
    expect(rescaleMinorUnits(Number.MAX_SAFE_INTEGER, 'JPY', 'USD')).toBe(Number.MAX_SAFE_INTEGER);
  });
});
