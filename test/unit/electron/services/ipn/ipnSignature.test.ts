import { createHash } from 'node:crypto';
import { ipnSigningString, signIpn, verifyIpn } from '../../../../../electron/services/ipn/ipnSignature';

const TOKEN = 'merchant-token-ipn-7c1d2e3f4a5b';
const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/** The document's "Asynchronous Response" example, as a form post carries it. */
const DOCUMENT_IPN = {
  id: '20170519103602011338',
  amount: '2',
  currency: 'USD',
  rmb_amount: '12',
  reference: '20170519103456437807',
  sys_reserve: '{"vendor_id":"4200000117201806013734875340"}',
  status: 'success',
  time: '2017-05-19T10:36:32Z',
  note: 'null',
} as const;

function signed(fields: Record<string, string>): Record<string, string> {
  return { ...fields, verify_sign: signIpn(fields, TOKEN) };
}

describe('signIpn', () => {
  it('is MD5 of the sorted k=v pairs, & and MD5(token), in lowercase hex, leaving out the null note', () => {
    const text =
      'amount=2&currency=USD&id=20170519103602011338&reference=20170519103456437807&rmb_amount=12' +
      '&status=success&sys_reserve={"vendor_id":"4200000117201806013734875340"}&time=2017-05-19T10:36:32Z&' +
      md5(TOKEN);
    expect(ipnSigningString(DOCUMENT_IPN, TOKEN)).toBe(text);
    expect(signIpn(DOCUMENT_IPN, TOKEN)).toBe(md5(text));
    expect(signIpn(DOCUMENT_IPN, TOKEN)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('signs the same whether the note is "null", empty, null or absent', () => {
    const { note: _note, ...withoutNote } = DOCUMENT_IPN;
    const expected = signIpn(withoutNote, TOKEN);
    for (const note of ['null', '', null, undefined]) expect(signIpn({ ...withoutNote, note }, TOKEN)).toBe(expected);
  });

  it('signs a note that is set', () => {
    expect(ipnSigningString({ ...DOCUMENT_IPN, note: 'till 2' }, TOKEN)).toContain('&note=till 2&');
  });

  it('ignores verify_sign itself and the order the fields arrive in', () => {
    const reversed = Object.fromEntries(Object.entries(DOCUMENT_IPN).reverse());
    expect(signIpn({ ...reversed, verify_sign: 'anything' }, TOKEN)).toBe(signIpn(DOCUMENT_IPN, TOKEN));
  });

  it('signs numbers by their decimal text, as a form would carry them', () => {
    expect(signIpn({ ...DOCUMENT_IPN, amount: 2, rmb_amount: 12 }, TOKEN)).toBe(signIpn(DOCUMENT_IPN, TOKEN));
  });

  it('depends on the token', () => {
    expect(signIpn(DOCUMENT_IPN, `${TOKEN}x`)).not.toBe(signIpn(DOCUMENT_IPN, TOKEN));
  });
});

describe('verifyIpn', () => {
  it('accepts what signIpn signed, in either case of hex', () => {
    const fields = signed(DOCUMENT_IPN);
    expect(verifyIpn(fields, TOKEN)).toBe(true);
    expect(verifyIpn({ ...fields, verify_sign: fields.verify_sign!.toUpperCase() }, TOKEN)).toBe(true);
  });

  it.each(Object.keys(DOCUMENT_IPN).filter((key) => key !== 'note'))('rejects a tampered %s', (key) => {
    const fields = signed(DOCUMENT_IPN);
    const original = fields[key]!;
    const tampered = { ...fields, [key]: original === '2' ? '200' : `${original}0` };
    expect(verifyIpn(tampered, TOKEN)).toBe(false);
  });

  it('rejects a note added after signing, and a field added or removed', () => {
    const fields = signed(DOCUMENT_IPN);
    expect(verifyIpn({ ...fields, note: 'refund me' }, TOKEN)).toBe(false);
    expect(verifyIpn({ ...fields, extra: '1' }, TOKEN)).toBe(false);
    const { amount: _amount, ...missing } = fields;
    expect(verifyIpn(missing, TOKEN)).toBe(false);
  });

  it('accepts a missing or null note when the signer left it out', () => {
    const { note: _note, ...withoutNote } = DOCUMENT_IPN;
    const fields = signed(withoutNote);
    expect(verifyIpn(fields, TOKEN)).toBe(true);
    expect(verifyIpn({ ...fields, note: 'null' }, TOKEN)).toBe(true);
    expect(verifyIpn({ ...fields, note: null }, TOKEN)).toBe(true);
  });

  it.each([
    ['no signature', undefined],
    ['an empty signature', ''],
    ['a short signature', 'abc123'],
    ['a signature that is not hex', 'z'.repeat(32)],
    ['a number', 12345],
  ])('rejects %s', (_name, verifySign) => {
    expect(verifyIpn({ ...DOCUMENT_IPN, verify_sign: verifySign as string | undefined }, TOKEN)).toBe(false);
  });

  it('rejects a signature made with another token', () => {
    expect(verifyIpn({ ...DOCUMENT_IPN, verify_sign: signIpn(DOCUMENT_IPN, 'other-token') }, TOKEN)).toBe(false);
  });
});

describe('NihaoPay’s two ways of signing an empty value', () => {
  /** A failed payment's IPN: sys_reserve arrives empty. */
  const FAILED = { id: '20261203101500011111', amount: '1251', currency: 'USD', reference: 'T1261203101500ABCD', status: 'failure', time: '2026-12-03T10:15:00Z', sys_reserve: '', note: 'null' };

  it('accepts an empty value left out (PHP, WHMCS, .NET) and signed as key= (Java, OpenCart, the text’s key2=)', () => {
    const leftOut = md5(ipnSigningString(FAILED, TOKEN, 'leftOut'));
    const signedEmpty = md5(ipnSigningString(FAILED, TOKEN, 'signedEmpty'));
    expect(ipnSigningString(FAILED, TOKEN, 'signedEmpty')).toContain('&sys_reserve=&');
    expect(ipnSigningString(FAILED, TOKEN, 'leftOut')).not.toContain('sys_reserve');
    expect(leftOut).not.toBe(signedEmpty);
    expect(verifyIpn({ ...FAILED, verify_sign: leftOut }, TOKEN)).toBe(true);
    expect(verifyIpn({ ...FAILED, verify_sign: signedEmpty }, TOKEN)).toBe(true);
  });

  it('still needs the token, and still refuses a tampered field, either way', () => {
    const signedEmpty = md5(ipnSigningString(FAILED, TOKEN, 'signedEmpty'));
    expect(verifyIpn({ ...FAILED, verify_sign: md5(ipnSigningString(FAILED, 'another-token', 'signedEmpty')) }, TOKEN)).toBe(false);
    expect(verifyIpn({ ...FAILED, status: 'success', verify_sign: signedEmpty }, TOKEN)).toBe(false);
    // A value filled in after signing is not the empty one that was signed.
    expect(verifyIpn({ ...FAILED, sys_reserve: '{"vendor_id":"1"}', verify_sign: signedEmpty }, TOKEN)).toBe(false);
  });

  it('reproduces the text’s sample verify_sign with the public demo token of NihaoPay’s PHP demo', () => {
    // The token the PHP demo (and the Java demo, the iOS sample) configures for apitest.nihaopay.com.
    const DEMO_TOKEN = '4847fed22494dc22b1b1a478b34e374e0b429608f31adf289704b4ea093e60a8';
    // The sample's signature covers the v1.1 fields it was made from: rmb_amount and
    // sys_reserve, which the v1.2 text added to the sample, were not in the signed post;
    // note = null is left out as the formula says.
    const { rmb_amount: _rmb, sys_reserve: _reserve, ...signedFields } = DOCUMENT_IPN;
    expect(signIpn(signedFields, DEMO_TOKEN)).toBe('46072c81e3c6140d6bc92655196b247f');
    expect(verifyIpn({ ...signedFields, verify_sign: '46072c81e3c6140d6bc92655196b247f' }, DEMO_TOKEN)).toBe(true);
    // With the two v1.2 fields as the sample prints them it is another message, and fails.
    expect(verifyIpn({ ...DOCUMENT_IPN, verify_sign: '46072c81e3c6140d6bc92655196b247f' }, DEMO_TOKEN)).toBe(false);
  });
});
