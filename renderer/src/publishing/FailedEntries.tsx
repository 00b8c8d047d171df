import { useTranslation } from 'react-i18next';
import type { OutboxView } from '../../../shared/contract/calls/publishing';
import { useNow } from '../toolkit/use-now';
import { EntryStatus } from './EntryStatus';

/** Failures are loud: every failed entry of the room, with its reason and a safe retry. */
export function FailedEntries({ outbox }: { outbox: OutboxView }) {
  const { t } = useTranslation('publishing');
  const now = useNow(1000);
  const failed = outbox.entries.filter((e) => e.state === 'failed');
  return (
    <section className="failed-entries" aria-label={t('failed.label')}>
      <h3>
        {t('failed.label')} <span className="muted">{failed.length}</span>
      </h3>
      {failed.length === 0 ? (
        <p className="muted">{t('failed.none')}</p>
      ) : (
        <ul className="entries">
          {failed.map((entry) => (
            <EntryStatus
              key={entry.id}
              entry={entry}
              now={now}
              frozen={outbox.freeze !== null}
              triggerAt={entry.createdAt}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
