import { durably } from '../db/durable-write';
import type { DraftTrigger, DraftView } from '../../../shared/contract/calls/drafts';
import { canEdit, recordEdit, transition, type DraftAction } from '../../../shared/drafts/lifecycle';
import type { Network } from '../../../shared/drafts/networks';
import { systemActor } from '../audit/audit-entries';
import { keyedError } from '../errors';
import { requireWriter, type ActingPerson } from '../team/team-roles';
import { createDraftAnswers } from './draft-answers';
import { createDraftFromBank } from './draft-from-bank';
import { createDraftKit, type DraftDeps } from './draft-kit';
import type { StoredDraft } from './draft-repository';
import { checkBody, checkMedia, REVISION_BURST_MS, triggerTime } from './draft-rules';

export interface DraftServiceDeps extends DraftDeps {
  /** When the item that prompted a response was published; undefined when there is no such item. */
  itemTime: (roomId: string, itemId: number) => number | undefined;
  /** Whether `name` is an image in the room's asset folder now. */
  assetExists: (roomId: string, name: string) => boolean;
}

export type DraftService = ReturnType<typeof createDraftService>;

export function createDraftService(deps: DraftServiceDeps) {
  const { db, drafts, team, checklists, audit, rooms, now, itemTime, assetExists, onChanged } = deps;
  const kit = createDraftKit(deps);
  const { mustGet, mustChange, checklistOf, view, fresh, write, done, insertNew } = kit;
  const answers = createDraftAnswers(deps, kit);
  const fromBank = createDraftFromBank(deps, kit);

  return {
    get: fresh,
    list(roomId: string): DraftView[] {
      rooms.get(roomId);
      const answers = drafts.answersOfRoom(roomId);
      return drafts.ofRoom(roomId).map((draft) => view(draft, answers.get(draft.id) ?? {}));
    },

    create(
      actor: ActingPerson,
      input: { roomId: string; trigger: DraftTrigger; body: string; networks: Network[] },
    ): DraftView {
      rooms.get(input.roomId);
      const author = actor(input.roomId);
      requireWriter(
        author,
        'errors.draft.createRole',
        (role) => `Only a lead or a writer can start a draft; you are ${role} in this room.`,
      );
      checkBody(input.body);
      const at = now();
      const trigger = triggerTime(input.trigger, at, (itemId) => itemTime(input.roomId, itemId));
      const draft = db.transaction(() =>
        insertNew({
          roomId: input.roomId,
          author,
          body: input.body,
          networks: [...new Set(input.networks)],
          triggerKind: input.trigger.kind,
          triggerRef: trigger.ref,
          triggerAt: trigger.at,
          at,
        }),
      )();
      return done(draft);
    },

    /** Autosave: committed before it returns. A save from a stale version is refused with both texts. */
    save(
      actor: ActingPerson,
      input: {
        id: string;
        body: string;
        baseVersion: number;
        networks?: Network[];
        media?: string[];
        altTexts?: Record<string, string>;
      },
    ): DraftView {
      checkBody(input.body);
      const current = mustChange(input.id);
      const by = actor(current.roomId);
      if (current.version !== input.baseVersion) {
        throw keyedError(
          'conflict',
          'errors.draft.saveConflict',
          `Someone else saved this draft while you were writing (you started from version ${input.baseVersion}, it is now version ${current.version}). Nothing was overwritten.\n\nTheir text:\n${current.body}\n\nYour text:\n${input.body}`,
          {
            field: 'baseVersion',
            params: { base: input.baseVersion, current: current.version, theirs: current.body, mine: input.body },
          },
        );
      }
      if (!canEdit(current, by)) {
        throw current.state === 'draft' || current.state === 'changes_requested'
          ? keyedError('forbidden', 'errors.draft.cannotEdit', `As ${by.role}, you cannot edit this draft.`, {
              params: { role: by.role },
            })
          : keyedError(
              'invalid_transition',
              'errors.draft.editClosed',
              `A draft that is ${current.state.replace('_', ' ')} cannot be edited; take it back for editing first.`,
              { params: { state: current.state.replace('_', ' ') } },
            );
      }
      const networks = input.networks ? [...new Set(input.networks)] : current.networks;
      const media = input.media ? checkMedia(input.media, (name) => assetExists(current.roomId, name)) : current.media;
      // Alt text is kept only for images still attached.
      const altTexts = Object.fromEntries(
        media.map((name) => [name, (input.altTexts ?? current.altTexts)[name] ?? '']).filter(([, text]) => text !== ''),
      );
      const sameMedia =
        JSON.stringify(media) === JSON.stringify(current.media) &&
        JSON.stringify(altTexts) === JSON.stringify(current.altTexts);
      if (input.body === current.body && networks.join() === current.networks.join() && sameMedia)
        return view(current, drafts.answers(current.id));
      const at = now();
      db.transaction(() => {
        const edited: StoredDraft = input.body === current.body ? current : { ...current, ...recordEdit(current, at) };
        write({ ...edited, body: input.body, networks, media, altTexts, updatedAt: Math.max(edited.updatedAt, at) });
        const began = drafts.recordRevision({
          draftId: current.id,
          version: current.version + 1,
          body: input.body,
          memberId: by.id,
          at,
          burstMs: REVISION_BURST_MS,
        });
        if (began) audit.record({ type: 'edited', roomId: current.roomId, draftId: current.id, actor: by, at });
      })();
      return done(current);
    },

    assign(actor: ActingPerson, input: { id: string; assigneeId: string | null }): DraftView {
      const current = mustChange(input.id);
      const by = actor(current.roomId);
      const assignee = input.assigneeId === null ? null : team.member(current.roomId, input.assigneeId, 'assigneeId');
      const at = now();
      db.transaction(() => {
        write({ ...current, assigneeId: assignee?.id ?? null, updatedAt: Math.max(current.updatedAt, at) });
        audit.record({
          type: 'assigned',
          roomId: current.roomId,
          draftId: current.id,
          actor: by,
          at,
          assignee: assignee?.name ?? '—',
        });
      })();
      return done(current);
    },

    transition(actor: ActingPerson, input: { id: string; action: DraftAction }): DraftView {
      const current = mustChange(input.id);
      const by = actor(current.roomId);
      const at = now();
      const checklist = checklistOf(current, drafts.answers(current.id), at);
      const result = transition(current, input.action, {
        actor: by,
        room: team.policy(current.roomId),
        checklist,
        now: at,
      });
      if (!result.ok) {
        throw keyedError(result.code, result.messageKey, result.message, { field: 'action', params: result.params });
      }
      const { event } = result;
      const commit = db.transaction(() => {
        write({ ...current, ...result.draft });
        audit.record({ type: event.type, roomId: current.roomId, actor: by, event });
      });
      // An approval (or a publish mark) is a promise made to the team: it must survive a power cut.
      if (result.draft.state === 'approved' || result.draft.state === 'published') durably(db, commit);
      else commit();
      return done(current);
    },

    answer: answers.answer,
    startFromBank: fromBank.startFromBank,
    comment(actor: ActingPerson, input: { id: string; body: string }) {
      const current = mustGet(input.id);
      const by = actor(current.roomId);
      const at = now();
      const comment = db.transaction(() => {
        const added = drafts.addComment(current.id, by.id, input.body, at);
        audit.record({ type: 'commented', roomId: current.roomId, draftId: current.id, actor: by, at });
        return added;
      })();
      onChanged(current.roomId, current.id);
      return comment;
    },
    /**
     * The timer's side of the lifecycle: expires a draft whose window has closed, as the
     * system. Returns false when there was nothing to do (extended, moved on, or gone meanwhile).
     */
    expireIfStale(id: string): boolean {
      const current = drafts.get(id);
      if (!current) return false;
      const at = now();
      const result = transition(
        current,
        { type: 'expire' },
        {
          // The lifecycle lets the clock expire a draft whatever the role; this one is never checked.
          actor: { id: systemActor.id, name: systemActor.name, role: 'observer' },
          room: team.policy(current.roomId),
          checklist: { template: checklists.template(current.roomId), answers: {} },
          now: at,
        },
      );
      if (!result.ok) return false;
      const { event } = result;
      const expired = db.transaction(() => {
        if (!drafts.update({ ...current, ...result.draft })) return false;
        audit.record({
          type: event.type,
          roomId: current.roomId,
          actor: systemActor,
          event: { ...event, detail: { ...event.detail, expiresAt: current.expiresAt } },
        });
        return true;
      })();
      if (expired) onChanged(current.roomId, current.id);
      return expired;
    },
    comments: (id: string) => drafts.comments(mustGet(id).id),
    revisions: (id: string) => drafts.revisions(mustGet(id).id),
  };
}
