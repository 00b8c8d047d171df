import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n';
import { useMe, useTeam } from '../drafts/use-drafts';
import { AccountForms } from './AccountForms';
import { AccountList } from './AccountList';
import { FailedEntries } from './FailedEntries';
import { FreezeControl } from './FreezeControl';
import { useOutbox } from './use-outbox';
import './publishing.css';

/**
 * The room's publishing side panel: its accounts (and connecting new ones), the freeze
 * switch for the lead, and the failed entries. Main checks every role; the panel only
 * leaves out what a person's role can never do.
 */
export function PublishingPanel({ roomId }: { roomId: string }) {
  const { t } = useTranslation('publishing');
  const { outbox, error } = useOutbox(roomId);
  const { members } = useTeam(roomId);
  const { me } = useMe(roomId, members);

  return (
    <aside className="publishing-panel" aria-label={t('panel')}>
      {error && (
        <p role="alert" className="error">
          {errorText(error)}
        </p>
      )}
      {!me && <p className="muted">{t('pickFirst')}</p>}
      {outbox === null ? (
        <p className="muted">{t('common:loading')}</p>
      ) : (
        <>
          {outbox.accounts.some((a) => a.status === 'reconnect' && a.removedAt === null) && (
            <p role="alert" className="error">
              {t('accounts.someReconnect')}
            </p>
          )}
          <FailedEntries outbox={outbox} />
          <section aria-label={t('accounts.title')}>
            <h3>{t('accounts.title')}</h3>
            <AccountList accounts={outbox.accounts} canRemove={me !== null} />
            <AccountForms roomId={roomId} disabled={me === null} />
          </section>
          {me?.role === 'lead' && <FreezeControl roomId={roomId} outbox={outbox} />}
        </>
      )}
    </aside>
  );
}
