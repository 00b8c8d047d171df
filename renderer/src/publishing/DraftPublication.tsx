import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxView } from '../../../shared/contract/calls/publishing';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { publicationStatus } from '../../../shared/publishing/outbox';
import { api } from '../api';
import { errorText } from '../i18n';
import { EntryStatus } from './EntryStatus';
import { entriesOf } from './use-outbox';
import './publishing.css';

/**
 * How a draft's publication stands, channel by channel, on its card and in its editor:
 * "partly published" says itself, and a lead can retract what is out ("delete everywhere").
 */
export function DraftPublication(props: {
  draft: { id: string; stopwatch: { triggerAt: number } };
  outbox: OutboxView | null;
  me: RoomMember | null;
  now: number;
}) {
  const { t } = useTranslation('publishing');
  const entries = entriesOf(props.outbox, props.draft.id);
  const [retracting, setRetracting] = useState(false);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  if (entries.length === 0) return null;
  const status = publicationStatus(entries);
  const anyPublished = entries.some((e) => e.state === 'published');
  const frozen = props.outbox?.freeze !== null && props.outbox?.freeze !== undefined;

  const retract = async () => {
    const result = await api.outbox.retract({ draftId: props.draft.id, reason });
    setFailure(result.ok ? null : errorText(result));
    if (result.ok) setRetracting(false);
  };

  return (
    <section className="draft-publication" aria-label={t('publication.label')}>
      {status !== 'none' && (
        <strong role="status" aria-label={t('publication.overall')} className={`publication-${status}`}>
          {t(`publication.${status}`)}
        </strong>
      )}
      <ul className="entries" aria-label={t('publication.channels')}>
        {entries.map((entry) => (
          <EntryStatus
            key={entry.id}
            entry={entry}
            now={props.now}
            frozen={frozen}
            triggerAt={props.draft.stopwatch.triggerAt}
          />
        ))}
      </ul>
      {anyPublished && props.me?.role === 'lead' && !retracting && (
        <button type="button" onClick={() => setRetracting(true)}>
          {t('retract.open')}
        </button>
      )}
      {retracting && (
        <div className="retract" role="group" aria-label={t('retract.label')}>
          <p>{t('retract.intro')}</p>
          <label>
            {t('retract.reason')}
            <input value={reason} onChange={(event) => setReason(event.target.value)} />
          </label>
          <button type="button" className="danger" onClick={() => void retract()}>
            {t('retract.confirm')}
          </button>
          <button type="button" onClick={() => setRetracting(false)}>
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
