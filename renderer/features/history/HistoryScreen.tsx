import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { paymentMethodName } from '../payments/paymentMethodName';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../../shared/bridge/contract';
import type { PosErrorData } from '../../../shared/errors/posErrors';
import { HISTORY_GATEWAYS, HISTORY_KINDS, HISTORY_METHODS, HISTORY_STATUSES, historyRowLabel, type HistoryCursor, type HistoryQuery, type HistoryRow } from '../../../shared/history/historyTypes';
import { isCurrencyCode } from '../../../shared/money/currencies';
import { VENDORS } from '../../../shared/payments/vendors';
import { getApi } from '../../bridge/bridge';
import { errorText } from '../errors/errorText';
import { dateTime, money } from '../money/localeMoney';
import { EMPTY_FILTERS, historyQueryOf, type HistoryFilterError, type HistoryFilterForm } from './historyFilters';
import { MiddleEllipsis } from './MiddleEllipsis';
import { VirtualList } from './VirtualList';
import './historyColumns.css';

const ROW_HEIGHT = 44;

/** Every sale and refund in the journal, newest first, filtered and searched; pages load as the list scrolls. */
export function HistoryScreen({ snapshot, onOpen, initialSearch }: { snapshot: AppSnapshot; onOpen: (reference: string) => void; initialSearch?: string }) {
  const { t } = useTranslation();
  const { language, currency } = snapshot.settings;
  const [form, setForm] = useState<HistoryFilterForm>({ ...EMPTY_FILTERS, search: initialSearch ?? '' });
  const [query, setQuery] = useState<HistoryQuery>(() => (initialSearch ? { search: initialSearch } : {}));
  const [rows, setRows] = useState<HistoryRow[]>([]);
  const [next, setNext] = useState<HistoryCursor | undefined>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<PosErrorData>();
  const [filterError, setFilterError] = useState<HistoryFilterError>();
  // A page that arrives after the filters changed belongs to the old list.
  const generation = useRef(0);

  const load = useCallback(async (base: HistoryQuery, after: HistoryCursor | undefined, gen: number) => {
    setLoading(true);
    const result = await getApi().getHistory({ ...base, ...(after ? { after } : {}) });
    if (gen !== generation.current) return;
    setLoading(false);
    if (!result.ok) return setError(result.error);
    setRows((current) => (after ? [...current, ...result.value.rows] : result.value.rows));
    setNext(result.value.next);
  }, []);

  useEffect(() => {
    generation.current += 1;
    setRows([]);
    setNext(undefined);
    void load(query, undefined, generation.current);
  }, [query, load]);

  const apply = (event?: FormEvent, nextForm = form) => {
    event?.preventDefault();
    const parsed = historyQueryOf(nextForm, currency);
    if (!parsed.ok) return setFilterError({ error: parsed.error, field: parsed.field } as HistoryFilterError);
    setFilterError(undefined);
    setError(undefined);
    setQuery(parsed.query);
  };
  const set = <K extends keyof HistoryFilterForm>(key: K, value: HistoryFilterForm[K]) => setForm((current) => ({ ...current, [key]: value }));
  // The filter an error is about is marked and described where it is, not only above the list.
  const invalid = (field: keyof HistoryFilterForm) =>
    filterError?.field === field ? { 'aria-invalid': true as const, 'aria-describedby': 'history-filter-error' } : {};
  const filterErrorText = filterError ? (filterError.error === 'dateOrder' ? t('history.dateOrder') : t('history.invalidAmount')) : undefined;

  const amountText = (row: HistoryRow) => (isCurrencyCode(row.currency) ? money(row.kind === 'refund' ? -row.amount : row.amount, row.currency, language) : String(row.amount));

  return (
    <section className="history" aria-labelledby="history-heading">
      <h2 id="history-heading" className="visually-hidden">
        {t('history.title')}
      </h2>
      <form className="history-filters" onSubmit={apply}>
        <label>
          {t('history.search')}
          <input name="search" autoComplete="off" spellCheck={false} value={form.search} onChange={(e) => set('search', e.target.value)} />
        </label>
        <label>
          {t('history.from')}
          <input type="date" name="from" value={form.from} onChange={(e) => set('from', e.target.value)} {...invalid('from')} />
        </label>
        <label>
          {t('history.to')}
          <input type="date" name="to" value={form.to} onChange={(e) => set('to', e.target.value)} {...invalid('to')} />
        </label>
        <label>
          {t('history.vendor')}
          <select name="vendor" value={form.vendor} onChange={(e) => set('vendor', e.target.value as HistoryFilterForm['vendor'])}>
            <option value="">{t('history.any')}</option>
            {VENDORS.map((vendor) => (
              <option key={vendor} value={vendor}>
                {t(`vendor.${vendor}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('gatewaysBackOffice.gateway')}
          <select name="gateway" value={form.gateway} onChange={(e) => set('gateway', e.target.value as HistoryFilterForm['gateway'])}>
            <option value="">{t('gatewaysBackOffice.all')}</option>
            {HISTORY_GATEWAYS.map((gateway) => (
              <option key={gateway} value={gateway}>
                {t(`gatewaysBackOffice.gateways.${gateway}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('gatewaysBackOffice.method')}
          <select name="method" value={form.method} onChange={(e) => set('method', e.target.value as HistoryFilterForm['method'])}>
            <option value="">{t('gatewaysBackOffice.all')}</option>
            {HISTORY_METHODS.map((method) => (
              <option key={method} value={method}>
                {t(`gatewaysBackOffice.methods.${method}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('history.kind')}
          <select name="kind" value={form.kind} onChange={(e) => set('kind', e.target.value as HistoryFilterForm['kind'])}>
            <option value="">{t('history.any')}</option>
            {HISTORY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`history.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('history.status')}
          <select name="status" value={form.status} onChange={(e) => set('status', e.target.value as HistoryFilterForm['status'])}>
            <option value="">{t('history.any')}</option>
            {HISTORY_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`history.statuses.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('history.minAmount')}
          <input name="minAmount" inputMode="decimal" value={form.minAmount} onChange={(e) => set('minAmount', e.target.value)} {...invalid('minAmount')} />
        </label>
        <label>
          {t('history.maxAmount')}
          <input name="maxAmount" inputMode="decimal" value={form.maxAmount} onChange={(e) => set('maxAmount', e.target.value)} {...invalid('maxAmount')} />
        </label>
        <div className="history-filter-actions">
          <button type="submit" className="button button-primary">
            {t('history.searchButton')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setForm(EMPTY_FILTERS);
              apply(undefined, EMPTY_FILTERS);
            }}
          >
            {t('history.clear')}
          </button>
        </div>
      </form>
      <p className="error-text" role="alert" id="history-filter-error" data-testid="history-filter-error" data-field={filterError?.field}>
        {filterErrorText ?? (error ? errorText(t, error) : ' ')}
      </p>
      <div className="history-table" data-testid="history-list">
        <div className="history-row history-header" aria-hidden="true">
          <span>{t('history.columns.time')}</span>
          <span>{t('history.columns.kind')}</span>
          <span>{t('history.columns.vendor')}</span>
          <span className="stack">
            <span>{t('gatewaysBackOffice.gateway')}</span>
            <span>{t('gatewaysBackOffice.method')}</span>
          </span>
          <span className="num">{t('history.columns.amount')}</span>
          <span>{t('history.columns.status')}</span>
          <span className="stack">
            <span>{t('history.columns.transactionId')}</span>
            <span>{t('history.columns.reference')}</span>
          </span>
        </div>
        {rows.length === 0 && !loading ? (
          <p className="history-empty">{t('history.empty')}</p>
        ) : (
          <VirtualList
            label={t('history.title')}
            items={rows}
            rowHeight={ROW_HEIGHT}
            itemKey={(row) => row.reference}
            onEndReached={() => {
              if (next && !loading) void load(query, next, generation.current);
            }}
            renderRow={(row) => (
              <button type="button" className={`history-row state-${row.state} kind-${row.kind}`} data-reference={row.reference} onClick={() => onOpen(row.reference)}>
                <span className="time">{dateTime(row.createdAt, language)}</span>
                <span className="stack">
                  <span>{t(`history.kinds.${row.kind}`)}</span>
                  {row.training && (
                    <span>
                      <em className="tag-training">{t('history.training')}</em>
                    </span>
                  )}
                </span>
                <span>{paymentMethodName(t, row) ?? '—'}</span>
                <span className="stack">
                  <span data-field="gateway">{t(`gatewaysBackOffice.gateways.${row.gateway}`, { defaultValue: row.gateway })}</span>
                  <span data-field="method">{t(`gatewaysBackOffice.methods.${row.method}`, { defaultValue: row.method })}</span>
                </span>
                <span className="num">{amountText(row)}</span>
                <span className="state" data-field="state" data-label={historyRowLabel(row)}>
                  {t(`history.states.${historyRowLabel(row)}`)}
                </span>
                <span className="stack ids">
                  {row.transactionId ? <MiddleEllipsis value={row.transactionId} field="transaction-id" /> : <span>—</span>}
                  <MiddleEllipsis value={row.reference} field="reference" />
                </span>
              </button>
            )}
          />
        )}
      </div>
      <p className="history-count" role="status">
        {loading ? t('history.loading') : next ? t('history.more', { count: rows.length }) : t('history.shown', { count: rows.length })}
      </p>
    </section>
  );
}
