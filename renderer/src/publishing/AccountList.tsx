import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../shared/publishing/outbox';
import { api } from '../api';
import { errorText } from '../i18n';

/** The room's publishing accounts: who posts where, and whether the server still accepts them. */
export function AccountList({ accounts, canRemove }: { accounts: AccountView[]; canRemove: boolean }) {
  const { t } = useTranslation('publishing');
  const [failure, setFailure] = useState<string | null>(null);
  const open = accounts.filter((a) => a.removedAt === null);
  const remove = async (account: AccountView) => {
    const result = await api.accounts.remove({ id: account.id });
    setFailure(result.ok ? null : errorText(result));
  };
  return (
    <>
      {open.length === 0 && <p className="muted">{t('accounts.none')}</p>}
      <ul className="accounts" aria-label={t('accounts.list')}>
        {open.map((account) => (
          <li key={account.id} aria-label={account.label}>
            {account.avatarUrl && <img src={account.avatarUrl} alt="" className="avatar" />}
            <span>
              <strong>{account.displayName ?? account.label}</strong>{' '}
              {account.handle && <span className="muted">{account.handle}</span>}
            </span>
            <span className="tag">{t(`networks.${account.network}`)}</span>
            <span role="status" aria-label={t('accounts.state', { label: account.label })}>
              {account.status === 'ok' ? t('accounts.ok') : t('accounts.reconnect')}
            </span>
            {canRemove && (
              <button type="button" onClick={() => void remove(account)}>
                {t('accounts.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
    </>
  );
}
