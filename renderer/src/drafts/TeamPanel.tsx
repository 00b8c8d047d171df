import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { Role, roles, type RoomPolicy } from '../../../shared/drafts/team';
import { api } from '../api';
import { errorText } from '../i18n';
import { TeamHosting } from '../team/TeamHosting';

export function TeamPanel(props: {
  roomId: string;
  members: RoomMember[];
  policy: RoomPolicy | null;
  me: RoomMember | null;
}) {
  const { t } = useTranslation('drafts');
  const { roomId, me, policy } = props;
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('writer');
  const [failure, setFailure] = useState<string | null>(null);

  const add = async () => {
    const result = await api.members.add({ roomId, name, role });
    if (result.ok) {
      setName('');
      setFailure(null);
    } else setFailure(errorText(result));
  };

  const updatePolicy = async (patch: Partial<RoomPolicy>) => {
    if (!me || !policy) return;
    const result = await api.policy.update({ roomId, policy: { ...policy, ...patch } });
    setFailure(result.ok ? null : errorText(result));
  };

  return (
    <section className="team-panel" aria-label={t('team.title')}>
      <ul aria-label={t('team.members')}>
        {props.members.map((member) => (
          <li key={member.id} aria-label={member.name}>
            <strong>{member.name}</strong> <span className="tag">{t(`roles.${member.role}`)}</span>{' '}
            {me && (me.role === 'lead' || me.id === member.id) && (
              <button
                type="button"
                aria-label={t('team.remove', { name: member.name })}
                onClick={() =>
                  void api.members
                    .remove({ roomId, memberId: member.id })
                    .then((r) => setFailure(r.ok ? null : errorText(r)))
                }
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        aria-label={t('team.add')}
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <label>
          {t('team.name')}
          <input value={name} onChange={(event) => setName(event.target.value)} required />
        </label>
        <label>
          {t('team.role')}
          <select value={role} onChange={(event) => setRole(Role.parse(event.target.value))}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('team.addButton')}
        </button>
      </form>
      {policy && (
        <fieldset aria-label={t('policy.title')}>
          <legend>{t('policy.title')}</legend>
          <p className="muted">{t('policy.leadOnly')}</p>
          {roles.map((r) => (
            <label key={r}>
              <input
                type="checkbox"
                checked={policy.approverRoles.includes(r)}
                disabled={!me}
                onChange={(event) =>
                  void updatePolicy({
                    approverRoles: event.target.checked
                      ? [...policy.approverRoles, r]
                      : policy.approverRoles.filter((x) => x !== r),
                  })
                }
              />
              {t('policy.approves', { role: t(`roles.${r}`) })}
            </label>
          ))}
          <label>
            <input
              type="checkbox"
              checked={policy.requireLegalApproval}
              disabled={!me}
              onChange={(event) => void updatePolicy({ requireLegalApproval: event.target.checked })}
            />
            {t('policy.legal')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={policy.allowSelfApproval}
              disabled={!me}
              onChange={(event) => void updatePolicy({ allowSelfApproval: event.target.checked })}
            />
            {t('policy.self')}
          </label>
          <label>
            {t('policy.freshness')}
            <input
              type="number"
              min={1}
              max={1440}
              value={Math.round(policy.freshnessWindowMs / 60_000)}
              disabled={!me}
              onChange={(event) => void updatePolicy({ freshnessWindowMs: Number(event.target.value) * 60_000 })}
            />
          </label>
          <label>
            {t('policy.undoWindow')}
            <input
              type="number"
              min={0}
              max={600}
              value={Math.round(policy.publishHoldMs / 1000)}
              disabled={!me}
              onChange={(event) => void updatePolicy({ publishHoldMs: Number(event.target.value) * 1000 })}
            />
          </label>
        </fieldset>
      )}
      {failure && <p role="alert">{failure}</p>}
      {me?.role === 'lead' && <TeamHosting roomId={roomId} />}
    </section>
  );
}
