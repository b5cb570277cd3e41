import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AccountBalances, GatewayReading, WithdrawalLine, WithdrawalMovement } from '../../../shared/bridge/accountContract';
import type { AppSnapshot } from '../../../shared/bridge/contract';
import type { PosErrorData } from '../../../shared/errors/posErrors';
import type { CurrencyCode } from '../../../shared/money/currencies';
import type { Language } from '../../../shared/settings/settingsView';
import { getApi } from '../../bridge/bridge';
import { errorText } from '../errors/errorText';
import { dateTime, money } from '../money/localeMoney';
import { BalanceCharts, WithdrawalCharts } from './AccountCharts';
import { NIHAOPAY_FIGURES, ONLINEPAY_FIGURES, type BalanceFigure } from './balanceFigures';
import { SettlementFindings, type SettlementReading } from './SettlementPanel';
import './account.css';

const GATEWAY_TITLE = { nihaopay: 'NihaoPay', onlinepay: 'OnlinePay' } as const;
const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Why a gateway could not be read, in words for this screen (a payment's wording, "do not charge again", does not fit a balance). */
function unreadableReason(t: TFunction, error: PosErrorData): string {
  return t(`account.reasons.${error.code}`, { defaultValue: '' }) || errorText(t, error);
}

/** When the reading was made, and, for a refresh asked too soon, when the next one may be. */
function ReadingTimes({ reading, language }: { reading: GatewayReading<unknown>; language: Language }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="account-read-at" data-testid="read-at" data-read-at={reading.readAt}>
        {t('account.readAt', { time: dateTime(reading.readAt, language) })}
      </p>
      {reading.tooSoon && (
        <p className="account-too-soon" role="status" data-testid="too-soon">
          {t('account.tooSoon', { time: dateTime(reading.nextReadAt, language) })}
        </p>
      )}
    </>
  );
}

/** A reading's table, or its "could not be read" with the reason: never a blank, never a figure that was not read. */
function Reading<T>({ gateway, reading, language, children }: { gateway: keyof typeof GATEWAY_TITLE; reading: GatewayReading<T> | undefined; language: Language; children: (value: T) => ReactNode }) {
  const { t } = useTranslation();
  if (!reading) return <p className="account-muted">{t('account.loading')}</p>;
  return (
    <>
      <ReadingTimes reading={reading} language={language} />
      {reading.ok ? (
        children(reading.value)
      ) : (
        <p className="account-unreadable" role="alert" data-testid={`${gateway}-unreadable`}>
          {t('account.unreadable', { gateway: GATEWAY_TITLE[gateway], reason: unreadableReason(t, reading.error) })}
        </p>
      )}
    </>
  );
}

/** One gateway's balance per currency: a row a currency, a cell a figure (balanceFigures.ts), each with its exact minor units. */
function BalanceTable<Line extends { currency: CurrencyCode }>({ label, lines, figures, language }: { label: string; lines: readonly Line[]; figures: ReadonlyArray<BalanceFigure<Line>>; language: Language }) {
  const { t } = useTranslation();
  if (lines.length === 0) return <p className="account-muted">{t('account.none')}</p>;
  return (
    <table className="account-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('account.currency')}</th>
          {figures.map((f) => (
            <th key={f.field} scope="col" className="num">
              {t(f.label)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.currency} data-currency={line.currency}>
            <th scope="row">{line.currency}</th>
            {figures.map((f) => (
              <td key={f.field} className="num" data-field={f.field} data-minor={f.of(line)}>
                {money(f.of(line), line.currency, language)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The merchant's money at each gateway the store uses: balances, NihaoPay's withdrawals and what each paid out. Manager PIN. */
export function AccountScreen({ snapshot }: { snapshot: AppSnapshot }) {
  const { t } = useTranslation();
  const { language, hasManagerPin, gateways } = snapshot.settings;
  const [pin, setPin] = useState('');
  const [unlocked, setUnlocked] = useState(!hasManagerPin);
  const [error, setError] = useState<PosErrorData>();
  const [balances, setBalances] = useState<AccountBalances>();
  const [from, setFrom] = useState(() => isoDay(Date.now() - 6 * DAY_MS));
  const [to, setTo] = useState(() => isoDay(Date.now()));
  const [withdrawals, setWithdrawals] = useState<GatewayReading<WithdrawalLine[]>>();
  /** The dates the withdrawals shown were read for (the fields may have been changed since). */
  const [shownRange, setShownRange] = useState({ from, to });
  const [detail, setDetail] = useState<{ id: string; reading?: GatewayReading<WithdrawalMovement[]> }>();
  const [settlement, setSettlement] = useState<{ scope: { withdrawalId: string } | { from: string; to: string }; reading?: SettlementReading }>();
  const pinArg = hasManagerPin ? { pin } : {};
  const nihaoPayUsed = gateways.includes('nihaopay');
  const m = (amount: number, currency: CurrencyCode) => money(amount, currency, language);

  const loadBalances = async (refresh: boolean): Promise<boolean> => {
    const result = await getApi().getAccountBalances({ ...pinArg, refresh });
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    setError(undefined);
    setBalances(result.value);
    return true;
  };
  const loadWithdrawals = async (refresh: boolean) => {
    const result = await getApi().getWithdrawals({ ...pinArg, from, to, refresh });
    if (!result.ok) return setError(result.error);
    setError(undefined);
    setWithdrawals(result.value);
    setShownRange({ from, to });
  };
  const loadDetail = async (id: string, refresh: boolean) => {
    setDetail((current) => (current?.id === id ? current : { id }));
    const result = await getApi().getWithdrawalDetail({ ...pinArg, withdrawalId: id, refresh });
    if (!result.ok) return setError(result.error);
    setError(undefined);
    setDetail({ id, reading: result.value });
  };
  /** The settlement check of one withdrawal, or of the dates chosen (NihaoPay's billing file). */
  const checkSettlement = async (scope: { withdrawalId: string } | { from: string; to: string }) => {
    setSettlement({ scope });
    const result = 'withdrawalId' in scope ? await getApi().checkWithdrawalSettlement({ ...pinArg, ...scope, refresh: true }) : await getApi().checkSettlementDays({ ...pinArg, ...scope, refresh: true });
    if (!result.ok) {
      setSettlement(undefined);
      return setError(result.error);
    }
    setError(undefined);
    setSettlement({ scope, reading: result.value });
  };
  const open = async () => {
    if (!(await loadBalances(false))) {
      // A refused PIN is typed again from nothing, as the other PIN forms do.
      setPin('');
      return;
    }
    setUnlocked(true);
    if (nihaoPayUsed) await loadWithdrawals(false);
  };
  useEffect(() => {
    if (!hasManagerPin) void open();
  }, []);

  const unlock = (event: FormEvent) => {
    event.preventDefault();
    void open();
  };
  const showWithdrawals = (event: FormEvent) => {
    event.preventDefault();
    setDetail(undefined);
    void loadWithdrawals(true);
  };

  if (!unlocked) {
    return (
      <section className="account-screen" aria-labelledby="account-heading">
        <h2 id="account-heading" className="visually-hidden">
          {t('account.title')}
        </h2>
        <form className="pin-form account-pin" onSubmit={unlock}>
          <p>{t('account.pinPrompt')}</p>
          <label htmlFor="account-pin">{t('account.pin')}</label>
          <input id="account-pin" type="password" inputMode="numeric" autoComplete="off" autoFocus value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
          <div className="actions">
            <button type="submit" className="button button-primary">
              {t('account.unlock')}
            </button>
          </div>
          <p className="error-text" role="alert">
            {error ? errorText(t, error) : ' '}
          </p>
        </form>
      </section>
    );
  }

  const statusWord = (status: string) => t(`account.statusWord.${status}`, { defaultValue: status });
  const nets = (movements: WithdrawalMovement[]) => {
    const totals = new Map<CurrencyCode, number>();
    for (const movement of movements) totals.set(movement.currency, (totals.get(movement.currency) ?? 0) + movement.amount);
    return [...totals.entries()];
  };

  return (
    <section className="account-screen" aria-labelledby="account-heading">
      <h2 id="account-heading" className="visually-hidden">
        {t('account.title')}
      </h2>
      <p className="error-text" role="alert">
        {error ? errorText(t, error) : ' '}
      </p>
      <div className="account-section-header">
        <h3>{t('account.balances')}</h3>
        <button type="button" className="button button-secondary" onClick={() => void loadBalances(true)}>
          {t('account.refreshBalances')}
        </button>
      </div>
      <div className="account-gateways">
        {balances?.nihaopay !== undefined || gateways.includes('nihaopay') ? (
          <section className="account-gateway" aria-labelledby="account-nihaopay" data-testid="nihaopay-balances">
            <h4 id="account-nihaopay">NihaoPay</h4>
            <Reading gateway="nihaopay" reading={balances?.nihaopay} language={language}>
              {(lines) => <BalanceTable label={t('account.nihaopayTable')} lines={lines} figures={NIHAOPAY_FIGURES} language={language} />}
            </Reading>
            {balances?.nihaopay?.ok && <p className="account-muted">{t('account.nihaopayNote')}</p>}
          </section>
        ) : null}
        {balances?.onlinepay !== undefined || gateways.includes('onlinepay') ? (
          <section className="account-gateway" aria-labelledby="account-onlinepay" data-testid="onlinepay-balances">
            <h4 id="account-onlinepay">OnlinePay</h4>
            <Reading gateway="onlinepay" reading={balances?.onlinepay} language={language}>
              {(lines) => <BalanceTable label={t('account.onlinepayTable')} lines={lines} figures={ONLINEPAY_FIGURES} language={language} />}
            </Reading>
          </section>
        ) : null}
      </div>
      {balances && <BalanceCharts balances={balances} language={language} />}

      {nihaoPayUsed && (
        <section className="account-withdrawals" aria-labelledby="account-withdrawals-heading" data-testid="withdrawals">
          <h3 id="account-withdrawals-heading">{t('account.withdrawals')}</h3>
          <form className="account-range" onSubmit={showWithdrawals}>
            <label htmlFor="account-from">{t('account.from')}</label>
            <input id="account-from" type="date" value={from} required onChange={(e) => setFrom(e.target.value)} />
            <label htmlFor="account-to">{t('account.to')}</label>
            <input id="account-to" type="date" value={to} required onChange={(e) => setTo(e.target.value)} />
            <button type="submit" className="button button-secondary">
              {t('account.showWithdrawals')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => void checkSettlement({ from, to })}>
              {t('account.settlement.checkDays')}
            </button>
          </form>
          <Reading gateway="nihaopay" reading={withdrawals} language={language}>
            {(list) =>
              list.length === 0 ? (
                <p className="account-muted" data-testid="no-withdrawals">{t('account.none')}</p>
              ) : (
                <>
                  <WithdrawalCharts withdrawals={list} from={shownRange.from} to={shownRange.to} language={language} />
                  <table className="account-table" aria-label={t('account.withdrawalsTable')}>
                    <thead>
                      <tr>
                        <th scope="col">{t('account.date')}</th>
                        <th scope="col">{t('account.withdrawalId')}</th>
                        <th scope="col">{t('account.status')}</th>
                        <th scope="col" className="num">{t('account.amount')}</th>
                        <th scope="col" className="num">{t('account.fee')}</th>
                        <th scope="col"><span className="visually-hidden">{t('account.detail')}</span></th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.map((w) => (
                        <tr key={w.id} data-withdrawal-id={w.id} data-selected={detail?.id === w.id ? 'true' : undefined}>
                          <td>{w.date}</td>
                          <td className="account-id">{w.id}</td>
                          <td data-field="status" data-status={w.status}>{statusWord(w.status)}</td>
                          <td className="num" data-field="amount" data-minor={w.amount}>{m(w.amount, w.currency)}</td>
                          <td className="num" data-field="fee" data-minor={w.fee}>{m(w.fee, w.feeCurrency)}</td>
                          <td>
                            <button type="button" className="button button-secondary account-detail-button" aria-label={t('account.detailOf', { id: w.id })} onClick={() => void loadDetail(w.id, false)}>
                              {t('account.detail')}
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )
            }
          </Reading>
        </section>
      )}

      {detail && (
        <section className="account-detail" aria-labelledby="account-detail-heading" data-testid="withdrawal-detail" data-withdrawal-id={detail.id}>
          <div className="account-section-header">
            <h3 id="account-detail-heading">{t('account.detailHeading', { id: detail.id })}</h3>
            <button type="button" className="button button-secondary" onClick={() => void loadDetail(detail.id, true)}>
              {t('account.refreshDetail')}
            </button>
            <button type="button" className="button button-primary" onClick={() => void checkSettlement({ withdrawalId: detail.id })}>
              {t('account.settlement.checkWithdrawal', { id: detail.id })}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setDetail(undefined)}>
              {t('account.closeDetail')}
            </button>
          </div>
          <Reading gateway="nihaopay" reading={detail.reading} language={language}>
            {(movements) =>
              movements.length === 0 ? (
                <p className="account-muted">{t('account.none')}</p>
              ) : (
                <table className="account-table" aria-label={t('account.detailTable', { id: detail.id })}>
                  <thead>
                    <tr>
                      <th scope="col">{t('account.kind')}</th>
                      <th scope="col">{t('account.transactionId')}</th>
                      <th scope="col">{t('account.refundId')}</th>
                      <th scope="col">{t('account.reference')}</th>
                      <th scope="col">{t('account.time')}</th>
                      <th scope="col" className="num">{t('account.amount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {movements.map((movement) => (
                      <tr key={`${movement.kind} ${movement.transactionId} ${movement.refundId}`} data-kind={movement.kind} data-transaction-id={movement.transactionId} data-refund-id={movement.refundId}>
                        <td className="account-kind">{t(`account.kindWord.${movement.kind}`)}</td>
                        <td className="account-id">{movement.transactionId}</td>
                        <td className="account-id">{movement.refundId}</td>
                        <td className="account-id">{movement.reference}</td>
                        <td>{dateTime(movement.time, language)}</td>
                        <td className="num" data-field="amount" data-minor={movement.amount}>{m(movement.amount, movement.currency)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    {nets(movements).map(([currency, net]) => (
                      <tr key={currency} data-net-currency={currency}>
                        <th scope="row" colSpan={5}>{t('account.net', { currency })}</th>
                        <td className="num" data-field="net" data-minor={net}>{m(net, currency)}</td>
                      </tr>
                    ))}
                  </tfoot>
                </table>
              )
            }
          </Reading>
        </section>
      )}
      {settlement && (
        <section className="account-detail account-settlement" aria-labelledby="account-settlement-heading">
          <h3 id="account-settlement-heading">
            {t('account.settlement.title')}: {'withdrawalId' in settlement.scope ? t('account.settlement.scopeWithdrawal', { id: settlement.scope.withdrawalId }) : t('account.settlement.scopeDays', settlement.scope)}
          </h3>
          <p className="account-muted">{t('account.settlement.hint')}</p>
          <Reading gateway="nihaopay" reading={settlement.reading} language={language}>
            {(result) => <SettlementFindings result={result} language={language} onClose={() => setSettlement(undefined)} />}
          </Reading>
        </section>
      )}
    </section>
  );
}
