import { useEffect, useMemo, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { ChecklistTemplate } from '../../../shared/drafts/checklist';
import { openQuestions, withRoomAnswers } from '../../../shared/drafts/checklist-split';
import { api } from '../api';
import { errorText } from '../i18n';
import { refetchOnRoom, type LiveQuery } from '../toolkit/live-query/live-query';
import { useLiveQuery } from '../toolkit/live-query/use-live-query';
import { isPlainKey } from '../toolkit/keyboard';
import { requestOpenDraft } from './respond';
import { waitingForMe } from './review-queue';
import { useDrafts, useMe, useTeam } from './use-drafts';
import { useRoomAnswers } from './use-room-answers';

const roomTemplate: LiveQuery<string, ChecklistTemplate | null> = {
  load: (roomId) => api.checklist.get({ roomId }),
  refetchOn: [refetchOnRoom('team.changed')],
};

/**
 * A review request arrives as an alert on the approver's window: `a` approves (confirming
 * the items the room gave the approver), `c` asks for changes with the cursor in a comment.
 * Both work from wherever focus is, except inside a text field.
 */
export function ReviewAlert({ roomId }: { roomId: string }) {
  const { t, i18n } = useTranslation('drafts');
  const lang = i18n.language.startsWith('fr') ? 'fr' : 'en';
  const { drafts } = useDrafts(roomId);
  const { members, policy } = useTeam(roomId);
  const { me } = useMe(roomId, members);
  const roomAnswers = useRoomAnswers(roomId);
  const { value: template } = useLiveQuery(roomTemplate, roomId, null);
  const [putOff, setPutOff] = useState<ReadonlySet<string>>(new Set());
  const [commenting, setCommenting] = useState(false);
  const [comment, setComment] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);

  const waiting = useMemo(() => waitingForMe(drafts ?? [], me, policy, putOff), [drafts, me, policy, putOff]);
  const lead: DraftView | undefined = waiting[0];
  const confirms =
    lead && template ? openQuestions(template, withRoomAnswers(template, roomAnswers, lead.answers), 'approver') : [];

  const approve = async () => {
    if (!lead || busy) return;
    setBusy(true);
    // Pressing approve is the approver's yes to the items the room left to them.
    for (const item of confirms) {
      const answered = await api.drafts.answer({ id: lead.id, itemId: item.id, value: 'pass' });
      if (!answered.ok) {
        setBusy(false);
        return setStatus(errorText(answered));
      }
    }
    const result = await api.drafts.transition({ id: lead.id, action: { type: 'approve' } });
    setBusy(false);
    setStatus(result.ok ? t('review.approved') : errorText(result));
  };
  const requestChanges = async () => {
    if (!lead || busy) return;
    const note = comment.trim();
    setBusy(true);
    if (note !== '') {
      const posted = await api.drafts.comment({ id: lead.id, body: note });
      if (!posted.ok) {
        setBusy(false);
        return setStatus(errorText(posted));
      }
    }
    const result = await api.drafts.transition({
      id: lead.id,
      action: { type: 'request_changes', ...(note === '' ? {} : { note }) },
    });
    setBusy(false);
    if (!result.ok) return setStatus(errorText(result));
    setStatus(t('review.changesSent'));
    setCommenting(false);
    setComment('');
  };

  const actions = useRef({ approve, startComment: () => setCommenting(true) });
  useLayoutEffect(() => {
    actions.current = { approve, startComment: () => setCommenting(true) };
  });
  const hasLead = lead !== undefined;
  useEffect(() => {
    if (!hasLead) return;
    const onKey = (event: KeyboardEvent) => {
      if (isPlainKey(event, 'a')) {
        event.preventDefault();
        void actions.current.approve();
      } else if (isPlainKey(event, 'c')) {
        event.preventDefault();
        actions.current.startComment();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hasLead]);
  useEffect(() => {
    if (commenting) commentRef.current?.focus();
  }, [commenting]);

  if (!lead) return status ? <p role="status">{status}</p> : null;
  const author = members.find((m) => m.id === lead.authorId)?.name ?? '—';
  return (
    <section className="review-alert" role="alert" aria-label={t('review.label')}>
      <div className="review-alert-head">
        <strong>{t('review.asks', { author })}</strong>
        {waiting.length > 1 && <span className="tag">{t('review.more', { count: waiting.length - 1 })}</span>}
      </div>
      <blockquote className="review-body">{lead.body}</blockquote>
      {confirms.length > 0 && (
        <p className="muted">{t('review.confirms', { items: confirms.map((i) => i.text[lang]).join(' · ') })}</p>
      )}
      {commenting ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void requestChanges();
          }}
        >
          <textarea
            ref={commentRef}
            aria-label={t('review.comment')}
            value={comment}
            rows={2}
            onChange={(event) => setComment(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault();
                void requestChanges();
              }
              if (event.key === 'Escape') setCommenting(false);
            }}
          />
          <button type="submit" disabled={busy}>
            {t('review.send')}
          </button>
        </form>
      ) : (
        <div className="moment-actions">
          <button
            type="button"
            className="primary"
            aria-keyshortcuts="a"
            disabled={busy}
            onClick={() => void approve()}
          >
            {t('review.approve')}
          </button>
          <button type="button" aria-keyshortcuts="c" disabled={busy} onClick={() => setCommenting(true)}>
            {t('review.changes')}
          </button>
          <button type="button" onClick={() => requestOpenDraft({ roomId, draftId: lead.id })}>
            {t('review.open')}
          </button>
          <button
            type="button"
            onClick={() => setPutOff((current) => new Set([...current, `${lead.id}@${lead.version}`]))}
          >
            {t('review.later')}
          </button>
        </div>
      )}
      {status && <span role="status">{status}</span>}
    </section>
  );
}
