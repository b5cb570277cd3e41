import { useTranslation } from 'react-i18next';
import type { RegisterSaleView } from '../../../shared/register/registerSaleView';
import { money } from '../money/localeMoney';
import type { Language } from '../../../shared/settings/settingsView';
import { isCurrencyCode } from '../../../shared/money/currencies';

/**
 * On the cashier's screens while a cash register's sale is taken: which register sent it and
 * its own transaction id, so the cashier knows the amount came from the register (and which
 * sale at the register it is), not from the keypad.
 */
export function RegisterSaleBanner({ sale, language }: { sale: RegisterSaleView; language: Language }) {
  const { t } = useTranslation();
  return (
    <div className="register-sale-banner" role="status" data-testid="register-sale">
      <strong>{t('register.saleFrom', { saleId: sale.saleId, saleTransactionId: sale.saleTransactionId })}</strong>
      <span className="register-sale-amount">{isCurrencyCode(sale.currency) ? money(sale.amount, sale.currency, language) : sale.amount}</span>
      <span className="field-hint">{sale.sent ? t('register.sent') : t('register.waiting')}</span>
    </div>
  );
}
