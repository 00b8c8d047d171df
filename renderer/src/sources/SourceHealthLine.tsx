import { useTranslation } from 'react-i18next';
import { settingsRead, type HealthNotice, type Source } from '../../../shared/sources/source';
import { problemText } from './problem-text';
import { formatRelative } from './relative-time';

type Translate = ReturnType<typeof useTranslation<'sources'>>['t'];

/** One sentence per thing the last readable poll had to work around (recovered XML, a guessed encoding). */
export function noticeSentences(notices: readonly HealthNotice[], t: Translate): string[] {
  return notices.flatMap((notice): string[] => {
    const { params } = notice;
    switch (notice.key) {
      case 'recoveredMalformed': {
        const kept = t('notices.recoveredMalformed', { count: Number(params.count ?? 0), line: params.line ?? '?' });
        const cut = Number(params.cut ?? 0);
        return cut > 0 ? [kept, t('notices.recoveredCut', { count: cut })] : [kept];
      }
      case 'encodingGuessed':
        return [t('notices.encodingGuessed', { encoding: String(params.encoding ?? '?') })];
      case 'encodingMisdeclared':
        return [
          t('notices.encodingMisdeclared', {
            encoding: String(params.encoding ?? '?'),
            declared: String(params.declared ?? '?'),
          }),
        ];
      case 'entriesMissingFields':
        return [t('notices.entriesMissingFields', { count: Number(params.count ?? 0) })];
    }
  });
}

/**
 * ok / error / waiting for network at a glance, with the last fetch, the count and the next
 * poll. `now` comes from the panel: one clock for every row, not one timer per source.
 */
export function SourceHealthLine({ source, now }: { source: Source; now: number }) {
  const { t, i18n } = useTranslation('sources');
  const { health } = source;
  // Unreadable settings cannot be resumed: "Paused" would hide what to do about them.
  const state = source.paused && settingsRead(source) ? 'paused' : health.state;
  const problem = problemText(health, t, i18n.language);
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
      {health.notices.length > 0 && state !== 'paused' && (
        <p className="source-notice muted" role="note" aria-label={t('notices.label', { name: source.label })}>
          {noticeSentences(health.notices, t).join(' · ')}
        </p>
      )}
      {problem && state !== 'ok' && (
        <p className="source-error" role="note" aria-label={t('health.errorLabel', { name: source.label })}>
          {problem}
        </p>
      )}
    </div>
  );
}
