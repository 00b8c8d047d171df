import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { AnswerValue, ChecklistTemplate } from '../../../shared/drafts/checklist';
import { api } from '../api';
import { errorText } from '../i18n';
import { answerRoomItem } from '../undo/undoable-actions';
import { useRoomAnswers } from './use-room-answers';

/**
 * "Before the event": the room-level questions (our pillars, our voice, the tie to strategy,
 * riding the wave), answered once by a lead and carried on every draft of the room.
 */
export function RoomChecklist({ roomId, me }: { roomId: string; me: RoomMember | null }) {
  const { t, i18n } = useTranslation('drafts');
  const lang = i18n.language.startsWith('fr') ? 'fr' : 'en';
  const answers = useRoomAnswers(roomId);
  const [template, setTemplate] = useState<ChecklistTemplate | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    void api.checklist.get({ roomId }).then((r) => r.ok && setTemplate(r.value));
  }, [roomId]);

  const items = template?.items.filter((item) => item.kind === 'question' && item.scope === 'room') ?? [];
  if (items.length === 0) return null;
  const readOnly = !me || me.role !== 'lead';
  const answer = async (itemId: string, itemText: string, value: AnswerValue) => {
    const result = await answerRoomItem({
      roomId,
      itemId,
      itemText,
      value,
      previous: answers[itemId]?.value ?? null,
    });
    setFailure(result.ok ? null : errorText(result));
  };

  return (
    <section className="room-checklist" aria-label={t('roomChecklist.title')}>
      <h3>{t('roomChecklist.title')}</h3>
      <p className="muted">{t('roomChecklist.intro')}</p>
      <ul aria-label={t('roomChecklist.questions')}>
        {items.map((item) => {
          const text = item.text[lang];
          const given = answers[item.id];
          return (
            <li key={item.id} className={`check check-${given?.value ?? 'open'}`} aria-label={text}>
              <span title={item.help[lang]}>{text}</span>{' '}
              <span role="status" aria-label={t('checklist.result', { item: text })}>
                {given ? t(`answers.${given.value}`) : t('roomChecklist.open')}
              </span>{' '}
              <button
                type="button"
                disabled={readOnly}
                aria-pressed={given?.value === 'pass'}
                aria-label={t('roomChecklist.answerYes', { item: text })}
                onClick={() => void answer(item.id, text, 'pass')}
              >
                {t('roomChecklist.yes')}
              </button>
              <button
                type="button"
                disabled={readOnly}
                aria-pressed={given?.value === 'fail'}
                aria-label={t('roomChecklist.answerNo', { item: text })}
                onClick={() => void answer(item.id, text, 'fail')}
              >
                {t('roomChecklist.no')}
              </button>
            </li>
          );
        })}
      </ul>
      {failure && <p role="alert">{failure}</p>}
    </section>
  );
}
