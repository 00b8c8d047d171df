import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection, HostingState, Invite } from '../../../shared/contract/calls/access';
import type { BackupSettings } from '../../../shared/contract/calls/backups';
import { Role, roles } from '../../../shared/drafts/team';
import { api } from '../api';
import { errorText } from '../i18n';
import { useBoundIn } from '../session/who-am-i';

/** The lead's side of hosting: the address and fingerprint, invites, who is connected, backups. */
export function TeamHosting({ roomId }: { roomId: string }) {
  const { t, i18n } = useTranslation('team');
  const { t: tDrafts } = useTranslation('drafts');
  const [hosting, setHosting] = useState<HostingState | null>(null);
  const [connections, setConnections] = useState<Connection[]>([]);
  const [invite, setInvite] = useState<Invite | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('writer');
  const [backups, setBackups] = useState<BackupSettings | null>(null);
  const [folder, setFolder] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // A lead on a teammate's laptop: the backup folder is on the host's disk, picked there.
  const teammate = useBoundIn(roomId) === true;

  const refresh = useCallback(() => {
    void api.connections.list({ roomId }).then((r) => r.ok && setConnections(r.value));
  }, [roomId]);
  useEffect(() => {
    void api.hosting.get({}).then((r) => r.ok && setHosting(r.value));
    void api.backups.settings({ roomId }).then((r) => {
      if (r.ok) {
        setBackups(r.value);
        setFolder(r.value.folder ?? '');
      }
    });
    refresh();
    return api.on('connections.changed', (payload) => payload.roomId === roomId && refresh());
  }, [roomId, refresh]);

  const create = async () => {
    const result = await api.invites.create({ roomId, name, role });
    if (result.ok) {
      setInvite(result.value);
      setName('');
      setFailure(null);
    } else setFailure(errorText(result));
  };
  const revoke = async (call: Promise<{ ok: boolean }>) => {
    await call;
    refresh();
  };
  const time = (at: number) =>
    new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short', dateStyle: 'short' }).format(at);

  return (
    <section aria-label={t('hosting.title')}>
      <h3>{t('hosting.title')}</h3>
      {hosting?.team ? (
        <dl>
          <dt>{t('hosting.address')}</dt>
          <dd>{hosting.addresses.join(', ')}</dd>
          <dt>{t('hosting.fingerprint')}</dt>
          <dd>
            <code>{hosting.fingerprint}</code>
          </dd>
        </dl>
      ) : (
        <p className="muted">{t('hosting.notHosted')}</p>
      )}
      <form
        aria-label={t('invite.title')}
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <label>
          {t('invite.name')}
          <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
        </label>
        <label>
          {t('invite.role')}
          <select value={role} onChange={(event) => setRole(Role.parse(event.target.value))}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {tDrafts(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('invite.create')}
        </button>
      </form>
      {invite && (
        <div aria-label={invite.name} role="group">
          {invite.link && (
            <p>
              {t('invite.link')}: <code aria-label={t('invite.link')}>{invite.link}</code>
            </p>
          )}
          <p>
            {t('invite.code')}: <code aria-label={t('invite.code')}>{invite.code}</code>
          </p>
          {invite.qrSvg && (
            <img
              alt={t('invite.qr')}
              width={160}
              height={160}
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(invite.qrSvg)}`}
            />
          )}
          {invite.fingerprint && (
            <p>
              {t('hosting.fingerprint')}: <code>{invite.fingerprint}</code>
            </p>
          )}
          <p className="muted">{t('invite.expires', { time: time(invite.expiresAt) })}</p>
        </div>
      )}
      <h3>{t('connections.title')}</h3>
      {connections.length === 0 ? (
        <p className="muted">{t('connections.empty')}</p>
      ) : (
        <ul aria-label={t('connections.title')}>
          {connections.map((c) => (
            <li key={c.sessionId} aria-label={`${c.name} — ${c.device}`}>
              <strong>{c.name}</strong> ({tDrafts(`roles.${c.role}`)}) · {t('connections.device')}: {c.device} ·{' '}
              {t('connections.since')} {time(c.since)} · {t('connections.lastSeen')} {time(c.lastSeen)} ·{' '}
              {c.online ? t('connections.online') : t('connections.offline')}{' '}
              <button
                type="button"
                aria-label={t('connections.revoke', { name: c.name, device: c.device })}
                onClick={() => void revoke(api.connections.revoke({ roomId, sessionId: c.sessionId }))}
              >
                ×
              </button>
              <button
                type="button"
                aria-label={t('connections.revokePerson', { name: c.name })}
                onClick={() => void revoke(api.connections.revokePerson({ roomId, memberId: c.memberId }))}
              >
                ⊘
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('backups.title')}</h3>
      <button
        type="button"
        onClick={() =>
          void api.backups.create({ roomId }).then((r) => {
            // A teammate is not told where on the host's disk it went: its name says which file.
            if (r.ok) setNotice(t('backups.made', { file: r.value.paths.join(', ') || r.value.fileName }));
            else setFailure(errorText(r));
          })
        }
      >
        {t('backups.now')}
      </button>
      {!teammate && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void api.backups.setFolder({ roomId, folder: folder.trim() || null }).then((r) => {
              if (r.ok) setBackups(r.value);
              else setFailure(errorText(r));
            });
          }}
        >
          <label>
            {t('backups.folder')}
            <input value={folder} onChange={(event) => setFolder(event.target.value)} />
          </label>
          <button type="submit">{t('backups.saveFolder')}</button>
        </form>
      )}
      {backups?.automatic && (
        <p className="muted">{t('backups.auto', { minutes: backups.intervalMinutes, keep: backups.keep })}</p>
      )}
      {notice && <p role="status">{notice}</p>}
      {failure && <p role="alert">{failure}</p>}
    </section>
  );
}
