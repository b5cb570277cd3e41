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
