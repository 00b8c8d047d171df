import { useTranslation } from 'react-i18next';
import { useMe, useTeam } from '../drafts/use-drafts';
import { askWhoAmI } from './who-am-i';

/** Who this window acts as, in the room's header; a teammate's (fixed by the invite) shows without a switch. */
export function WhoAmIHeader({ roomId }: { roomId: string }) {
  const { t } = useTranslation('drafts');
  const { members } = useTeam(roomId);
  const { me, bound } = useMe(roomId, members);
  if (bound === null || members.length === 0) return null;
  const nobody = bound ? t('me.boundUnknown') : t('me.headerNobody');
  const who = me ? t('me.header', { name: me.name, role: t(`roles.${me.role}`) }) : nobody;
  if (bound) {
    return (
      <span className="who-header" role="status" aria-label={t('me.headerLabel')}>
        {who}
      </span>
    );
  }
  return (
    <span className="who-header">
      <span role="status" aria-label={t('me.headerLabel')}>
        {who}
      </span>{' '}
      <button type="button" aria-keyshortcuts="i" onClick={() => void askWhoAmI(roomId)}>
        {t('me.switch')}
      </button>
    </span>
  );
}
