import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue, ChecklistItem } from '../../../shared/drafts/checklist';

/**
 * What the checklist still asks before a draft goes to review, one question at a time, each
 * answered with one key: `y` yes, `n` no, `-` n/a where the item allows it, Esc for later.
 * The automatic checks are done already; room-level questions and the approver's are not asked.
 */
export function SubmitPrompt(props: {
  questions: ChecklistItem[];
  autoFailing: string[];
  onAnswer: (item: ChecklistItem, value: AnswerValue) => Promise<boolean>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation('drafts');
  const lang = i18n.language.startsWith('fr') ? 'fr' : 'en';
  const [index, setIndex] = useState(0);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const item = props.questions[index];

  useEffect(() => box.current?.focus(), []);

  const answer = async (value: AnswerValue) => {
    if (!item || busy) return;
    if (value === 'na' && !item.allowNa) return;
    setBusy(true);
    const ok = await props.onAnswer(item, value);
    setBusy(false);
    if (!ok) return;
    if (index + 1 >= props.questions.length) props.onDone();
    else setIndex(index + 1);
  };

  if (!item) return null;
  return (
    <div
      ref={box}
      tabIndex={-1}
      className="submit-prompt"
      role="dialog"
      aria-label={t('preflight.title')}
      onKeyDown={(event) => {
        if (event.ctrlKey || event.metaKey || event.altKey) return;
        const values: Record<string, AnswerValue> = { y: 'pass', n: 'fail', '-': 'na' };
        const value = values[event.key.toLowerCase()];
        // The prompt owns these keys while it is open: the room's shortcuts (n, j…) stay quiet.
        if (value || event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
        }
        if (event.key === 'Escape') props.onCancel();
        else if (value) void answer(value);
      }}
    >
      <h3>{t('preflight.title')}</h3>
      <p className="muted">{t('preflight.count', { n: index + 1, total: props.questions.length })}</p>
      <p className="submit-question" aria-live="polite">
        <strong>{item.text[lang]}</strong>
        <small className="note">{item.help[lang]}</small>
      </p>
      <div role="group" aria-label={item.text[lang]}>
        <button type="button" aria-keyshortcuts="y" disabled={busy} onClick={() => void answer('pass')}>
          {t('preflight.yes')}
        </button>
        <button type="button" aria-keyshortcuts="n" disabled={busy} onClick={() => void answer('fail')}>
          {t('preflight.no')}
        </button>
        {item.allowNa && (
          <button type="button" aria-keyshortcuts="-" disabled={busy} onClick={() => void answer('na')}>
            {t('preflight.na')}
          </button>
        )}
      </div>
      <p className="muted">{item.allowNa ? t('preflight.keysNa') : t('preflight.keys')}</p>
      {props.autoFailing.length > 0 && (
        <p role="status">{t('preflight.autoFailing', { items: props.autoFailing.join(', ') })}</p>
      )}
    </div>
  );
}
