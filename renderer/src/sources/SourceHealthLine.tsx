import { useTranslation } from 'react-i18next';
import type { Source } from '../../../shared/sources/source';
import { useNow } from '../toolkit/use-now';
import { formatRelative } from './relative-time';

/** ok / error / waiting for network at a glance, with the last fetch, the count and the next poll. */
export function SourceHealthLine({ source }: { source: Source }) {
  const { t, i18n } = useTranslation('sources');
  const now = useNow(5000);
  const { health } = source;
  const state = source.paused ? 'paused' : health.state;
  const parts = [t('health.items', { count: health.itemsTaken })];
  if (health.lastFetchAt)
    parts.push(t('health.lastFetch', { when: formatRelative(health.lastFetchAt, now, i18n.language) }));
  if (health.nextPollAt && !source.paused) {
    parts.push(t('health.nextPoll', { when: formatRelative(health.nextPollAt, now, i18n.language) }));
  }
  return (
    <div className="source-health">
      <span
        className={`health-badge health-${state}`}
        role="status"
        aria-label={t('health.label', { name: source.label })}
      >
        {t(`states.${state}`)}
      </span>
      <span className="muted">{parts.join(' · ')}</span>
      {health.lastError && state !== 'ok' && (
        <p className="source-error" role="note" aria-label={t('health.errorLabel', { name: source.label })}>
          {health.lastError}
        </p>
      )}
    </div>
  );
}
