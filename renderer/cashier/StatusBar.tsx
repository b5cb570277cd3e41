import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../shared/bridge/contract';
import { LANGUAGE_NAMES } from '../../shared/i18n/catalogues';
import { nextCashierLanguage } from '../../shared/settings/languages';
import { getApi } from '../bridge/bridge';
import { useHotkeys } from '../features/keyboard/useHotkeys';

/** Top bar: store, terminal, gateway environment, scanner state, language. Training is impossible to miss. */
export function StatusBar({
  snapshot,
  onOpenSettings,
  onOpenBackOffice,
}: {
  snapshot: AppSnapshot;
  onOpenSettings?: () => void;
  /**
   * History (F8), reports (F9) and the account (F7); absent while a sale is under way. F7 is
   * training's simulated UnionPay scan only on the screen waiting for a code, where the back office never opens.
   */
  onOpenBackOffice?: (tab: 'history' | 'reports' | 'account') => void;
}) {
  const { t } = useTranslation();
  const { settings, scanner, attention } = snapshot;
  // F2 goes round the languages the store enabled; with one there is nothing to switch to.
  const nextLanguage = nextCashierLanguage(settings.language, settings.cashierLanguages);
  const canSwitch = nextLanguage !== settings.language;
  const switchLanguage = () => {
    if (canSwitch) void getApi().setLanguage({ language: nextLanguage });
  };
  useHotkeys({
    F2: switchLanguage,
    ...(onOpenSettings ? { F10: onOpenSettings } : {}),
    ...(onOpenBackOffice ? { F8: () => onOpenBackOffice('history'), F9: () => onOpenBackOffice('reports'), F7: () => onOpenBackOffice('account') } : {}),
  });
  const scannerText =
    scanner.connection === 'connected' ? t('scanner.connected', { name: scanner.deviceName ?? '' }) : t(`scanner.${scanner.connection}`);
  return (
    <header className="status-bar">
      {settings.training && (
        <div className="training-banner" role="status" data-testid="training-banner">
          {t('app.training')}
        </div>
      )}
      <div className="status-row">
        <span className="brand">{t('app.title')}</span>
        <span className="store" title={`${settings.storeName} · ${t('app.terminal', { name: settings.terminalName })}`}>
          {settings.storeName} · {t('app.terminal', { name: settings.terminalName })}
        </span>
        <span className={`pill env-${settings.environment}`}>{t(`app.environment.${settings.environment}`)}</span>
        <span className={`pill scanner-${scanner.connection}`} title={scanner.hint}>
          {scannerText}
        </span>
        {attention.unresolved.length > 0 && (
          <button type="button" className="pill pill-attention" title={t('recovery.recheck')} onClick={() => void getApi().recheckAttention({})}>
            {t('recovery.unresolvedCount', { count: attention.unresolved.length })}
          </button>
        )}
        {onOpenBackOffice && (
          <>
            <button type="button" className="button button-ghost" onClick={() => onOpenBackOffice('history')}>
              {t('history.open')} <kbd>F8</kbd>
            </button>
            <button type="button" className="button button-ghost" onClick={() => onOpenBackOffice('reports')}>
              {t('report.open')} <kbd>F9</kbd>
            </button>
            <button type="button" className="button button-ghost" aria-keyshortcuts="F7" onClick={() => onOpenBackOffice('account')}>
              {t('account.open')} <kbd>F7</kbd>
            </button>
          </>
        )}
        {onOpenSettings && (
          <button type="button" className="button button-ghost" onClick={onOpenSettings}>
            {t('manager.open')} <kbd>F10</kbd>
          </button>
        )}
        {canSwitch && (
          // Named in itself (日本語, 繁體中文…): the cashier looking for their language may not read the current one.
          <button type="button" className="button button-ghost" aria-label={`${t('app.language')}: ${LANGUAGE_NAMES[nextLanguage]}`} aria-keyshortcuts="F2" onClick={switchLanguage}>
            <span lang={nextLanguage}>{LANGUAGE_NAMES[nextLanguage]}</span> <kbd>F2</kbd>
          </button>
        )}
      </div>
      {settings.problems.map((problem) => (
        <div key={problem} className="problem-banner" role="alert">
          {t(`problems.${problem}`)}
        </div>
      ))}
    </header>
  );
}
