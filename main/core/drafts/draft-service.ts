import type { DraftTrigger, DraftView } from '../../../shared/contract/calls/drafts';
import { canEdit, recordEdit, transition, type DraftAction } from '../../../shared/drafts/lifecycle';
import type { Network } from '../../../shared/drafts/networks';
import type { Db } from '../db/open-database';
import type { RoomService } from '../rooms/room-service';
import { createDraftAnswers } from './draft-answers';
import { keyedError } from '../errors';
import { createDraftFromBank } from './draft-from-bank';
import { createDraftKit } from './draft-kit';
import type { DraftRepository, StoredDraft } from './draft-repository';
import { checkBody, checkMedia, REVISION_BURST_MS, triggerTime } from './draft-rules';
import type { AuditActor, TeamService } from './team-service';

/** Riposte itself, when the clock (not a person) closes a draft's freshness window. */
export const systemActor: AuditActor = { id: 'system', name: 'Riposte', role: 'system' };

export interface DraftServiceDeps {
  db: Db;
  drafts: DraftRepository;
  team: TeamService;
  rooms: RoomService;
  now: () => number;
  /** When the item that prompted a response was published; undefined when there is no such item. */
  itemTime: (roomId: string, itemId: number) => number | undefined;
  /** Whether `name` is an image in the room's asset folder now. */
  assetExists: (roomId: string, name: string) => boolean;
  onChanged: (roomId: string, draftId: string | null) => void;
}

export type DraftService = ReturnType<typeof createDraftService>;

export function createDraftService(deps: DraftServiceDeps) {
  const { db, drafts, team, rooms, now, itemTime, assetExists, onChanged } = deps;
  const kit = createDraftKit({ drafts, team, now, onChanged });
  const { mustGet, checklistOf, view, fresh, write, done, insertNew } = kit;
  const answers = createDraftAnswers({ db, drafts, team, now, kit });
  const fromBank = createDraftFromBank({ db, team, now, kit });

  return {
    get: fresh,
    list(roomId: string): DraftView[] {
      rooms.get(roomId);
      const answers = drafts.answersOfRoom(roomId);
      return drafts.ofRoom(roomId).map((draft) => view(draft, answers.get(draft.id) ?? {}));
    },

    create(input: {
      roomId: string;
      actorId: string;
      trigger: DraftTrigger;
      body: string;
      networks: Network[];
    }): DraftView {
      rooms.get(input.roomId);
      const author = team.actor(input.roomId, input.actorId);
      if (author.role !== 'lead' && author.role !== 'writer') {
        throw keyedError(
          'forbidden',
          'errors.draft.createRole',
          `Only a lead or a writer can start a draft; you are ${author.role} in this room.`,
          { field: 'actorId', params: { role: author.role } },
        );
      }
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
    save(input: {
      id: string;
      actorId: string;
      body: string;
      baseVersion: number;
      networks?: Network[];
      media?: string[];
    }): DraftView {
      checkBody(input.body);
      const current = mustGet(input.id);
      const by = team.actor(current.roomId, input.actorId);
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
              field: 'actorId',
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
      const sameMedia = JSON.stringify(media) === JSON.stringify(current.media);
      if (input.body === current.body && networks.join() === current.networks.join() && sameMedia)
        return view(current, drafts.answers(current.id));
      const at = now();
      db.transaction(() => {
        const edited: StoredDraft = input.body === current.body ? current : { ...current, ...recordEdit(current, at) };
        write({ ...edited, body: input.body, networks, media, updatedAt: Math.max(edited.updatedAt, at) });
        const began = drafts.recordRevision({
          draftId: current.id,
          version: current.version + 1,
          body: input.body,
          memberId: by.id,
          at,
          burstMs: REVISION_BURST_MS,
        });
        if (began) {
          team.audit({
            roomId: current.roomId,
            draftId: current.id,
            type: 'edited',
            actor: by,
            at,
            key: 'drafts.event.edited',
          });
        }
      })();
      return done(current);
    },

    assign(input: { id: string; actorId: string; assigneeId: string | null }): DraftView {
      const current = mustGet(input.id);
      const by = team.actor(current.roomId, input.actorId);
      const assignee = input.assigneeId === null ? null : team.member(current.roomId, input.assigneeId, 'assigneeId');
      const at = now();
      db.transaction(() => {
        write({ ...current, assigneeId: assignee?.id ?? null, updatedAt: Math.max(current.updatedAt, at) });
        team.audit({
          roomId: current.roomId,
          draftId: current.id,
          type: 'assigned',
          actor: by,
          at,
          key: 'drafts.event.assigned',
          params: { assignee: assignee?.name ?? '—' },
        });
      })();
      return done(current);
    },

    transition(input: { id: string; actorId: string; action: DraftAction }): DraftView {
      const current = mustGet(input.id);
      const by = team.actor(current.roomId, input.actorId);
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
      db.transaction(() => {
        write({ ...current, ...result.draft });
        team.audit({
          roomId: current.roomId,
          draftId: current.id,
          type: event.type,
          actor: by,
          at: event.at,
          from: event.from,
          to: event.to,
          detail: event.detail,
          key: 'drafts.event.edited',
          params: event.params,
          written: { messageKey: event.messageKey, message: event.message },
        });
      })();
      return done(current);
    },

    answer: answers.answer,
    startFromBank: fromBank.startFromBank,
    comment(input: { id: string; actorId: string; body: string }) {
      const current = mustGet(input.id);
      const by = team.actor(current.roomId, input.actorId);
      const at = now();
      const comment = db.transaction(() => {
        const added = drafts.addComment(current.id, by.id, input.body, at);
        team.audit({
          roomId: current.roomId,
          draftId: current.id,
          type: 'commented',
          actor: by,
          at,
          key: 'drafts.event.commented',
        });
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
          checklist: { template: team.template(current.roomId), answers: {} },
          now: at,
        },
      );
      if (!result.ok) return false;
      const { event } = result;
      const expired = db.transaction(() => {
        if (!drafts.update({ ...current, ...result.draft })) return false;
        team.audit({
          roomId: current.roomId,
          draftId: current.id,
          type: event.type,
          actor: systemActor,
          at: event.at,
          from: event.from,
          to: event.to,
          detail: { ...event.detail, expiresAt: current.expiresAt },
          key: 'drafts.event.edited',
          params: event.params,
          written: { messageKey: event.messageKey, message: event.message },
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
