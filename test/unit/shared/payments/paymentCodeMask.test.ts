import { maskPaymentCode as checkoutMask } from '../../../../electron/services/checkout/checkoutService';
import { maskPaymentCode, scanForDisplay } from '../../../../shared/payments/paymentCodeMask';
import { SAMPLE_PAYMENT_CODES, VENDORS } from '../../../../shared/payments/vendors';

describe('payment code masking', () => {
  it('is one function: the journal’s (the checkout) and the screens’', () => {
    expect(checkoutMask).toBe(maskPaymentCode);
  });

  it.each(VENDORS)('shows only the last four digits of a %s payment code, as the journal keeps it', (vendor) => {
    const code = SAMPLE_PAYMENT_CODES[vendor];
    const shown = scanForDisplay(code);
    expect(shown).toBe('*'.repeat(code.length - 4) + code.slice(-4));
    expect(shown).toHaveLength(code.length);
    expect(shown).not.toContain(code.slice(0, 8));
  });

  it('shows what is not a wallet code as scanned (a receipt’s transaction ID, a test label)', () => {
    expect(scanForDisplay('20261203100000123456X')).toBe('20261203100000123456X');
    expect(scanForDisplay('HELLO-123')).toBe('HELLO-123');
    expect(maskPaymentCode('1234')).toBe('1234');
  });
});
