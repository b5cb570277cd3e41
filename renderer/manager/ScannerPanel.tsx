import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../shared/bridge/contract';
import { scanForDisplay } from '../../shared/payments/paymentCodeMask';
import { KEYBOARD_LAYOUT_IDS, SCAN_TERMINATORS, type HidDeviceSummary, type ScannerSettings } from '../../shared/scanner/scanTypes';
import { getApi } from '../bridge/bridge';

const hex = (n: number) => n.toString(16).padStart(4, '0');

/** Scanner picker (device, mode, layout, terminator) and a test panel showing the last scan. */
export function ScannerPanel({ snapshot, scanner, onChange }: { snapshot: AppSnapshot; scanner: ScannerSettings; onChange: (next: ScannerSettings) => void }) {
  const { t } = useTranslation();
  const [devices, setDevices] = useState<HidDeviceSummary[]>([]);
  const refresh = () => void getApi().listScanners({}).then((result) => result.ok && setDevices(result.value));
  useEffect(refresh, []);
  const selected = scanner.vendorId !== undefined && scanner.productId !== undefined ? `${hex(scanner.vendorId)}:${hex(scanner.productId)}` : '';
  const pick = (value: string) => {
    const { vendorId: _v, productId: _p, ...rest } = scanner;
    if (value === '') return onChange(rest);
    const [vendorId, productId] = value.split(':').map((part) => parseInt(part, 16));
    onChange({ ...rest, vendorId: vendorId!, productId: productId! });
  };
  const last = snapshot.lastScan;
  return (
    <fieldset>
      <legend>{t('manager.scanner')}</legend>
      <p className="field-hint">{t('manager.wedgeNote')}</p>
      <label htmlFor="scanner-mode">{t('manager.scannerMode')}</label>
      <select id="scanner-mode" value={scanner.mode} onChange={(e) => onChange({ ...scanner, mode: e.target.value as ScannerSettings['mode'] })}>
        <option value="pos">{t('manager.scannerModes.pos')}</option>
        <option value="keyboard">{t('manager.scannerModes.keyboard')}</option>
      </select>
      <label htmlFor="scanner-device">{t('manager.scannerDevice')}</label>
      <div className="row">
        <select id="scanner-device" value={selected} onChange={(e) => pick(e.target.value)}>
          <option value="">{t('manager.scannerAnyDevice')}</option>
          {devices.map((d) => (
            <option key={`${d.vendorId}:${d.productId}`} value={`${hex(d.vendorId)}:${hex(d.productId)}`}>
              {`${d.likelyScanner ? '★ ' : ''}${d.manufacturer ?? ''} ${d.product ?? ''} (${hex(d.vendorId)}:${hex(d.productId)})`.trim()}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={refresh}>
          {t('manager.scannerRefresh')}
        </button>
      </div>
      {scanner.mode === 'keyboard' && (
        <>
          <label htmlFor="scanner-layout">{t('manager.layout')}</label>
          <select id="scanner-layout" value={scanner.layout} onChange={(e) => onChange({ ...scanner, layout: e.target.value as ScannerSettings['layout'] })}>
            {KEYBOARD_LAYOUT_IDS.map((id) => (
              <option key={id} value={id}>
                {t(`manager.layouts.${id}`)}
              </option>
            ))}
          </select>
          <label htmlFor="scanner-terminator">{t('manager.terminator')}</label>
          <select id="scanner-terminator" value={scanner.terminator} onChange={(e) => onChange({ ...scanner, terminator: e.target.value as ScannerSettings['terminator'] })}>
            {SCAN_TERMINATORS.map((id) => (
              <option key={id} value={id}>
                {t(`manager.terminators.${id}`)}
              </option>
            ))}
          </select>
        </>
      )}
      <div className="scan-test" aria-live="polite" data-testid="scan-test">
        <strong>{t('manager.testPanel')}</strong> — {t('manager.testPanelHint')}
        {last ? (
          <dl>
            <dt>{t('manager.lastScan')}</dt>
            {/* A wallet's payment code is the customer's: masked as the journal keeps it. */}
            <dd className="mono" data-field="scan-data">
              {scanForDisplay(last.data)}
            </dd>
            <dt>{t('manager.symbology')}</dt>
            <dd>{last.symbology ?? t('manager.symbologyUnknown')}</dd>
            <dt>{t('manager.source')}</dt>
            <dd data-field="scan-source">{t(`manager.sources.${last.source}`)}</dd>
          </dl>
        ) : (
          <p className="field-hint">{t('manager.noScanYet')}</p>
        )}
      </div>
    </fieldset>
  );
}
