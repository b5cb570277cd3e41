import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ONLINEPAY_BANKS,
  ONLINEPAY_CITIES,
  ONLINEPAY_STATES,
  citiesOfState,
  isCityOfState,
  isOnlinePayBankCode,
  isOnlinePayStateCode,
} from '../../../../shared/gateway/onlinepay/onlinePayDictionaries';

/** The vendor's text, read as it is: the dictionaries must be its rows, all of them, in its order. */
const TEXT = readFileSync(resolve(__dirname, '../../../../../shared/reference/onlinepay-business-api-v1.txt'), 'utf8').split(/\r?\n/);

/** The lines of one dictionary: from its heading's column line to the next blank line. */
function section(heading: string): string[] {
  const start = TEXT.findIndex((line) => line.trim() === heading);
  expect(start, `the text has "${heading}"`).toBeGreaterThan(0);
  const rows: string[] = [];
  // heading, blank, column names, then rows until a blank line or the end.
  for (const line of TEXT.slice(start + 3)) {
    if (line.trim() === '') break;
    rows.push(line.trim());
  }
  return rows;
}

describe('OnlinePay dictionaries against the text', () => {
  it('has every bank of "Supported Chinese bank codes", with its name, in order', () => {
    const rows = section('Supported Chinese bank codes').map((line) => {
      const match = /^“([A-Z]+)”\s+“(.+)”$/.exec(line);
      expect(match, line).not.toBeNull();
      return { code: match![1], name: match![2] };
    });
    expect(rows.length).toBe(19);
    expect(ONLINEPAY_BANKS).toEqual(rows);
  });

  it('has every province of "Supported Chinese state codes", in order', () => {
    const rows = section('Supported Chinese state codes').map((line) => {
      const match = /^(\d{2})\s+(.+)$/.exec(line);
      expect(match, line).not.toBeNull();
      return { code: match![1], name: match![2] };
    });
    expect(rows.length).toBe(34);
    expect(ONLINEPAY_STATES).toEqual(rows);
  });

  it('has every city of "Supported Chinese city codes" with its province, in order', () => {
    const rows = section('Supported Chinese city codes').map((line) => {
      const match = /^(\d{4})\s+(.+?)\s+(\d{2})$/.exec(line);
      expect(match, line).not.toBeNull();
      return { code: match![1], name: match![2], state: match![3] };
    });
    expect(rows.length).toBeGreaterThan(300);
    expect(ONLINEPAY_CITIES).toEqual(rows);
    // Every city's province is a listed province.
    for (const city of ONLINEPAY_CITIES) expect(isOnlinePayStateCode(city.state), city.code).toBe(true);
  });

  it('answers the refund form: cities of a province, a city of another province refused', () => {
    expect(citiesOfState('11').map((city) => city.code)).toEqual(['1000']);
    expect(citiesOfState('13').map((city) => city.name)).toContain('Baoding City');
    expect(isCityOfState('1340', '13')).toBe(true);
    expect(isCityOfState('1340', '11')).toBe(false);
    expect(isCityOfState('9999', '13')).toBe(false);
    expect(isCityOfState('1340', '99')).toBe(false);
    expect(isOnlinePayBankCode('ICBC')).toBe(true);
    expect(isOnlinePayBankCode('icbc')).toBe(false);
    expect(isOnlinePayBankCode(undefined)).toBe(false);
  });
});
