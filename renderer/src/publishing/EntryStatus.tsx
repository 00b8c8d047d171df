import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/contract/result';
import type { EntryView } from '../../../shared/publishing/outbox';
import { api } from '../api';
import { errorText } from '../i18n';
import { entryPhase, secondsLeft } from './entry-phase';
import { failurePhrase } from './failure-words';
import { ManualPost } from './ManualPost';

/**
 * One channel of a draft: where its entry stands, in words, with the one or two things a
 * person can do about it right there (cancel in the undo window, retry a failure, send a
 * stale one anyway, post by hand, confirm a manual deletion).
 */
export function EntryStatus(props: { entry: EntryView; now: number; frozen: boolean; triggerAt: number }) {
  const { t, i18n } = useTranslation('publishing');
  const { entry, now } = props;
  const [failure, setFailure] = useState<string | null>(null);
  const phase = entryPhase(entry, now, props.frozen);
  const clock = (at: number | null) =>
    at === null ? '' : new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(at);
  const run = async (call: Promise<Result<unknown>>) => {
    const result = await call;
    setFailure(result.ok ? null : errorText(result));
  };

  const sentence = (() => {
    switch (phase) {
      case 'held':
        return t('status.held', { seconds: secondsLeft(entry.notBefore, now) });
      case 'offline':
      case 'rate_limited':
        return t(`status.${phase}`, { time: clock(entry.waitUntil) });
      case 'stale':
        return t('status.stale', { minutes: Math.max(1, Math.round((now - props.triggerAt) / 60_000)) });
      case 'published':
        return t('status.published', { time: clock(entry.publishedAt) });
      case 'failed':
        return t(
          `failure.${entry.failureCode === 'rejected' || entry.failureCode === 'reconnect' || entry.failureCode === 'unknown' ? entry.failureCode : 'other'}`,
          {
            reason: failurePhrase(entry, i18n.language),
          },
        );
      default:
        return t(`status.${phase}`);
    }
  })();
  const cancellable = entry.state === 'queued' && entry.attempts === 0 && phase !== 'manual';

  return (
    <li className={`entry entry-${phase}`} aria-label={entry.channelLabel}>
      <span className="entry-channel">{entry.channelLabel}</span>{' '}
      <span
        role={phase === 'held' ? 'timer' : 'status'}
        aria-label={t('status.label', { channel: entry.channelLabel })}
      >
        {sentence}
      </span>
      {entry.state === 'retracting' && (entry.failureProblem || entry.failureReason) && (
        <small className="muted"> {failurePhrase(entry, i18n.language)}</small>
      )}
      <span className="entry-actions">
        {cancellable && (
          <button type="button" onClick={() => void run(api.outbox.cancel({ id: entry.id }))}>
            {t('actions.cancel')}
          </button>
        )}
        {phase === 'stale' && (
          <button type="button" className="primary" onClick={() => void run(api.outbox.confirmStale({ id: entry.id }))}>
            {t('actions.sendAnyway')}
          </button>
        )}
        {phase === 'failed' && entry.retryable && (
          <button type="button" className="primary" onClick={() => void run(api.outbox.retry({ id: entry.id }))}>
            {t('actions.retry')}
          </button>
        )}
        {entry.remoteUrl && (phase === 'published' || phase === 'retracting_manual') && (
          // Opened by the shell in the system browser (a new window is never opened in the app).
          <a href={entry.remoteUrl} target="_blank" rel="noopener noreferrer">
            {t('actions.openPost')}
          </a>
        )}
        {phase === 'retracting_manual' && (
          <button type="button" onClick={() => void run(api.outbox.confirmRetracted({ id: entry.id }))}>
            {t('actions.deletedByHand')}
          </button>
        )}
      </span>
      {phase === 'manual' && <ManualPost entry={entry} onResult={(message) => setFailure(message)} />}
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
    </li>
  );
}
