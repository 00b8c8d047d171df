import { useTranslation } from 'react-i18next';
import type { Presence } from '../../../shared/contract/calls/access';

/** "Also here: Ali" and the soft lock "Léa is editing", above a draft's body. */
export function DraftPresence({ others }: { others: Presence[] }) {
  const { t } = useTranslation('team');
  if (others.length === 0) return null;
  const editing = others.filter((person) => person.editing);
  return (
    <p className="muted" role="status">
      {editing.map((person) => (
        <strong key={person.memberId} className="tag">
          {t('presence.editing', { name: person.name })}{' '}
        </strong>
      ))}
      {t('presence.viewing', { names: [...new Set(others.map((person) => person.name))].join(', ') })}
    </p>
  );
}
