import { useEffect, useMemo, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { ContractError } from '../../../shared/contract/result';
import { createAutoChecker } from '../../../shared/drafts/auto-checks';
import type { AnswerValue, ChecklistItem, ChecklistTemplate } from '../../../shared/drafts/checklist';
import { openQuestions, withRoomAnswers } from '../../../shared/drafts/checklist-split';
import type { DraftAction } from '../../../shared/drafts/lifecycle-types';
import { countFor, networkLimits } from '../../../shared/drafts/network-length';
import { networks as allNetworks, type Network } from '../../../shared/drafts/networks';
import type { RoomPolicy } from '../../../shared/drafts/team';
import type { Playbook } from '../../../shared/playbook/playbook';
import { api } from '../api';
import { errorText } from '../i18n';
import { DraftPublication } from '../publishing/DraftPublication';
import { PublishDialog } from '../publishing/PublishDialog';
import { useOutbox } from '../publishing/use-outbox';
import { DraftPresence } from '../team/DraftPresence';
import { isSubmitChord } from '../toolkit/keyboard';
import { useNow } from '../toolkit/use-now';
import { answerDraftItem } from '../undo/undoable-actions';
import { useDraftPresence } from '../team/use-presence';
import { ChecklistView } from './ChecklistView';
import { DraftHistory } from './DraftHistory';
import { DraftMedia } from './DraftMedia';
import { actingOn, unreadableNotice } from './draft-readable';
import { fromLocalInput, toLocalInput } from './format';
import { Stopwatch } from './Stopwatch';
import { SubmitPrompt } from './SubmitPrompt';
import { useRoomAnswers } from './use-room-answers';
import { useAutosave } from './use-autosave';

const simpleActions = ['submit', 'approve', 'request_changes', 'reject', 'publish', 'withdraw', 'reopen'] as const;

export function DraftEditor(props: {
  draft: DraftView;
  me: RoomMember | null;
  members: RoomMember[];
  policy: RoomPolicy | null;
  playbook: Playbook | null;
  /** Opened to write at once (from an alert or a respond): the cursor goes in the text. */
  focusBody?: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('drafts');
  const lang = i18n.language.startsWith('fr') ? 'fr' : 'en';
  const { draft, playbook } = props;
  // A draft whose images or approvals did not read is read-only: its controls act for nobody.
  const notice = unreadableNotice(draft);
  const me = actingOn(draft, props.me);
  const save = useAutosave(draft, me?.id ?? null);
  const presence = useDraftPresence(draft.roomId, draft.id, props.me?.id ?? null);
  const { outbox } = useOutbox(draft.roomId);
  const now = useNow(1000);
  const [template, setTemplate] = useState<ChecklistTemplate | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState<ChecklistItem[] | null>(null);
  const roomAnswers = useRoomAnswers(draft.roomId);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  // Halfway to the end of the window: a sensible first guess that the lifecycle will accept.
  const [publishAt, setPublishAt] = useState(() =>
    toLocalInput(Math.max(Date.now() + 60_000, Math.floor((Date.now() + draft.expiresAt) / 2))),
  );

  useEffect(() => {
    void api.checklist.get({ roomId: draft.roomId }).then((r) => r.ok && setTemplate(r.value));
  }, [draft.roomId]);

  const checker = useMemo(
    () =>
      createAutoChecker({
        bannedTerms: playbook?.bannedTerms ?? [],
        alliedAccounts: playbook?.alliedSources.accounts ?? [],
        targets: save.networks,
        images: save.media.map((name) => ({ name, altText: save.altTexts[name] ?? '' })),
      }),
    [playbook, save.networks, save.media, save.altTexts],
  );
  const autoResults = useMemo(() => checker(save.body), [checker, save.body]);

  const editable = draft.state === 'draft' || draft.state === 'changes_requested';
  const report = (result: { ok: true } | ContractError) => setFailure(result.ok ? null : errorText(result));

  const act = async (action: DraftAction) => {
    if (!me) return;
    await save.flush();
    report(await api.drafts.transition({ id: draft.id, action }));
  };

  /**
   * Submit as the pre-flight reads: the automatic checks are done as the text is typed, the
   * room-level answers are carried, so only the writer's open questions are asked (one key
   * each) before the draft goes to review.
   */
  const submit = async () => {
    if (!me) return;
    await save.flush();
    const open = template
      ? openQuestions(template, withRoomAnswers(template, roomAnswers, draft.answers), 'writer')
      : [];
    if (open.length > 0) setAsking(open);
    else await act({ type: 'submit' });
  };
  const answerAsked = async (item: ChecklistItem, value: AnswerValue): Promise<boolean> => {
    const result = await answerDraftItem({
      draftId: draft.id,
      itemId: item.id,
      itemText: item.text[lang],
      value,
      previous: draft.answers[item.id]?.value ?? null,
    });
    report(result);
    return result.ok;
  };
  const submitRef = useRef(submit);
  useLayoutEffect(() => {
    submitRef.current = submit;
  });
  const canSubmit = editable && me !== null && asking === null;
  useEffect(() => {
    if (!canSubmit) return;
    const onKey = (event: KeyboardEvent) => {
      if (!isSubmitChord(event)) return;
      event.preventDefault();
      void submitRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canSubmit]);
  useEffect(() => {
    if (props.focusBody) bodyRef.current?.focus();
  }, [props.focusBody]);

  const assign = async (assigneeId: string | null) => {
    if (!me) return;
    report(await api.drafts.assign({ id: draft.id, assigneeId }));
  };
  const clock = (at: number) =>
    new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(at);

  const toggleNetwork = (network: Network, on: boolean) =>
    save.change({ networks: on ? [...save.networks, network] : save.networks.filter((n) => n !== network) });

  return (
    <article className="draft-editor" aria-label={t('editor.title')}>
      <div className="editor-top">
        <button type="button" onClick={props.onClose}>
          ← {t('editor.back')}
        </button>
        <span role="status" aria-label={t('editor.state')} className={`state state-${draft.state}`}>
          {t(`states.${draft.state}`)}
        </span>
        <span role="status" aria-label={t('editor.saveState')} className="muted">
          {t(`save.${save.state.kind}`)}
        </span>
      </div>
      {notice && (
        <p role="alert" className="error">
          {t(notice)}
        </p>
      )}
      {/* What prompted it: the stopwatch starts there. */}
      <p className="muted" aria-label={t('editor.trigger')}>
        {t(`triggers.${draft.triggerKind}`)}
      </p>
      <DraftPresence others={presence.others} />
      <textarea
        ref={bodyRef}
        aria-label={t('editor.body')}
        aria-keyshortcuts="Control+Enter"
        aria-describedby={`submit-keys-${draft.id}`}
        value={save.body}
        readOnly={!editable || !me}
        rows={6}
        onChange={(event) => {
          presence.typing();
          save.change({ body: event.target.value });
        }}
        onBlur={() => void save.flush()}
      />
      {editable && (
        <p id={`submit-keys-${draft.id}`} className="muted">
          {t('editor.submitKeys')}
        </p>
      )}
      {asking && (
        <SubmitPrompt
          questions={asking}
          autoFailing={autoResults
            .filter((r) => r.value === 'fail')
            .flatMap((r) => template?.items.filter((i) => i.check === r.check).map((i) => i.text[lang]) ?? [])}
          onAnswer={answerAsked}
          onDone={() => {
            setAsking(null);
            void act({ type: 'submit' });
          }}
          onCancel={() => {
            setAsking(null);
            bodyRef.current?.focus();
          }}
        />
      )}
      {save.state.kind === 'conflict' && (
        <div role="alert" className="conflict">
          <p>{t('conflict.intro')}</p>
          <div className="conflict-texts">
            <figure>
              <figcaption>{t('conflict.theirs')}</figcaption>
              <pre>{save.state.theirs.body}</pre>
            </figure>
            <figure>
              <figcaption>{t('conflict.mine')}</figcaption>
              <pre>{save.body}</pre>
            </figure>
          </div>
          <button type="button" onClick={() => save.resolve('theirs')}>
            {t('conflict.keepTheirs')}
          </button>
          <button type="button" onClick={() => save.resolve('mine')}>
            {t('conflict.keepMine')}
          </button>
        </div>
      )}
      {save.state.kind === 'error' && <p role="alert">{save.state.message}</p>}
      <fieldset className="networks">
        <legend>{t('editor.networks')}</legend>
        {allNetworks.map((network) => {
          const count = countFor(save.body, network);
          const limit = networkLimits[network];
          return (
            <label key={network} className={count > limit ? 'over' : ''}>
              <input
                type="checkbox"
                checked={save.networks.includes(network)}
                disabled={!editable || !me}
                onChange={(event) => toggleNetwork(network, event.target.checked)}
              />
              {t(`networks.${network}`)}{' '}
              <span aria-label={t('editor.count', { network: t(`networks.${network}`) })}>
                {count}/{limit}
              </span>
            </label>
          );
        })}
      </fieldset>
      <DraftMedia
        roomId={draft.roomId}
        media={save.media}
        altTexts={save.altTexts}
        disabled={!editable || !me}
        onChange={(media) => save.change({ media })}
        onAltText={(altTexts) => save.change({ altTexts })}
      />
      <label className="assignee">
        {t('editor.assignee')}
        <select
          value={draft.assigneeId ?? ''}
          disabled={!me}
          onChange={(event) => void assign(event.target.value || null)}
        >
          <option value="">{t('editor.nobody')}</option>
          {props.members
            .filter((m) => m.removedAt === null)
            .map((m) => (
              <option key={m.id} value={m.id}>
                {t('me.option', { name: m.name, role: t(`roles.${m.role}`) })}
              </option>
            ))}
        </select>
      </label>
      {template && (
        <ChecklistView
          draft={draft}
          template={template}
          roomAnswers={roomAnswers}
          autoResults={autoResults}
          me={me}
          onError={setFailure}
        />
      )}
      <div className="draft-actions" role="group" aria-label={t('editor.actions')}>
        {simpleActions.map((type) => (
          <button
            key={type}
            type="button"
            disabled={!me}
            onClick={() => void (type === 'submit' ? submit() : act({ type }))}
          >
            {t(`actions.${type}`)}
          </button>
        ))}
      </div>
      {draft.state === 'approved' && (
        <div className="schedule">
          <label>
            {t('editor.scheduleAt')}
            <input type="datetime-local" value={publishAt} onChange={(event) => setPublishAt(event.target.value)} />
          </label>
          <button
            type="button"
            disabled={!me}
            onClick={() => void act({ type: 'schedule', at: fromLocalInput(publishAt) })}
          >
            {t('actions.schedule')}
          </button>
        </div>
      )}
      {draft.state === 'scheduled' && draft.scheduledFor !== null && (
        <div className="schedule">
          <span>{t('editor.scheduledFor', { time: clock(draft.scheduledFor) })}</span>
          <button type="button" disabled={!me} onClick={() => void act({ type: 'unschedule' })}>
            {t('actions.unschedule')}
          </button>
        </div>
      )}
      {!notice && <PublishDialog draft={draft} outbox={outbox} me={me} policy={props.policy} />}
      <DraftPublication draft={draft} outbox={outbox} me={props.me} now={now} />
      <div className="override">
        <input
          aria-label={t('override.reason')}
          placeholder={t('override.reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <button type="button" disabled={!me} onClick={() => void act({ type: 'override_checklist', reason })}>
          {t('override.button')}
        </button>
        <button type="button" disabled={!me} onClick={() => void act({ type: 'extend', byMs: 10 * 60_000 })}>
          {t('actions.extend')}
        </button>
      </div>
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      <Stopwatch stopwatch={draft.stopwatch} />
      <p className="muted">
        {t('editor.expiresAt', {
          time: clock(draft.expiresAt),
        })}
      </p>
      <DraftHistory draft={draft} me={props.me} members={props.members} />
    </article>
  );
}
