import { useTranslation } from 'react-i18next';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { AutoCheckResult } from '../../../shared/drafts/auto-checks';
import { AnswerValue, type ChecklistTemplate } from '../../../shared/drafts/checklist';
import { api } from '../api';
import { errorText } from '../i18n';

/**
 * The room's checklist for one draft: questions a person answers, and automatic items that
 * fill themselves in from the text as it is typed (main re-runs them before approving).
 */
export function ChecklistView(props: {
  draft: DraftView;
  template: ChecklistTemplate;
  autoResults: AutoCheckResult[];
  me: RoomMember | null;
  onError: (message: string | null) => void;
}) {
  const { t, i18n } = useTranslation('drafts');
  const lang = i18n.language.startsWith('fr') ? 'fr' : 'en';
  const { draft, me } = props;

  const answer = async (itemId: string, raw: string) => {
    const value = AnswerValue.safeParse(raw);
    if (!me || !value.success) return;
    const result = await api.drafts.answer({ id: draft.id, itemId, value: value.data });
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
          return (
            <li key={item.id} className={`check check-${given?.value ?? 'open'}`}>
              <label>
                <span className={item.level === 'required' ? 'required' : 'advisory'}>{text}</span>
                <select
                  value={given?.value ?? ''}
                  disabled={!me}
                  onChange={(event) => void answer(item.id, event.target.value)}
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
