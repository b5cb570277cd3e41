import { classifyPaymentCode, SAMPLE_PAYMENT_CODES, VENDORS } from '../../../../shared/payments/vendors';
import { classifyScan, transactionIdTime } from '../../../../shared/scanner/classifyScan';

const digits = (prefix: string, length: number) => prefix + '0'.repeat(length - prefix.length);
const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** A NihaoPay transaction ID: UTC yyyyMMddHHmmss + 6-digit counter. */
const transactionId = (date: Date, counter: number) =>
  pad(date.getUTCFullYear(), 4) +
  pad(date.getUTCMonth() + 1, 2) +
  pad(date.getUTCDate(), 2) +
  pad(date.getUTCHours(), 2) +
  pad(date.getUTCMinutes(), 2) +
  pad(date.getUTCSeconds(), 2) +
  pad(counter, 6);

describe('classifyScan', () => {
  describe('wallet payment codes (the table is classifyPaymentCode’s)', () => {
    it.each([
      [digits('25', 16), 'alipay'], // shortest Alipay, lowest prefix
      [digits('30', 24), 'alipay'], // longest Alipay, highest prefix
      [digits('28', 20), 'alipay'], // 20 digits like a transaction ID, but an Alipay prefix
      [digits('10', 18), 'wechatpay'],
      [digits('15', 18), 'wechatpay'],
      [digits('62', 19), 'unionpay'],
      ...VENDORS.map((vendor) => [SAMPLE_PAYMENT_CODES[vendor], vendor] as const),
    ] as const)('%s is %s', (code, vendor) => {
      expect(classifyScan(code)).toEqual({ kind: 'wallet', vendor, code });
    });
  });

  describe('receipt barcodes (NihaoPay transaction IDs)', () => {
    it.each([
      ['20170519093105011337', Date.UTC(2017, 4, 19, 9, 31, 5)], // the example on our receipts
      ['20000101000000000000', Date.UTC(2000, 0, 1, 0, 0, 0)], // earliest
      ['20991231235959999999', Date.UTC(2099, 11, 31, 23, 59, 59)], // latest
      ['20240229120000000001', Date.UTC(2024, 1, 29, 12, 0, 0)], // leap day
      ['20000229000000000001', Date.UTC(2000, 1, 29, 0, 0, 0)], // 2000 is a leap year (divisible by 400)
      ['20260430235959123456', Date.UTC(2026, 3, 30, 23, 59, 59)],
    ])('%s is a receipt issued at %i', (code, issuedAt) => {
      expect(classifyScan(code)).toEqual({ kind: 'receipt', transactionId: code, issuedAt });
    });
  });

  describe('anything else is ignored, with the reason', () => {
    it.each([
      ['', 'CODE_EMPTY'],
      ['2017051909310501133', 'CODE_UNKNOWN_SHAPE'], // 19 digits: a transaction ID one short
      ['201705190931050113370', 'CODE_UNKNOWN_SHAPE'], // 21 digits: one too many
      ['21000101000000000000', 'CODE_UNKNOWN_SHAPE'], // year 2100: no "20" prefix
      ['19991231235959000000', 'CODE_UNKNOWN_SHAPE'], // year 1999
      ['20171319093105011337', 'CODE_UNKNOWN_SHAPE'], // month 13
      ['20170019093105011337', 'CODE_UNKNOWN_SHAPE'], // month 00
      ['20170500093105011337', 'CODE_UNKNOWN_SHAPE'], // day 00
      ['20170532093105011337', 'CODE_UNKNOWN_SHAPE'], // day 32
      ['20170431093105011337', 'CODE_UNKNOWN_SHAPE'], // 31 April
      ['20230229093105011337', 'CODE_UNKNOWN_SHAPE'], // 29 February of a common year
      ['20170519243105011337', 'CODE_UNKNOWN_SHAPE'], // hour 24
      ['20170519096005011337', 'CODE_UNKNOWN_SHAPE'], // minute 60
      ['20170519093160011337', 'CODE_UNKNOWN_SHAPE'], // second 60
      ['2017051909310501133A', 'CODE_NOT_DIGITS'],
      [' 20170519093105011337', 'CODE_NOT_DIGITS'],
      ['2017-05-19 09:31:05', 'CODE_NOT_DIGITS'],
      [digits('25', 15), 'CODE_UNKNOWN_SHAPE'], // Alipay one short
      [digits('30', 25), 'CODE_UNKNOWN_SHAPE'], // Alipay one too many
      [digits('10', 17), 'CODE_UNKNOWN_SHAPE'], // WeChat Pay one short
      [digits('15', 19), 'CODE_UNKNOWN_SHAPE'], // WeChat Pay one too many
      [digits('62', 18), 'CODE_UNKNOWN_SHAPE'], // UnionPay one short
      [digits('62', 20), 'CODE_UNKNOWN_SHAPE'], // UnionPay one too many
      [digits('09', 18), 'CODE_UNKNOWN_SHAPE'], // just below the WeChat Pay prefixes
      [digits('16', 18), 'CODE_UNKNOWN_SHAPE'], // just above
      [digits('24', 18), 'CODE_UNKNOWN_SHAPE'], // just below the Alipay prefixes
      [digits('31', 18), 'CODE_UNKNOWN_SHAPE'], // just above
      [digits('61', 19), 'CODE_UNKNOWN_SHAPE'],
      [digits('63', 19), 'CODE_UNKNOWN_SHAPE'],
      ['4006381333931', 'CODE_UNKNOWN_SHAPE'], // an EAN-13 product barcode
      ['https://qr.alipay.com/bax00000', 'CODE_NOT_DIGITS'], // a merchant-presented QR, not a payment code
    ] as const)('%j: %s', (code, reason) => {
      expect(classifyScan(code)).toEqual({ kind: 'ignored', reason });
    });
  });

  it('never takes a transaction ID of 2000–2099 for a wallet code', () => {
    // Every day of the century, at its first and last second, with the lowest, highest
    // and a varying counter: 36,525 days × 6 IDs.
    let checked = 0;
    const wrong: string[] = [];
    const lastDay = Date.UTC(2099, 11, 31);
    for (let day = Date.UTC(2000, 0, 1), n = 0; day <= lastDay; day += 86_400_000, n++) {
      for (const at of [day, day + 86_399_000]) {
        for (const counter of [0, 999_999, (n * 7_919) % 1_000_000]) {
          const id = transactionId(new Date(at), counter);
          const wallet = classifyPaymentCode(id);
          const scan = classifyScan(id);
          // Plain checks in the loop (expect() per ID would take seconds); failures are listed after it.
          if (id.length !== 20 || wallet.kind !== 'refused' || scan.kind !== 'receipt' || scan.issuedAt !== at) {
            wrong.push(`${id}: ${JSON.stringify(wallet)} ${JSON.stringify(scan)}`);
          }
          checked++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(36_525 * 6);
  });

  it('transactionIdTime reads only whole, real UTC times', () => {
    expect(transactionIdTime('20170519093105011337')).toBe(Date.parse('2017-05-19T09:31:05Z'));
    expect(transactionIdTime('20170519093105')).toBeUndefined(); // the time without the counter
    expect(transactionIdTime('x20170519093105011337')).toBeUndefined();
    expect(transactionIdTime('20170519093105011337\n')).toBeUndefined();
  });
});
