import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/contract/result';
import { manualKinds, type ManualKind } from '../../../shared/publishing/outbox';
import { api } from '../api';
import { errorText } from '../i18n';

type Kind = 'mastodon' | 'bluesky' | 'manual';

/**
 * Connecting an account. Tokens and app passwords are typed once, sent to main (which checks
 * them with the server and keeps them encrypted) and cleared from the form: the renderer
 * never gets them back.
 */
export function AccountForms({ roomId, disabled }: { roomId: string; disabled: boolean }) {
  const { t } = useTranslation('publishing');
  const [kind, setKind] = useState<Kind>('mastodon');
  const [instance, setInstance] = useState('');
  const [secret, setSecret] = useState('');
  const [handle, setHandle] = useState('');
  const [service, setService] = useState('');
  const [manualKind, setManualKind] = useState<ManualKind>('x');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  // The answer itself, said at display time: a language switch re-says it in the new language.
  const [answer, setAnswer] = useState<Result<{ label: string }> | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    let result: Result<{ label: string }>;
    if (kind === 'mastodon') {
      result = await api.accounts.addMastodon({ roomId, instance: withScheme(instance), accessToken: secret });
    } else if (kind === 'bluesky') {
      result = await api.accounts.addBluesky({
        roomId,
        identifier: handle.replace(/^@/, ''),
        appPassword: secret,
        ...(service.trim() ? { service: withScheme(service) } : {}),
      });
    } else {
      result = await api.accounts.addManual({
        roomId,
        kind: manualKind,
        label: label || t(`manualKinds.${manualKind}`),
      });
    }
    // The secret leaves the form whatever the answer: it is typed again rather than kept here.
    setSecret('');
    setBusy(false);
    setAnswer(result);
    if (result.ok) {
      setInstance('');
      setHandle('');
      setService('');
      setLabel('');
    }
  };

  return (
    <form className="account-form" aria-label={t('accounts.add')} onSubmit={(event) => void submit(event)}>
      <label>
        {t('accounts.kind')}
        <select value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
          <option value="mastodon">{t('networks.mastodon')}</option>
          <option value="bluesky">{t('networks.bluesky')}</option>
          <option value="manual">{t('networks.manual')}</option>
        </select>
      </label>
      {kind === 'mastodon' && (
        <>
          <label>
            {t('accounts.instance')}
            <input
              value={instance}
              required
              placeholder="mastodon.social"
              onChange={(e) => setInstance(e.target.value)}
            />
          </label>
          <label>
            {t('accounts.token')}
            <input
              type="password"
              autoComplete="off"
              required
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
            />
          </label>
          <p className="muted">{t('accounts.tokenHelp')}</p>
        </>
      )}
      {kind === 'bluesky' && (
        <>
          <label>
            {t('accounts.handle')}
            <input
              value={handle}
              required
              placeholder="brand.bsky.social"
              onChange={(e) => setHandle(e.target.value)}
            />
          </label>
          <label>
            {t('accounts.appPassword')}
            <input
              type="password"
              autoComplete="off"
              required
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
            />
          </label>
          <label>
            {t('accounts.pds')}
            <input value={service} placeholder="https://bsky.social" onChange={(e) => setService(e.target.value)} />
          </label>
          <p className="muted">{t('accounts.appPasswordHelp')}</p>
        </>
      )}
      {kind === 'manual' && (
        <>
          <label>
            {t('accounts.network')}
            <select value={manualKind} onChange={(event) => setManualKind(event.target.value as ManualKind)}>
              {manualKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`manualKinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('accounts.label')}
            <input value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} />
          </label>
        </>
      )}
      <button type="submit" className="primary" disabled={disabled || busy}>
        {busy ? t('accounts.checking') : t('accounts.connect')}
      </button>
      {answer && (
        <p role={answer.ok ? 'status' : 'alert'} className={answer.ok ? '' : 'error'}>
          {answer.ok ? t('accounts.added', { label: answer.value.label }) : errorText(answer)}
        </p>
      )}
    </form>
  );
}

/** "mastodon.social" is what people type; the contract wants an address. */
function withScheme(value: string): string {
  const trimmed = value.trim();
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}
