import { randomUUID } from 'node:crypto';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { createAutoChecker, withAutoAnswers } from '../../../shared/drafts/auto-checks';
import { checklistProgress, type ChecklistAnswer, type ChecklistState } from '../../../shared/drafts/checklist';
import { withRoomAnswers } from '../../../shared/drafts/checklist-split';
import { createDraft, recordEdit } from '../../../shared/drafts/lifecycle';
import type { Network } from '../../../shared/drafts/networks';
import type { AuditLog } from '../audit/audit-log';
import type { ChecklistService } from '../checklists/checklist-service';
import type { Db } from '../db/open-database';
import { keyedError } from '../errors';
import type { PlaybookService } from '../playbook/playbook-service';
import type { RoomService } from '../rooms/room-service';
import type { TeamService } from '../team/team-service';
import { blockingParts, type DraftRepository, type StoredDraft } from './draft-repository';
import { refuseUnreadable } from './draft-unreadable';

/** What the drafts area uses from the rest of the core; every draft operation gets the same. */
export interface DraftDeps {
  db: Db;
  drafts: DraftRepository;
  team: Pick<TeamService, 'policy' | 'member'>;
  playbook: Pick<PlaybookService, 'playbook'>;
  checklists: Pick<ChecklistService, 'template' | 'ensureTemplate' | 'roomAnswers'>;
  audit: AuditLog;
  rooms: RoomService;
  now: () => number;
  onChanged: (roomId: string, draftId: string | null) => void;
}

/**
 * What every draft operation shares: reading a draft or failing clearly, judging its
 * checklist, the view sent to the renderer, the version-checked write, and inserting a new
 * draft with its first revision and audit line. The operations themselves live in
 * draft-service.ts, draft-answers.ts and draft-from-bank.ts.
 */
export function createDraftKit({ drafts, team, playbook: playbooks, checklists, audit, now, onChanged }: DraftDeps) {
  const mustGet = (id: string): StoredDraft => {
    const draft = drafts.get(id);
    if (!draft) throw keyedError('not_found', 'errors.draft.notFound', 'This draft no longer exists.', { field: 'id' });
    return draft;
  };

  /** A draft a person is about to change: refused when its images or approvals do not read. */
  const mustChange = (id: string): StoredDraft => {
    const draft = mustGet(id);
    refuseUnreadable(draft.unreadable);
    return draft;
  };

  /**
   * The checklist as main judges it: the room-level answers carried in, people's answers on
   * this draft, and the automatic checks run on the body now.
   */
  const checklistOf = (draft: StoredDraft, answers: Record<string, ChecklistAnswer>, at: number): ChecklistState => {
    const playbook = playbooks.playbook(draft.roomId);
    const results = createAutoChecker({
      bannedTerms: playbook.bannedTerms,
      alliedAccounts: playbook.alliedSources.accounts,
      targets: draft.networks,
      images: draft.media.map((name) => ({ name, altText: draft.altTexts[name] ?? '' })),
    })(draft.body);
    const template = checklists.template(draft.roomId);
    const carried = withRoomAnswers(template, checklists.roomAnswers(draft.roomId), answers);
    return withAutoAnswers({ template, answers: carried }, results, at);
  };

  const view = (draft: StoredDraft, answers: Record<string, ChecklistAnswer>): DraftView => {
    const progress = checklistProgress(checklistOf(draft, answers, now()));
    return {
      ...draft,
      answers,
      progress: {
        total: progress.total,
        answered: progress.answered,
        requiredTotal: progress.requiredTotal,
        requiredMet: progress.requiredMet,
        readyForApproval: progress.readyForApproval,
      },
      unreadable: blockingParts(draft),
    };
  };

  const fresh = (id: string): DraftView => view(mustGet(id), drafts.answers(id));

  /** Writes the next state over the version read; a lost race is a conflict, never an overwrite. */
  const write = (next: StoredDraft) => {
    if (!drafts.update(next)) {
      throw keyedError(
        'conflict',
        'errors.draft.raced',
        'Someone changed this draft at the same moment. Reload it and try again.',
      );
    }
  };

  const done = (draft: StoredDraft): DraftView => {
    onChanged(draft.roomId, draft.id);
    return fresh(draft.id);
  };

  const insertNew = (input: {
    roomId: string;
    author: RoomMember;
    body: string;
    networks: Network[];
    triggerKind: StoredDraft['triggerKind'];
    triggerRef: string | null;
    triggerAt: number;
    at: number;
  }): StoredDraft => {
    const base = createDraft({
      id: randomUUID(),
      authorId: input.author.id,
      triggerAt: input.triggerAt,
      now: input.at,
      room: team.policy(input.roomId),
    });
    const edited = input.body.length > 0 ? recordEdit(base, input.at) : base;
    const draft: StoredDraft = {
      ...edited,
      roomId: input.roomId,
      body: input.body,
      networks: input.networks,
      media: [],
      altTexts: {},
      unreadable: [],
      triggerKind: input.triggerKind,
      triggerRef: input.triggerRef,
      assigneeId: input.author.id,
      version: 1,
      createdAt: input.at,
    };
    checklists.ensureTemplate(input.roomId, input.at);
    drafts.insert(draft);
    if (input.body.length > 0) {
      drafts.recordRevision({
        draftId: draft.id,
        version: 1,
        body: input.body,
        memberId: input.author.id,
        at: input.at,
        burstMs: 0,
      });
    }
    audit.record({
      type: 'created',
      roomId: input.roomId,
      draftId: draft.id,
      actor: input.author,
      at: input.at,
      state: draft.state,
      trigger: input.triggerKind,
      ref: input.triggerRef,
    });
    return draft;
  };

  return { mustGet, mustChange, checklistOf, view, fresh, write, done, insertNew };
}
export type DraftKit = ReturnType<typeof createDraftKit>;
