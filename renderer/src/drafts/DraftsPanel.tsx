import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { AuditView } from './AuditView';
import { BankPanel } from './BankPanel';
import { ChecklistTemplateEditor } from './ChecklistTemplateEditor';
import { DraftEditor } from './DraftEditor';
import { DraftQueue } from './DraftQueue';
import { PlaybookEditor } from './PlaybookEditor';
import { RoomChecklist } from './RoomChecklist';
import { onOpenDraftRequest } from './respond';
import { TeamPanel } from './TeamPanel';
import { errorText } from '../i18n';
import { askWhoAmI } from '../session/who-am-i';
import { useDrafts, useMe, useTeam } from './use-drafts';
import './drafts.css';

const tabs = ['queue', 'bank', 'playbook', 'checklist', 'team', 'audit'] as const;
type Tab = (typeof tabs)[number];

/**
 * Who this window is lives in the room's header (picked once, asked at first use). Here, a
 * host's window with nobody picked yet says why writing and reviewing wait, with a way to
 * the prompt; a teammate's session is its invite's person, so it has nothing to say.
 */
function PickMeHint({ roomId, members, bound }: { roomId: string; members: RoomMember[]; bound: boolean | null }) {
  const { t } = useTranslation('drafts');
  if (bound !== false) return null;
  if (!members.some((member) => member.removedAt === null)) return <p className="who-am-i muted">{t('me.noTeam')}</p>;
  return (
    <p className="who-am-i muted">
      {t('me.pickFirst')}{' '}
      <button type="button" aria-keyshortcuts="i" onClick={() => void askWhoAmI(roomId)}>
        {t('me.pick')}
      </button>
    </p>
  );
}

/** The right-hand column of the war room: drafts queue and editor, playbook, team and audit. */
export function DraftsPanel({ roomId }: { roomId: string }) {
  const { t } = useTranslation('drafts');
  const [tab, setTab] = useState<Tab>('queue');
  const [openId, setOpenId] = useState<string | null>(null);
  const [focusBody, setFocusBody] = useState(false);
  const { drafts, error } = useDrafts(roomId);
  const { members, policy, playbook, error: teamError } = useTeam(roomId);
  const { me, bound } = useMe(roomId, members);
  const open = drafts?.find((draft) => draft.id === openId) ?? null;
  const [respondFailure, setRespondFailure] = useState<string | null>(null);

  const openDraft = (id: string) => {
    setTab('queue');
    setOpenId(id);
    setRespondFailure(null);
  };
  // "Respond" from an item elsewhere in the room lands here.
  useEffect(
    () =>
      onOpenDraftRequest(roomId, (request) => {
        setTab('queue');
        if ('draftId' in request) {
          setOpenId(request.draftId);
          setFocusBody(request.focusBody === true);
          setRespondFailure(null);
        } else setRespondFailure(errorText(request.error));
      }),
    [roomId],
  );

  return (
    <aside className="drafts-panel" aria-label={t('panel')}>
      {!me && <PickMeHint roomId={roomId} members={members} bound={bound} />}
      <div role="tablist" aria-label={t('panel')} className="drafts-tabs">
        {tabs.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} onClick={() => setTab(name)}>
            {t(`tabs.${name}`)}
          </button>
        ))}
      </div>
      {teamError && (
        <p role="alert" className="error">
          {errorText(teamError)}
        </p>
      )}
      {respondFailure && (
        <p role="alert" className="error">
          {respondFailure}
        </p>
      )}
      <div role="tabpanel" aria-label={t(`tabs.${tab}`)} className="drafts-tabpanel">
        {tab === 'queue' &&
          (open ? (
            <DraftEditor
              key={open.id}
              draft={open}
              me={me}
              members={members}
              policy={policy}
              playbook={playbook}
              focusBody={focusBody}
              onClose={() => {
                setOpenId(null);
                setFocusBody(false);
              }}
            />
          ) : (
            <DraftQueue roomId={roomId} drafts={drafts} error={error} me={me} members={members} onOpen={setOpenId} />
          ))}
        {tab === 'bank' && <BankPanel roomId={roomId} me={me} members={members} policy={policy} onOpen={openDraft} />}
        {tab === 'checklist' && (
          <>
            <RoomChecklist roomId={roomId} me={me} />
            <ChecklistTemplateEditor roomId={roomId} me={me} />
          </>
        )}
        {tab === 'playbook' && playbook && <PlaybookEditor roomId={roomId} playbook={playbook} me={me} />}
        {tab === 'team' && <TeamPanel roomId={roomId} members={members} policy={policy} me={me} />}
        {tab === 'audit' && <AuditView roomId={roomId} members={members} />}
      </div>
    </aside>
  );
}
