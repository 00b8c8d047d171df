import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Column, ColumnAlert, ColumnFilters } from '../../../shared/columns/column';
import type { ContractError } from '../../../shared/contract/result';
import { api } from '../api';
import { Field } from '../toolkit/Field';
import { errorText } from '../i18n';

interface ColumnEditorProps {
  roomId: string;
  /** Absent: a new column. */
  column?: Column;
  onDone: () => void;
}

function languagesOf(text: string): string[] {
  return text
    .split(/[,\s]+/u)
    .map((language) => language.trim().toLowerCase())
    .filter((language) => language !== '');
}

interface CountFieldProps {
  label: string;
  max: number;
  value: string;
  onChange: (value: string) => void;
}

/** A whole number from 1 to `max`, kept as typed until the form is sent. */
function CountField({ label, max, value, onChange }: CountFieldProps) {
  return (
    <Field label={label}>
      <input
        type="number"
        min={1}
        max={max}
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}

/** What a new watch rule asks for: the first matching post within ten minutes. */
const firstMatch: ColumnAlert = { minPosts: 1, withinMinutes: 10 };

/**
 * Name, query, filters and watch rule of a column; the core checks the query and says what
 * is wrong.
 */
export function ColumnEditor({ roomId, column, onDone }: ColumnEditorProps) {
  const { t } = useTranslation('workspace');
  const headingId = useId();
  const [name, setName] = useState(column?.name ?? '');
  const [query, setQuery] = useState(column?.query ?? '');
  const [languages, setLanguages] = useState(column?.filters.languages?.join(', ') ?? '');
  const [minEngagement, setMinEngagement] = useState(String(column?.filters.minEngagement ?? ''));
  const [hasMedia, setHasMedia] = useState(column?.filters.hasMedia ?? false);
  const [alliedOnly, setAlliedOnly] = useState(column?.filters.alliedOnly ?? false);
  const [watch, setWatch] = useState(column?.alert != null);
  const [minPosts, setMinPosts] = useState(String((column?.alert ?? firstMatch).minPosts));
  const [withinMinutes, setWithinMinutes] = useState(String((column?.alert ?? firstMatch).withinMinutes));
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const engagement = Number.parseInt(minEngagement, 10);
    const langs = languagesOf(languages);
    const filters: ColumnFilters = {
      ...(langs.length > 0 ? { languages: langs } : {}),
      ...(Number.isFinite(engagement) && engagement > 0 ? { minEngagement: engagement } : {}),
      ...(hasMedia ? { hasMedia } : {}),
      ...(alliedOnly ? { alliedOnly } : {}),
    };
    // Out-of-range numbers are stopped by the inputs' own limits; the core checks again.
    const alert: ColumnAlert | null = watch
      ? { minPosts: Number.parseInt(minPosts, 10), withinMinutes: Number.parseInt(withinMinutes, 10) }
      : null;
    setBusy(true);
    const result = column
      ? await api.columns.update({ id: column.id, name, query, filters, alert })
      : await api.columns.create({ roomId, name, query, filters, alert });
    setBusy(false);
    if (result.ok) onDone();
    else setError(result);
  };

  const queryInvalid = error?.field === 'query';
  return (
    <form className="column-editor card" aria-labelledby={headingId} onSubmit={(event) => void submit(event)}>
      <h3 id={headingId}>{column ? t('editor.editTitle', { name: column.name }) : t('editor.newTitle')}</h3>
      <label>
        <span>{t('editor.name')}</span>
        <input value={name} onChange={(event) => setName(event.target.value)} maxLength={80} required autoFocus />
      </label>
      <label>
        <span>{t('editor.query')}</span>
        <input
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder={t('editor.queryHint')}
          aria-invalid={queryInvalid}
          maxLength={1000}
        />
      </label>
      <div className="editor-row">
        <label>
          <span>{t('editor.languages')}</span>
          <input
            value={languages}
            onChange={(event) => setLanguages(event.target.value)}
            placeholder={t('editor.languagesHint')}
          />
        </label>
        <label>
          <span>{t('editor.minEngagement')}</span>
          <input
            type="number"
            min={0}
            value={minEngagement}
            onChange={(event) => setMinEngagement(event.target.value)}
          />
        </label>
      </div>
      <div className="editor-row">
        <label className="checkbox">
          <input type="checkbox" checked={hasMedia} onChange={(event) => setHasMedia(event.target.checked)} />
          {t('editor.hasMedia')}
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={alliedOnly} onChange={(event) => setAlliedOnly(event.target.checked)} />
          {t('editor.alliedOnly')}
        </label>
      </div>
      <fieldset className="watch-rule">
        <legend>{t('editor.watchLegend')}</legend>
        <label className="checkbox">
          <input type="checkbox" checked={watch} onChange={(event) => setWatch(event.target.checked)} />
          {t('editor.watch')}
        </label>
        <p className="muted">{t('editor.watchHint')}</p>
        {watch && (
          <div className="editor-row">
            <CountField label={t('editor.watchMinPosts')} max={1000} value={minPosts} onChange={setMinPosts} />
            <CountField
              label={t('editor.watchWithinMinutes')}
              max={60}
              value={withinMinutes}
              onChange={setWithinMinutes}
            />
          </div>
        )}
      </fieldset>
      {error && (
        <p role="alert" className="form-error">
          {errorText(error)}
        </p>
      )}
      <div className="editor-row">
        <button type="submit" className="primary" disabled={busy}>
          {column ? t('editor.save') : t('editor.create')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}
