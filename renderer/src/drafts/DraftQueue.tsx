import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { ContractError } from '../../../shared/contract/result';
import { draftStates, type DraftState } from '../../../shared/drafts/draft';
import { freshnessState } from '../../../shared/drafts/freshness';
import { api } from '../api';
import { useNow } from '../toolkit/use-now';
import { errorText } from '../i18n';
import { formatElapsed } from './format';
import type { OutboxView } from '../../../shared/contract/calls/publishing';
import { DraftPublication } from '../publishing/DraftPublication';
import { useOutbox } from '../publishing/use-outbox';
import { Stopwatch } from './Stopwatch';
import { unreadableNotice } from './draft-readable';

/** Groups in the order a team works them: what needs eyes first. */
const groupOrder: DraftState[] = [
  'in_review',
  'changes_requested',
  'draft',
  'approved',
  'scheduled',
  'published',
  'rejected',
  'expired',
];

function DraftCard({
  draft,
  members,
  me,
  outbox,
  now,
  onOpen,
}: {
  draft: DraftView;
  members: RoomMember[];
  me: RoomMember | null;
  outbox: OutboxView | null;
  now: number;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation('drafts');
  const freshness = freshnessState(draft, now);
  // Only drafts still on their way can run out of time; the timer in main expires them.
  const running = draft.state === 'draft' || draft.state === 'in_review' || draft.state === 'changes_requested';
  const flag = running && freshness === 'red' ? 'flagged' : running && freshness === 'expired' ? 'windowClosed' : null;
  const assignee = members.find((m) => m.id === draft.assigneeId);
  const title = draft.body.trim().slice(0, 60) || t('card.empty');
  const notice = unreadableNotice(draft);
  return (
    <li className={`draft-card freshness-${freshness}`} aria-label={title}>
      <button type="button" className="draft-open" onClick={() => onOpen(draft.id)}>
        {title}
      </button>
      <div className="draft-meta">
        <span role="timer" aria-label={t('card.age')} className={`age age-${freshness}`}>
          {formatElapsed(now - draft.stopwatch.triggerAt)}
        </span>
        {flag && <strong className="flag">{t(`card.${flag}`)}</strong>}
        <span>{assignee ? t('card.assignee', { name: assignee.name }) : t('card.unassigned')}</span>
        <span aria-label={t('card.checklist')}>
          {t('card.progress', { met: draft.progress.requiredMet, total: draft.progress.requiredTotal })}
        </span>
      </div>
      {notice && (
        <p className="error">
          <strong>{t('unreadable.badge')}</strong> {t(notice)}
        </p>
      )}
      <Stopwatch stopwatch={draft.stopwatch} />
      <DraftPublication draft={draft} outbox={outbox} me={me} now={now} />
    </li>
  );
}

export function DraftQueue(props: {
  roomId: string;
  drafts: DraftView[] | null;
  error: ContractError | null;
  me: RoomMember | null;
  members: RoomMember[];
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation('drafts');
  const now = useNow(1000);
  const [failure, setFailure] = useState<string | null>(null);
  const { drafts, me } = props;
  const { outbox } = useOutbox(props.roomId);

  const createFromScratch = async () => {
    if (!me) return;
    const result = await api.drafts.create({ roomId: props.roomId, trigger: { kind: 'scratch' } });
    if (result.ok) props.onOpen(result.value.id);
    else setFailure(errorText(result));
  };

  if (props.error) return <p role="alert">{errorText(props.error)}</p>;
  if (!drafts) return <p className="muted">{t('common:loading')}</p>;
  const grouped = new Map<DraftState, DraftView[]>(draftStates.map((state) => [state, []]));
  for (const draft of drafts) grouped.get(draft.state)?.push(draft);
  return (
    <section className="draft-queue" aria-label={t('queue.title')}>
      <button type="button" className="primary" disabled={!me} onClick={() => void createFromScratch()}>
        {t('queue.new')}
      </button>
      {failure && <p role="alert">{failure}</p>}
      {drafts.length === 0 && <p className="muted">{t('queue.empty')}</p>}
      {groupOrder.map((state) => {
        // Most urgent first: the window that closes soonest.
        const list = (grouped.get(state) ?? []).sort((a, b) => a.expiresAt - b.expiresAt);
        if (list.length === 0) return null;
        return (
          <section key={state} aria-label={t(`states.${state}`)} className="draft-group">
            <h3>
              {t(`states.${state}`)} <span className="muted">{list.length}</span>
            </h3>
            <ul>
              {list.map((draft) => (
                <DraftCard
                  key={draft.id}
                  draft={draft}
                  members={props.members}
                  me={me}
                  outbox={outbox}
                  now={now}
                  onOpen={props.onOpen}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
