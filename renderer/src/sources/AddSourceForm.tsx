import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validationError } from '../../../shared/contract/validation-error';
import { sourceKinds, type SourceKind } from '../../../shared/domain/item';
import { SourceAddInput } from '../../../shared/sources/source';
import { api } from '../api';
import { errorText } from '../i18n';
import { Field } from '../toolkit/Field';
import { emptySourceForm, toAddInput, type SourceFormFields } from './source-form-model';

export function AddSourceForm({ roomId, onDone }: { roomId: string; onDone: () => void }) {
  const { t } = useTranslation('sources');
  const id = useId();
  const [form, setForm] = useState<SourceFormFields>(emptySourceForm);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof SourceFormFields>(key: K, value: SourceFormFields[K]) =>
    setForm((current) => ({ ...current, [key]: value }));
  const text = (key: keyof SourceFormFields, label: string, type = 'text') => (
    <Field label={label}>
      <input
        type={type}
        value={String(form[key])}
        onChange={(event) => set(key, event.target.value as never)}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
      />
    </Field>
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = toAddInput(roomId, form);
    const local = SourceAddInput.safeParse(input);
    if (!local.success) {
      setError(errorText(validationError(local.error)));
      return;
    }
    setBusy(true);
    const result = await api.sources.add(input);
    setBusy(false);
    if (!result.ok) {
      setError(errorText(result));
      return;
    }
    setForm(emptySourceForm);
    setError(null);
    onDone();
  };

  return (
    <form className="add-source" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)} noValidate>
      <h3 id={`${id}-heading`}>{t('add.heading')}</h3>
      <Field label={t('add.kind')}>
        <select value={form.kind} onChange={(event) => set('kind', event.target.value as SourceKind)}>
          {sourceKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </select>
      </Field>
      {text('label', t('add.label'))}
      {form.kind === 'feed' && text('url', t('add.url'), 'url')}
      {form.kind === 'mastodon' && (
        <>
          {text('instance', t('add.instance'), 'url')}
          {text('tag', t('add.tag'))}
          {text('credential', t('add.accessToken'), 'password')}
        </>
      )}
      {form.kind === 'bluesky' && (
        <>
          <Field label={t('add.blueskyMode')}>
            <select
              value={form.blueskyMode}
              onChange={(event) => set('blueskyMode', event.target.value as 'jetstream' | 'search')}
            >
              <option value="jetstream">{t('add.blueskyModes.jetstream')}</option>
              <option value="search">{t('add.blueskyModes.search')}</option>
            </select>
          </Field>
          {text('keywords', t('add.keywords'))}
          {text('hashtags', t('add.hashtags'))}
          {form.blueskyMode === 'search' && (
            <>
              {text('query', t('add.query'))}
              {text('handle', t('add.handle'))}
              {text('credential', t('add.appPassword'), 'password')}
            </>
          )}
        </>
      )}
      {form.kind === 'reddit' && (
        <>
          <Field label={t('add.redditMode')}>
            <select
              value={form.redditMode}
              onChange={(event) => set('redditMode', event.target.value as 'subreddit' | 'search')}
            >
              <option value="subreddit">{t('add.redditModes.subreddit')}</option>
              <option value="search">{t('add.redditModes.search')}</option>
            </select>
          </Field>
          {form.redditMode === 'subreddit' ? text('subreddit', t('add.subreddit')) : text('query', t('add.query'))}
        </>
      )}
      {form.kind === 'replay' && (
        <>
          {text('recording', t('add.recording'))}
          <Field label={t('add.speed')}>
            <select value={form.speed} onChange={(event) => set('speed', event.target.value as '1' | '10' | '60')}>
              {(['1', '10', '60'] as const).map((speed) => (
                <option key={speed} value={speed}>
                  {speed}×
                </option>
              ))}
            </select>
          </Field>
        </>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={form.allied} onChange={(event) => set('allied', event.target.checked)} />
        {t('add.allied')}
      </label>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t('add.submit')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}
