import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxView } from '../../../shared/contract/calls/publishing';
import { api } from '../api';
import { errorText } from '../i18n';

/**
 * "Stop all publishing" for the lead, with a reason (a sudden tragedy, a crisis). Lifting it
 * first lists what is waiting, each with a way to drop it, then sends the rest on confirm.
 */
export function FreezeControl({ roomId, outbox }: { roomId: string; outbox: OutboxView }) {
  const { t } = useTranslation('publishing');
  const [reason, setReason] = useState('');
  const [reviewing, setReviewing] = useState(false);
  const [dropped, setDropped] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const waiting = outbox.entries.filter((e) => e.state === 'queued' || e.state === 'unknown');

  const freeze = async () => {
    const result = await api.outbox.freeze({ roomId, reason });
    setFailure(result.ok ? null : errorText(result));
    if (result.ok) setReason('');
  };
  const unfreeze = async () => {
    const result = await api.outbox.unfreeze({ roomId, cancelIds: dropped });
    setFailure(result.ok ? null : errorText(result));
    if (result.ok) {
      setReviewing(false);
      setDropped([]);
    }
  };

  return (
    <section className="freeze-control" aria-label={t('freeze.label')}>
      <h3>{t('freeze.label')}</h3>
      {!outbox.freeze && (
        <div role="group" aria-label={t('freeze.stop')}>
          <p className="muted">{t('freeze.intro')}</p>
          <label>
            {t('freeze.reason')}
            <input value={reason} onChange={(event) => setReason(event.target.value)} />
          </label>
          <button type="button" className="danger" onClick={() => void freeze()}>
            {t('freeze.stop')}
          </button>
        </div>
      )}
      {outbox.freeze && !reviewing && (
        <button type="button" onClick={() => setReviewing(true)}>
          {t('freeze.review')}
        </button>
      )}
      {outbox.freeze && reviewing && (
        <div role="group" aria-label={t('freeze.waitingLabel')}>
          <p>{t('freeze.waiting', { count: waiting.length })}</p>
          <ul aria-label={t('freeze.waitingLabel')}>
            {waiting.map((entry) => (
              <li key={entry.id} aria-label={`${entry.channelLabel}: ${entry.body.slice(0, 60)}`}>
                <label>
                  <input
                    type="checkbox"
                    checked={dropped.includes(entry.id)}
                    disabled={entry.state !== 'queued' || entry.attempts > 0}
                    onChange={(event) =>
                      setDropped(
                        event.target.checked ? [...dropped, entry.id] : dropped.filter((id) => id !== entry.id),
                      )
                    }
                  />
                  {t('freeze.drop', { channel: entry.channelLabel })}
                </label>{' '}
                <span className="muted">{entry.body.slice(0, 80)}</span>
              </li>
            ))}
          </ul>
          <button type="button" className="primary" onClick={() => void unfreeze()}>
            {t('freeze.restart', { count: waiting.length - dropped.length })}
          </button>
          <button type="button" onClick={() => setReviewing(false)}>
            {t('common:cancel')}
          </button>
        </div>
      )}
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
    </section>
  );
}
