import { useTranslation } from 'react-i18next';
import { useOutbox } from './use-outbox';

/** Shown to every teammate, above every screen of the room, while publishing is stopped. */
export function FreezeBanner({ roomId }: { roomId: string }) {
  const { t, i18n } = useTranslation('publishing');
  const { outbox } = useOutbox(roomId);
  const freeze = outbox?.freeze;
  if (!freeze) return null;
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(freeze.frozenAt);
  return (
    <section className="freeze-banner" role="alert" aria-label={t('freeze.banner')}>
      <strong>{t('freeze.banner')}</strong>{' '}
      {t('freeze.bannerDetail', { name: freeze.frozenByName, time, reason: freeze.reason, count: outbox.waiting })}
    </section>
  );
}
