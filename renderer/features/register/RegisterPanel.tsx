import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../../shared/bridge/contract';
import type { PosErrorData } from '../../../shared/errors/posErrors';
import { REGISTER_DEFAULT_PORT } from '../../../shared/settings/registerSettings';
import { getApi } from '../../bridge/bridge';
import { errorText } from '../errors/errorText';

/** Offers the CA as a file download: a Blob URL on an <a download> (nothing inline for CSP). */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-pem-file' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Settings → Cash register (nexo Terminal API): the endpoint a register built for Adyen's
 * local integration talks to, its security key (the passphrase is write-only: main never
 * sends it back), and the CA the register must trust. Saved with the manager PIN.
 */
export function RegisterPanel({ snapshot, pin }: { snapshot: AppSnapshot; pin: string }) {
  const { t } = useTranslation();
  const api = getApi();
  const view = snapshot.settings.register ?? { enabled: false, port: REGISTER_DEFAULT_PORT, openToStoreNetwork: false, allowUnencryptedOnLoopback: false, hasKeyIdentifier: false, hasPassphrase: false };
  const [enabled, setEnabled] = useState(view.enabled);
  const [port, setPort] = useState(String(view.port));
  const [open, setOpen] = useState(view.openToStoreNetwork);
  const [unencrypted, setUnencrypted] = useState(view.allowUnencryptedOnLoopback);
  // The key is write-only, as the passphrase: empty fields keep what is stored.
  const [keyIdentifier, setKeyIdentifier] = useState('');
  const [keyVersion, setKeyVersion] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<PosErrorData>();
  const [saved, setSaved] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const portNumber = Number(port);
    const version = Number(keyVersion);
    if (!/^\d+$/.test(port.trim()) || portNumber > 65535) return setError({ code: 'SETTINGS_INVALID', params: { field: t('register.port') } });
    if (keyVersion.trim() !== '' && !/^\d+$/.test(keyVersion.trim())) return setError({ code: 'SETTINGS_INVALID', params: { field: t('register.keyVersion') } });
    const result = await api.saveRegisterSettings({
      ...(pin ? { pin } : {}),
      enabled,
      port: portNumber,
      openToStoreNetwork: open,
      allowUnencryptedOnLoopback: unencrypted,
      ...(keyIdentifier.trim() !== '' ? { keyIdentifier: keyIdentifier.trim() } : {}),
      ...(keyVersion.trim() !== '' ? { keyVersion: version } : {}),
      ...(passphrase !== '' ? { passphrase } : {}),
    });
    setError(result.ok ? undefined : result.error);
    if (result.ok) {
      setPassphrase('');
      setKeyIdentifier('');
      setKeyVersion('');
      setSaved(true);
    }
  };
  const exportCa = async () => {
    const result = await api.exportRegisterCa({});
    if (!result.ok) return setError(result.error);
    setError(undefined);
    download(result.value.pem, result.value.fileName);
  };

  return (
    <section className="store-qr-panel register-panel" aria-labelledby="register-heading">
      <h2 id="register-heading">{t('register.heading')}</h2>
      <form className="settings-form" onSubmit={(e) => void save(e)} noValidate>
        <fieldset data-testid="register-settings">
          <legend>{t('register.legend')}</legend>
          <label className="checkbox">
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
            {t('register.enabled')}
          </label>
          <label htmlFor="register-port">{t('register.port')}</label>
          <input id="register-port" inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} placeholder={String(REGISTER_DEFAULT_PORT)} />
          <p className="field-hint" data-testid="register-status">
            {view.listening ? t('register.listening', { address: view.listening.address, port: view.listening.port }) : view.problem ? t('register.problem', { problem: view.problem }) : t('register.off')}
          </p>
          <label className="checkbox">
            <input type="checkbox" checked={open} onChange={(e) => setOpen(e.target.checked)} />
            {t('register.openToStoreNetwork')}
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={unencrypted} onChange={(e) => setUnencrypted(e.target.checked)} />
            {t('register.allowUnencrypted')}
          </label>
          <label htmlFor="register-key-identifier">{t('register.keyIdentifier')}</label>
          <input id="register-key-identifier" autoComplete="off" value={keyIdentifier} onChange={(e) => setKeyIdentifier(e.target.value)} />
          <label htmlFor="register-key-version">{t('register.keyVersion')}</label>
          <input id="register-key-version" inputMode="numeric" autoComplete="off" value={keyVersion} onChange={(e) => setKeyVersion(e.target.value)} />
          <p className="field-hint">{view.hasKeyIdentifier ? t('register.keySet') : t('register.keyNotSet')}</p>
          <label htmlFor="register-passphrase">{t('register.passphrase')}</label>
          <input id="register-passphrase" type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          <p className="field-hint">{view.hasPassphrase ? t('register.passphraseSet') : t('register.passphraseNotSet')}</p>
        </fieldset>
        {error ? (
          <p className="error-text" role="alert">
            {errorText(t, error)}
          </p>
        ) : (
          <p className="ok-text" role="status">
            {saved ? t('register.saved') : ' '}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button button-primary">
            {t('register.save')}
          </button>
          <button type="button" className="button" onClick={() => void exportCa()}>
            {t('register.exportCa')}
          </button>
        </div>
      </form>
    </section>
  );
}
