import { decimalToMinorUnits } from '../../../../../../electron/services/gateway/nihaopay/decimalAmount';

describe('decimalToMinorUnits', () => {
  it.each([
    ['100.00', 'USD', 10000],
    ['12.4', 'USD', 1240],
    ['0.30', 'USD', 30],
    ['7', 'USD', 700],
    ['-5.00', 'USD', -500],
    ['-0.00', 'USD', 0],
    ['1234', 'JPY', 1234],
    ['1234.00', 'JPY', 1234],
    [' 1.10 ', 'USD', 110],
    ['1.1000', 'USD', 110],
  ] as const)('reads %s %s as %i', (text, currency, expected) => {
    expect(decimalToMinorUnits(text, currency)).toBe(expected);
  });

  it.each([
    ['1.005', 'USD'],
    ['1234.5', 'JPY'],
    ['1,234.00', 'USD'],
    ['1e3', 'USD'],
    ['', 'USD'],
    ['abc', 'USD'],
    ['.5', 'USD'],
    ['99999999999999999', 'USD'],
  ] as const)('refuses %s %s rather than rounding or guessing', (text, currency) => {
    expect(decimalToMinorUnits(text, currency)).toBeUndefined();
  });
});
