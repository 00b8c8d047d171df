import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { ChecklistItem, ChecklistTemplate } from '../../../shared/drafts/checklist';
import { api } from '../api';
import { errorText } from '../i18n';

type Level = ChecklistItem['level'];

/** A new question; its help text defaults to the question itself until someone writes one. */
function newItem(): ChecklistItem {
  return {
    id: `custom-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
    kind: 'question',
    level: 'advisory',
    section: 'strategy',
    allowNa: true,
    scope: 'draft',
    confirmedBy: 'writer',
    text: { fr: '', en: '' },
    help: { fr: '', en: '' },
  };
}

/**
 * The room's checklist, editable by a lead: questions in French and English, each required
 * or advisory. Main validates the whole template and says what is wrong (an empty list, a
 * missing translation); nothing is changed until it accepts.
 */
export function ChecklistTemplateEditor({ roomId, me }: { roomId: string; me: RoomMember | null }) {
  const { t } = useTranslation('drafts');
  const [template, setTemplate] = useState<ChecklistTemplate | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void api.checklist.get({ roomId }).then((r) => r.ok && setTemplate(r.value));
  }, [roomId]);

  if (!template) return <p className="muted">{t('common:loading')}</p>;

  const setItems = (items: ChecklistItem[]) => setTemplate({ ...template, items });
  const patch = (index: number, change: Partial<ChecklistItem>) =>
    setItems(template.items.map((item, i) => (i === index ? { ...item, ...change } : item)));
  const setText = (index: number, lang: 'fr' | 'en', value: string) => {
    const item = template.items[index];
    if (item) patch(index, { text: { ...item.text, [lang]: value } });
  };

  const save = async () => {
    if (!me) return;
    const items = template.items.map((item) => ({
      ...item,
      help: { fr: item.help.fr || item.text.fr, en: item.help.en || item.text.en },
    }));
    const result = await api.checklist.update({ roomId, template: { ...template, items } });
    if (result.ok) {
      setTemplate(result.value);
      setOutcome({ ok: true, text: t('template.saved') });
    } else setOutcome({ ok: false, text: errorText(result) });
  };

  const readOnly = !me || me.role !== 'lead';
  return (
    <section className="template-editor" aria-label={t('template.title')}>
      {readOnly && <p className="muted">{t('template.leadOnly')}</p>}
      <ol aria-label={t('template.items')}>
        {template.items.map((item, index) => {
          const n = index + 1;
          return (
            <li key={item.id} aria-label={t('template.item', { n })}>
              <label>
                {t('template.textFr', { n })}
                <input
                  value={item.text.fr}
                  readOnly={readOnly}
                  onChange={(e) => setText(index, 'fr', e.target.value)}
                />
              </label>
              <label>
                {t('template.textEn', { n })}
                <input
                  value={item.text.en}
                  readOnly={readOnly}
                  onChange={(e) => setText(index, 'en', e.target.value)}
                />
              </label>
              <label>
                {t('template.level', { n })}
                <select
                  value={item.level}
                  disabled={readOnly}
                  onChange={(e) => patch(index, { level: e.target.value === 'required' ? 'required' : 'advisory' })}
                >
                  {(['required', 'advisory'] satisfies Level[]).map((level) => (
                    <option key={level} value={level}>
                      {t(`template.${level}`)}
                    </option>
                  ))}
                </select>
              </label>
              {item.kind === 'auto' && <span className="tag">{t('template.auto')}</span>}
              {item.kind === 'question' && (
                <>
                  <label>
                    <input
                      type="checkbox"
                      checked={item.scope === 'room'}
                      disabled={readOnly}
                      onChange={(e) => patch(index, { scope: e.target.checked ? 'room' : 'draft' })}
                    />
                    {t('template.roomScope', { n })}
                  </label>
                  <label>
                    <input
                      type="checkbox"
                      checked={item.confirmedBy === 'approver'}
                      disabled={readOnly || item.scope === 'room'}
                      onChange={(e) => patch(index, { confirmedBy: e.target.checked ? 'approver' : 'writer' })}
                    />
                    {t('template.approverConfirms', { n })}
                  </label>
                </>
              )}
              <button
                type="button"
                disabled={readOnly}
                aria-label={t('template.remove', { n })}
                onClick={() => setItems(template.items.filter((_, i) => i !== index))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" disabled={readOnly} onClick={() => setItems([...template.items, newItem()])}>
        {t('template.add')}
      </button>
      <button type="button" className="primary" disabled={readOnly} onClick={() => void save()}>
        {t('template.save')}
      </button>
      {outcome && <p role={outcome.ok ? 'status' : 'alert'}>{outcome.text}</p>}
    </section>
  );
}
