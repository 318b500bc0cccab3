import { useId, useState, type FormEvent } from 'react';
import { describeKeyStatus, isWeakBackend, type KeyStatus } from '../../../../shared/key-status.ts';
import { messageOf } from '../../ipc/studio.ts';
import { toast, useStudio } from '../../app/ui-store.ts';
import { keyActions, openKeysPage } from './actions.ts';

export function ApiKeySection() {
  const status = useStudio((s) => s.keyStatus);
  const setKeyStatus = useStudio((s) => s.setKeyStatus);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The box follows the click at once; main's answer then confirms or reverts it.
  const [weakChoice, setWeakChoice] = useState<boolean | null>(null);
  const [check, setCheck] = useState<{ state: 'testing' | 'ok' | 'failed'; message: string } | null>(null);
  const inputId = useId();
  const errorId = useId();

  if (!status) return <section className="settings-section skeleton" aria-busy="true" />;
  const weak = isWeakBackend(status.backend);

  const run = async (action: () => Promise<KeyStatus>, done?: string): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setKeyStatus(await action());
      if (done) toast('info', done);
      setDraft('');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const testKey = async (): Promise<void> => {
    setCheck({ state: 'testing', message: 'Asking Runware…' });
    try {
      await keyActions.test();
      setCheck({ state: 'ok', message: 'Runware accepted this key.' });
    } catch (e) {
      setCheck({ state: 'failed', message: messageOf(e) });
    }
  };

  const onSubmit = (event: FormEvent): void => {
    setCheck(null);
    event.preventDefault();
    void run(() => keyActions.set(draft), status.configured ? 'API key replaced.' : 'API key saved.');
  };

  return (
    <section className="settings-section" aria-labelledby={`${inputId}-title`}>
      <h3 className="settings-section__title" id={`${inputId}-title`}>
        Runware API key
      </h3>
      <p className="key-status" data-testid="key-status">
        {describeKeyStatus(status)}
      </p>
      {weak ? (
        <div className="banner banner--warning" role="note">
          <p>
            No system keyring is available, so Avatar Studio keeps your key for this session only rather than storing it where any program
            could read it. To keep it between sessions, install or unlock a keyring (GNOME Keyring or KWallet) and start Avatar Studio with{' '}
            <code>--password-store=gnome-libsecret</code>.
          </p>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={weakChoice ?? status.persisted}
              disabled={busy || !status.configured}
              onChange={(e) => {
                const allowed = e.target.checked;
                setWeakChoice(allowed);
                void run(() => keyActions.setWeakPersistence(allowed)).finally(() => setWeakChoice(null));
              }}
            />
            Remember the key on this computer anyway (obfuscated, not encrypted)
          </label>
        </div>
      ) : null}
      <form className="key-form" onSubmit={onSubmit}>
        <label htmlFor={inputId} className="field-label">
          {status.configured ? 'Replace with a new key' : 'Paste your key'}
        </label>
        <div className="key-form__row">
          <input
            id={inputId}
            className="input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={draft}
            placeholder="Runware API key"
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button button--primary" disabled={busy || draft.trim().length === 0}>
            {status.configured ? 'Replace key' : 'Save key'}
          </button>
        </div>
        {error ? (
          <p className="field-error" id={errorId} role="alert">
            {error}
          </p>
        ) : null}
      </form>
      <div className="key-actions">
        <button type="button" className="link-button" onClick={openKeysPage}>
          Get a key at my.runware.ai (API Keys page)
        </button>
        {status.configured ? (
          <div className="key-actions__buttons">
            <button
              type="button"
              className="button button--small"
              disabled={busy || check?.state === 'testing'}
              onClick={() => void testKey()}
            >
              Test key
            </button>
            <button
              type="button"
              className="button button--danger button--small"
              disabled={busy}
              onClick={() => {
                setCheck(null);
                void run(() => keyActions.remove(), 'API key removed.');
              }}
            >
              Remove key
            </button>
          </div>
        ) : null}
      </div>
      {check ? (
        <p className={`key-check key-check--${check.state}`} role={check.state === 'failed' ? 'alert' : 'status'} data-testid="key-check">
          {check.message}
        </p>
      ) : null}
    </section>
  );
}
