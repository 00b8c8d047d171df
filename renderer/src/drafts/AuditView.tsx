import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/contract/calls/audit';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { api } from '../api';
import { errorText, sayCodeWords } from '../i18n';
import { refetchOn, type LiveQuery } from '../toolkit/live-query/live-query';
import { useLiveQuery } from '../toolkit/live-query/use-live-query';
import { formatClock, readableParams } from './format';

const types = [
  'created',
  'edited',
  'submitted',
  'changes_requested',
  'approval_recorded',
  'approved',
  'rejected',
  'published',
  'scheduled',
  'unscheduled',
  'extended',
  'expired',
  'reopened',
  'withdrawn',
  'checklist_overridden',
  'checklist_answered',
  'commented',
  'assigned',
  'from_bank',
  'bank_added',
  'bank_linked',
  'member_added',
  'member_removed',
  'policy_updated',
  'playbook_updated',
  'checklist_updated',
] as const;

interface AuditFilter {
  roomId: string;
  type: string;
  doneBy: string;
}

const noEntries: AuditEntry[] = [];
const inRoom = (change: { roomId: string }, filter: AuditFilter) => change.roomId === filter.roomId;
const roomAudit: LiveQuery<AuditFilter, AuditEntry[]> = {
  load: ({ roomId, type, doneBy }) =>
    api.audit.list({ roomId, ...(type ? { type } : {}), ...(doneBy ? { doneBy } : {}) }),
  // Every draft and team change writes an audit line.
  refetchOn: [refetchOn('drafts.changed', inRoom), refetchOn('team.changed', inRoom)],
};

/** The room's append-only audit trail, newest first, filtered by kind of event and by member. */
export function AuditView({ roomId, members }: { roomId: string; members: RoomMember[] }) {
  const { t, i18n } = useTranslation('drafts');
  const [type, setType] = useState('');
  const [doneBy, setDoneBy] = useState('');
  const filter = useMemo(() => ({ roomId, type, doneBy }), [roomId, type, doneBy]);
  const { value: entries, error } = useLiveQuery(roomAudit, filter, noEntries);

  return (
    <section className="audit-view" aria-label={t('audit.title')}>
      <div className="row">
        <label>
          {t('audit.type')}
          <select value={type} onChange={(event) => setType(event.target.value)}>
            <option value="">{t('audit.all')}</option>
            {types.map((name) => (
              <option key={name} value={name}>
                {t(`audit.types.${name}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.member')}
          <select value={doneBy} onChange={(event) => setDoneBy(event.target.value)}>
            <option value="">{t('audit.everyone')}</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && <p role="alert">{errorText(error)}</p>}
      <ol aria-label={t('audit.entries')}>
        {entries.map((entry) => {
          const key = entry.messageKey.replace(/^drafts\./, '');
          const answerWord =
            entry.type === 'checklist_answered'
              ? (value: string) => (i18n.exists(`drafts:answers.${value}`) ? t(`answers.${value}`) : value)
              : undefined;
          // Roles and approval slots are stored by their codes ("writer", "brand"): said in the reader's language.
          const params = sayCodeWords(readableParams(entry.params, i18n.language, answerWord));
          return (
            <li key={entry.id}>
              <span className="muted">{formatClock(entry.at, i18n.language)}</span>{' '}
              {i18n.exists(`drafts:${key}`) ? t(key, params) : entry.message}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
