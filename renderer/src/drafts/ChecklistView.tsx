import { useTranslation } from 'react-i18next';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { AutoCheckResult } from '../../../shared/drafts/auto-checks';
import { AnswerValue, type ChecklistAnswer, type ChecklistTemplate } from '../../../shared/drafts/checklist';
import { errorText } from '../i18n';
import { answerDraftItem } from '../undo/undoable-actions';

/**
 * The room's checklist for one draft: questions a person answers, and automatic items that
 * fill themselves in from the text as it is typed (main re-runs them before approving).
 */
export function ChecklistView(props: {
  draft: DraftView;
  template: ChecklistTemplate;
  /** Room-level answers, carried on every draft (a draft's own answer wins). */
  roomAnswers: Record<string, ChecklistAnswer>;
  autoResults: AutoCheckResult[];
  me: RoomMember | null;
  onError: (message: string | null) => void;
}) {
  const { t, i18n } = useTranslation('drafts');
  const lang = i18n.language.startsWith('fr') ? 'fr' : 'en';
  const { draft, me } = props;

  const answer = async (itemId: string, itemText: string, raw: string) => {
    const value = raw === '' ? { success: true as const, data: null } : AnswerValue.safeParse(raw);
    if (!me || !value.success) return;
    const result = await answerDraftItem({
      draftId: draft.id,
      itemId,
      itemText,
      value: value.data,
      previous: draft.answers[itemId]?.value ?? null,
    });
    props.onError(result.ok ? null : errorText(result));
  };

  return (
    <section className="checklist" aria-label={t('checklist.title')}>
      <h3>
        {t('checklist.title')}{' '}
        <span className="muted">
          {t('card.progress', { met: draft.progress.requiredMet, total: draft.progress.requiredTotal })}
        </span>
      </h3>
      <ul>
        {props.template.items.map((item) => {
          const text = item.text[lang];
          if (item.kind === 'auto') {
            const found = props.autoResults.find((r) => r.check === item.check);
            const value = found?.value ?? 'na';
            return (
              <li key={item.id} className={`check check-${value}`} aria-label={text}>
                <span role="status" aria-label={t('checklist.result', { item: text })}>
                  {t(`answers.${value}`)}
                </span>{' '}
                {text}
                {found && <small className="note">{t(found.noteKey.replace(/^drafts\./, ''), found.params)}</small>}
              </li>
            );
          }
          const given = draft.answers[item.id];
          const carried = item.scope === 'room' ? props.roomAnswers[item.id] : undefined;
          if (carried && !given) {
            return (
              <li key={item.id} className={`check check-${carried.value}`} aria-label={text}>
                <span role="status" aria-label={t('checklist.result', { item: text })}>
                  {t(`answers.${carried.value}`)}
                </span>{' '}
                {text} <small className="note">{t('checklist.carried')}</small>
              </li>
            );
          }
          return (
            <li key={item.id} className={`check check-${given?.value ?? 'open'}`}>
              <label>
                <span className={item.level === 'required' ? 'required' : 'advisory'}>{text}</span>
                {item.confirmedBy === 'approver' && <small className="note">{t('checklist.approverConfirms')}</small>}
                <select
                  value={given?.value ?? ''}
                  disabled={!me}
                  onChange={(event) => void answer(item.id, text, event.target.value)}
                  title={item.help[lang]}
                  aria-label={text}
                >
                  <option value="">{t('answers.open')}</option>
                  <option value="pass">{t('answers.pass')}</option>
                  <option value="fail">{t('answers.fail')}</option>
                  {item.allowNa && <option value="na">{t('answers.na')}</option>}
                </select>
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
