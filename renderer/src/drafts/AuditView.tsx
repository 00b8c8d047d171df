import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, RoomMember } from '../../../shared/contract/calls/drafts';
import { api } from '../api';
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

/** The room's append-only audit trail, newest first, filtered by kind of event and by member. */
export function AuditView({ roomId, members }: { roomId: string; members: RoomMember[] }) {
  const { t, i18n } = useTranslation('drafts');
  const [type, setType] = useState('');
  const [actorId, setActorId] = useState('');
  const [entries, setEntries] = useState<AuditEntry[]>([]);

  useEffect(() => {
    const load = () =>
      void api.audit
        .list({ roomId, ...(type ? { type } : {}), ...(actorId ? { actorId } : {}) })
        .then((r) => r.ok && setEntries(r.value));
    load();
    const offDrafts = api.on('drafts.changed', (c) => c.roomId === roomId && load());
    const offTeam = api.on('team.changed', (c) => c.roomId === roomId && load());
    return () => {
      offDrafts();
      offTeam();
    };
  }, [roomId, type, actorId]);

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
          <select value={actorId} onChange={(event) => setActorId(event.target.value)}>
            <option value="">{t('audit.everyone')}</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ol aria-label={t('audit.entries')}>
        {entries.map((entry) => {
          const key = entry.messageKey.replace(/^drafts\./, '');
          return (
            <li key={entry.id}>
              <span className="muted">{formatClock(entry.at, i18n.language)}</span>{' '}
              {i18n.exists(`drafts:${key}`) ? t(key, readableParams(entry.params, i18n.language)) : entry.message}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
