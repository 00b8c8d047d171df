import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { OutboxView, Visibility } from '../../../shared/contract/calls/publishing';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { RoomPolicy } from '../../../shared/drafts/team';
import type { AccountView } from '../../../shared/publishing/outbox';
import { api } from '../api';
import { errorText } from '../i18n';
import { usePreflight } from './use-outbox';

const publishable = new Set<DraftView['state']>(['approved', 'scheduled', 'published']);

/**
 * "Publish" for an approved draft: the channels to send it to, each checked by main first
 * (a post that would be refused is refused here, with the reason, before "publish" is
 * offered), then one entry per channel, held for the room's undo window.
 */
export function PublishDialog(props: {
  draft: DraftView;
  outbox: OutboxView | null;
  me: RoomMember | null;
  policy: RoomPolicy | null;
}) {
  const { t, i18n } = useTranslation('publishing');
  const { draft, outbox, me } = props;
  const checks = usePreflight(draft.roomId, draft.id, draft.version);
  const [chosen, setChosen] = useState<string[]>([]);
  const [asReply, setAsReply] = useState(false);
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [contentWarning, setContentWarning] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  if (!publishable.has(draft.state)) return null;

  const accounts = (outbox?.accounts ?? []).filter((a) => a.removedAt === null);
  const checkOf = (account: AccountView) => checks?.find((c) => c.accountId === account.id);
  const usable = (account: AccountView) => account.status === 'ok' && checkOf(account)?.refusal === null;
  const picked = accounts.filter((a) => chosen.includes(a.id) && usable(a));
  const canReply = picked.some((a) => checkOf(a)?.canReply === true);
  const toMastodon = picked.some((a) => a.network === 'mastodon');
  const holdSeconds = Math.round((props.policy?.publishHoldMs ?? 10_000) / 1000);
  const clock = (at: number) =>
    new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(at);

  const toggle = (id: string, on: boolean) => setChosen(on ? [...chosen, id] : chosen.filter((c) => c !== id));
  const publish = async () => {
    const result = await api.outbox.publish({
      draftId: draft.id,
      accountIds: picked.map((a) => a.id),
      asReply: asReply && canReply,
      visibility,
      ...(toMastodon && contentWarning.trim() ? { contentWarning: contentWarning.trim() } : {}),
    });
    setFailure(result.ok ? null : errorText(result));
    if (result.ok) setChosen([]);
  };

  return (
    <form
      className="publish-dialog"
      aria-label={t('publish.label')}
      onSubmit={(event) => {
        event.preventDefault();
        void publish();
      }}
    >
      <h3>{t('publish.label')}</h3>
      {accounts.length === 0 && <p className="muted">{t('publish.noAccounts')}</p>}
      <fieldset>
        <legend>{t('publish.channels')}</legend>
        {accounts.map((account) => {
          const refusal = checkOf(account)?.refusal ?? null;
          return (
            <div key={account.id} className="publish-channel">
              <label>
                <input
                  type="checkbox"
                  checked={chosen.includes(account.id) && usable(account)}
                  disabled={!me || !usable(account)}
                  onChange={(event) => toggle(account.id, event.target.checked)}
                />
                {account.label} <span className="muted">{t(`networks.${account.network}`)}</span>
              </label>
              {account.status === 'reconnect' && <small className="refusal">{t('accounts.reconnect')}</small>}
              {refusal && <small className="refusal">{errorText(refusal)}</small>}
            </div>
          );
        })}
      </fieldset>
      {canReply && (
        <label>
          <input type="checkbox" checked={asReply} onChange={(event) => setAsReply(event.target.checked)} />
          {t('publish.asReply')}
        </label>
      )}
      {toMastodon && (
        <fieldset>
          <legend>{t('publish.mastodonOptions')}</legend>
          <label>
            {t('publish.visibility')}
            <select value={visibility} onChange={(event) => setVisibility(event.target.value as Visibility)}>
              <option value="public">{t('publish.public')}</option>
              <option value="unlisted">{t('publish.unlisted')}</option>
            </select>
          </label>
          <label>
            {t('publish.contentWarning')}
            <input value={contentWarning} maxLength={500} onChange={(event) => setContentWarning(event.target.value)} />
          </label>
        </fieldset>
      )}
      <p className="muted">
        {draft.state === 'scheduled' && draft.scheduledFor !== null
          ? t('publish.whenScheduled', { time: clock(draft.scheduledFor) })
          : t('publish.whenNow', { seconds: holdSeconds })}
      </p>
      <button type="submit" className="primary" disabled={!me || picked.length === 0}>
        {draft.state === 'scheduled' ? t('publish.submitScheduled') : t('publish.submit')}
      </button>
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
    </form>
  );
}
