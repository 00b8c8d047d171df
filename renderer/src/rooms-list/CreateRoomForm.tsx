import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validationError } from '../../../shared/contract/validation-error';
import { isKnownTimeZone, RoomCreateInput, type RoomLanguage } from '../../../shared/rooms/room';
import { formatLocalInput, parseLocalInput } from '../../../shared/time/zoned-time';
import { api } from '../api';
import { errorText } from '../i18n';
import { roomHref } from '../toolkit/use-hash-route';

const hour = 3_600_000;

function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Next full hour, for a form that is ready to submit once named. */
function nextHour(now: number): number {
  return Math.ceil(now / hour) * hour;
}

interface FieldError {
  field: string | undefined;
  text: string;
}

export function CreateRoomForm() {
  const { t, i18n } = useTranslation('rooms');
  const formId = useId();
  const timeZones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const [timeZone, setTimeZone] = useState(defaultTimeZone);
  const [name, setName] = useState('');
  const [startsAt, setStartsAt] = useState(() => formatLocalInput(nextHour(Date.now()), defaultTimeZone()));
  const [endsAt, setEndsAt] = useState(() => formatLocalInput(nextHour(Date.now()) + 3 * hour, defaultTimeZone()));
  const [language, setLanguage] = useState<RoomLanguage>(i18n.language === 'fr' ? 'fr' : 'en');
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // An unknown zone is reported by the schema below; read the times as UTC meanwhile.
    const zone = isKnownTimeZone(timeZone) ? timeZone : 'UTC';
    const input = {
      name,
      startsAt: parseLocalInput(startsAt, zone) ?? Number.NaN,
      endsAt: parseLocalInput(endsAt, zone) ?? Number.NaN,
      timeZone,
      language,
    };
    // Same schema as main: the person hears about a mistake before anything is sent.
    const local = RoomCreateInput.safeParse(input);
    if (!local.success) {
      const problem = validationError(local.error);
      setError({ field: problem.field, text: errorText(problem) });
      return;
    }
    setBusy(true);
    const result = await api.rooms.create(input);
    setBusy(false);
    if (!result.ok) {
      setError({ field: result.field, text: errorText(result) });
      return;
    }
    setError(null);
    setName('');
    window.location.hash = roomHref(result.value.id);
  };

  const describedBy = (field: string) => (error?.field === field ? `${formId}-error` : undefined);

  return (
    <form
      className="card create-room"
      aria-labelledby={`${formId}-heading`}
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h2 id={`${formId}-heading`}>{t('create.heading')}</h2>
      <label>
        <span>{t('create.name')}</span>
        <input
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder={t('create.namePlaceholder')}
          aria-invalid={error?.field === 'name'}
          aria-describedby={describedBy('name')}
          autoComplete="off"
        />
      </label>
      <div className="row">
        <label>
          <span>{t('create.startsAt')}</span>
          <input
            type="datetime-local"
            value={startsAt}
            onChange={(event) => setStartsAt(event.target.value)}
            aria-invalid={error?.field === 'startsAt'}
            aria-describedby={describedBy('startsAt')}
          />
        </label>
        <label>
          <span>{t('create.endsAt')}</span>
          <input
            type="datetime-local"
            value={endsAt}
            onChange={(event) => setEndsAt(event.target.value)}
            aria-invalid={error?.field === 'endsAt'}
            aria-describedby={describedBy('endsAt')}
          />
        </label>
      </div>
      <div className="row">
        <label>
          <span>{t('create.timeZone')}</span>
          <input
            list={`${formId}-zones`}
            value={timeZone}
            onChange={(event) => setTimeZone(event.target.value)}
            aria-invalid={error?.field === 'timeZone'}
            aria-describedby={describedBy('timeZone')}
          />
          <datalist id={`${formId}-zones`}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </label>
        <label>
          <span>{t('create.language')}</span>
          <select value={language} onChange={(event) => setLanguage(event.target.value as RoomLanguage)}>
            <option value="fr">{t('common:languages.fr')}</option>
            <option value="en">{t('common:languages.en')}</option>
          </select>
        </label>
      </div>
      {error && (
        <p id={`${formId}-error`} role="alert" className="form-error">
          {error.text}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('create.submit')}
      </button>
    </form>
  );
}
