import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comment, DraftView, Revision } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { api } from '../api';
import { errorText } from '../i18n';
import { formatClock, wordDiff } from './format';

/** Comments and the revision history (each revision shown as a word diff of the one before). */
export function DraftHistory({
  draft,
  me,
  members,
}: {
  draft: DraftView;
  me: RoomMember | null;
  members: RoomMember[];
}) {
  const { t, i18n } = useTranslation('drafts');
  const [comments, setComments] = useState<Comment[]>([]);
  const [revisions, setRevisions] = useState<Revision[]>([]);
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const name = (id: string) => members.find((m) => m.id === id)?.name ?? '?';

  useEffect(() => {
    void api.drafts.comments({ id: draft.id }).then((r) => r.ok && setComments(r.value));
    void api.drafts.revisions({ id: draft.id }).then((r) => r.ok && setRevisions(r.value));
  }, [draft.id, draft.version, draft.updatedAt]);

  const send = async () => {
    if (!me || text.trim() === '') return;
    const result = await api.drafts.comment({ id: draft.id, body: text });
    if (result.ok) {
      setText('');
      setComments((list) => [...list, result.value]);
      setFailure(null);
    } else setFailure(errorText(result));
  };

  return (
    <>
      <section aria-label={t('comments.title')} className="comments">
        <h3>{t('comments.title')}</h3>
        <ul>
          {comments.map((c) => (
            <li key={c.id}>
              <strong>{name(c.memberId)}</strong> <span className="muted">{formatClock(c.at, i18n.language)}</span>
              <p>{c.body}</p>
            </li>
          ))}
        </ul>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <input aria-label={t('comments.new')} value={text} onChange={(event) => setText(event.target.value)} />
          <button type="submit" disabled={!me}>
            {t('comments.send')}
          </button>
        </form>
        {failure && <p role="alert">{failure}</p>}
      </section>
      <details className="revisions">
        <summary>{t('revisions.title', { count: revisions.length })}</summary>
        <ol>
          {revisions.map((revision, index) => {
            const previous = revisions[index + 1]?.body ?? '';
            return (
              <li key={revision.id}>
                <span className="muted">
                  {t('revisions.by', { name: name(revision.memberId), time: formatClock(revision.at, i18n.language) })}
                </span>
                <p className="diff">
                  {wordDiff(previous, revision.body).map((part, i) =>
                    part.kind === 'same' ? (
                      <span key={i}>{part.text}</span>
                    ) : part.kind === 'added' ? (
                      <ins key={i}>{part.text}</ins>
                    ) : (
                      <del key={i}>{part.text}</del>
                    ),
                  )}
                </p>
              </li>
            );
          })}
        </ol>
      </details>
    </>
  );
}
