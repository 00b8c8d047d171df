import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Field } from '../toolkit/Field';
import { errorText } from '../i18n';
import { formatTime } from '../../../shared/moments/describe-moment';
import { useCues } from './use-moments';

/** The room's scheduled cues: add one (label and local time), remove one. */
export function RunOfShow({ roomId }: { roomId: string }) {
  const { t, i18n } = useTranslation('moments');
  const { cues, error: cuesError } = useCues(roomId);
  const [label, setLabel] = useState('');
  const [when, setWhen] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-label={t('cues.title')}>
      <h3>{t('cues.title')}</h3>
      {cuesError && <p role="alert">{errorText(cuesError)}</p>}
      <ul aria-label={t('cues.list')}>
        {cues.map((cue) => (
          <li key={cue.id} aria-label={cue.label}>
            <span className="muted">{formatTime(cue.at, i18n.language)}</span> {cue.label}
            <button
              type="button"
              aria-label={t('cues.remove', { label: cue.label })}
              onClick={() => void api.cues.remove({ id: cue.id })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="cue-form"
        aria-label={t('cues.add')}
        onSubmit={(event) => {
          event.preventDefault();
          const at = new Date(when).getTime();
          if (!Number.isFinite(at)) return setError(t('cues.badTime'));
          void api.cues.add({ roomId, label, at }).then((result) => {
            if (!result.ok) return setError(errorText(result));
            setLabel('');
            setError(null);
          });
        }}
      >
        <Field label={t('cues.label')}>
          <input value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} />
        </Field>
        <Field label={t('cues.time')}>
          <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
        </Field>
        <button type="submit">{t('cues.addShort')}</button>
        {error && <p role="alert">{error}</p>}
      </form>
    </section>
  );
}
