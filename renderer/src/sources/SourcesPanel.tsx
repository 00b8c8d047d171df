import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Source } from '../../../shared/sources/source';
import { api } from '../api';
import { errorText } from '../i18n';
import { useNow } from '../toolkit/use-now';
import { AddSourceForm } from './AddSourceForm';
import { ReplayControls } from './ReplayControls';
import { SourceHealthLine } from './SourceHealthLine';
import { sourceActions } from './source-actions';
import { useSources } from './use-sources';
import { sourcesFilterFrom, sourcesShownAtFirst, visibleSources } from './visible-sources';
import './sources.css';

/** Memoized: a poll pushes one changed source, and only its row should draw again. */
const SourceRow = memo(function SourceRow({ source, now }: { source: Source; now: number }) {
  const { t } = useTranslation('sources');
  const [confirming, setConfirming] = useState(false);
  const name = source.label;
  const actions = sourceActions(source);
  return (
    <li className="source-row" aria-label={name}>
      <div className="source-title">
        <span className={`kind-icon kind-${source.kind}`} aria-hidden="true">
          {t(`kindIcons.${source.kind}`)}
        </span>
        <strong>{name}</strong>
        {source.allied && <span className="tag">{t('allied')}</span>}
        {source.credentialSet && <span className="tag">{t('credentialSet')}</span>}
      </div>
      <SourceHealthLine source={source} now={now} />
      {actions.replayControls && <ReplayControls sourceId={source.id} name={name} />}
      <div className="source-actions">
        {actions.pauseOrResume === 'resume' && (
          <button
            type="button"
            onClick={() => void api.sources.resume({ id: source.id })}
            aria-label={t('actions.resume', { name })}
          >
            {t('actions.resumeShort')}
          </button>
        )}
        {actions.pauseOrResume === 'pause' && (
          <button
            type="button"
            onClick={() => void api.sources.pause({ id: source.id })}
            aria-label={t('actions.pause', { name })}
          >
            {t('actions.pauseShort')}
          </button>
        )}
        {actions.pollNow && (
          <button
            type="button"
            onClick={() => void api.sources.pollNow({ id: source.id })}
            aria-label={t('actions.pollNow', { name })}
          >
            {t('actions.pollNowShort')}
          </button>
        )}
        {confirming ? (
          <>
            <button type="button" className="danger" onClick={() => void api.sources.remove({ id: source.id })}>
              {t('actions.confirmRemove', { name })}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('common:cancel')}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} aria-label={t('actions.remove', { name })}>
            {t('actions.removeShort')}
          </button>
        )}
      </div>
    </li>
  );
});

/** The room's sources with their health, and the form to add one. */
export function SourcesPanel({ roomId }: { roomId: string }) {
  const { t } = useTranslation('sources');
  const { sources, error } = useSources(roomId);
  const [adding, setAdding] = useState(false);
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(sourcesShownAtFirst);
  // One clock for every row's relative times, not a timer per source.
  const now = useNow(5000);
  const { rows, matching } = visibleSources(sources ?? [], query, shown);
  const more = Math.min(matching - rows.length, sourcesShownAtFirst);

  return (
    <aside className="sources-panel" aria-labelledby="sources-heading">
      <div className="section-header">
        <h2 id="sources-heading">{t('title')}</h2>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            {t('add.open')}
          </button>
        )}
      </div>
      {adding && <AddSourceForm roomId={roomId} onDone={() => setAdding(false)} />}
      {error && (
        <p role="alert" className="form-error">
          {errorText(error)}
        </p>
      )}
      {sources && sources.length === 0 && !adding && <p className="muted">{t('empty')}</p>}
      {sources && sources.length >= sourcesFilterFrom && (
        <input
          type="search"
          className="sources-filter"
          aria-label={t('many.filter')}
          placeholder={t('many.filter')}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setShown(sourcesShownAtFirst);
          }}
        />
      )}
      {query.trim() !== '' && matching === 0 && (
        <p className="muted">{t('many.filterNone', { query: query.trim() })}</p>
      )}
      <ul className="sources-list" aria-label={t('listLabel')}>
        {rows.map((source) => (
          <SourceRow key={source.id} source={source} now={now} />
        ))}
      </ul>
      {more > 0 && (
        <button type="button" onClick={() => setShown((current) => current + sourcesShownAtFirst)}>
          {t('many.showMore', { count: more })}
        </button>
      )}
    </aside>
  );
}
