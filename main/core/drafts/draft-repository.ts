import { z } from 'zod';
import type { Comment, Revision, UnreadableDraftPart } from '../../../shared/contract/calls/drafts';
import type { ChecklistAnswer } from '../../../shared/drafts/checklist';
import { Approval, ChecklistOverride, type DraftForLifecycle, type DraftState } from '../../../shared/drafts/draft';
import { Network } from '../../../shared/drafts/networks';
import type { Db } from '../db/open-database';

export type TriggerKind = 'item' | 'moment' | 'scratch' | 'bank';

/** A draft as stored: the lifecycle fields plus what the lifecycle does not need to know. */
export interface StoredDraft extends DraftForLifecycle {
  roomId: string;
  body: string;
  networks: Network[];
  /** Image names in the room's asset folder, attached to the post. */
  media: string[];
  /** Alt text per attached image name, sent with the image when it is published. */
  altTexts: Record<string, string>;
  triggerKind: TriggerKind;
  triggerRef: string | null;
  assigneeId: string | null;
  version: number;
  createdAt: number;
  /**
   * Stored parts that could not be read (a damaged store, a hand edit, rows a newer Riposte
   * wrote), each read as its fallback in the fields above. Writes keep such a part's stored
   * text unless the new value differs from that fallback, so nothing is written over it by
   * the clock, a publication or a save that did not touch it.
   */
  unreadable: StoredDraftPart[];
}

/** The stored JSON parts of a draft; `media`, `altTexts` and `approvals` have no safe fallback (see `blockingParts`). */
export type StoredDraftPart = UnreadableDraftPart | 'networks' | 'altTexts' | 'override';

/**
 * Parts whose fallback would change what is published or approved (an approved post going
 * out without its images, or with images but without their descriptions; a draft looking
 * more or less approved than it is): a draft with one of them unreadable is shown read-only
 * and every change or publication is refused. Unreadable descriptions are said as the images.
 */
export const blockingParts = (draft: Pick<StoredDraft, 'unreadable'>): UnreadableDraftPart[] => {
  const parts = new Set<UnreadableDraftPart>();
  for (const part of draft.unreadable) {
    if (part === 'media' || part === 'altTexts') parts.add('media');
    else if (part === 'approvals') parts.add('approvals');
  }
  return [...parts];
};

interface DraftRow {
  id: string;
  room_id: string;
  body: string;
  networks: string;
  media: string;
  media_alt: string;
  trigger_kind: TriggerKind;
  trigger_ref: string | null;
  author_id: string;
  assignee_id: string | null;
  state: DraftState;
  version: number;
  expires_at: number;
  scheduled_for: number | null;
  approvals: string;
  override: string | null;
  trigger_at: number;
  first_edit_at: number | null;
  submitted_at: number | null;
  approved_at: number | null;
  published_at: number | null;
  created_at: number;
  updated_at: number;
}

/** What each JSON part reads as when its stored text does not parse. */
const fallbacks = {
  networks: [] as Network[],
  media: [] as string[],
  altTexts: {} as Record<string, string>,
  approvals: [] as z.infer<typeof Approval>[],
  override: null as z.infer<typeof ChecklistOverride> | null,
};

const storedParts = {
  networks: z.array(Network),
  media: z.array(z.string()),
  altTexts: z.record(z.string(), z.string()),
  approvals: z.array(Approval),
  override: ChecklistOverride.nullable(),
};

function readPart<P extends StoredDraftPart>(
  part: P,
  text: string | null,
  unreadable: StoredDraftPart[],
): (typeof fallbacks)[P] {
  try {
    const parsed = storedParts[part].safeParse(text === null ? null : JSON.parse(text));
    if (parsed.success) return parsed.data as (typeof fallbacks)[P];
  } catch {
    // Not JSON: read as the fallback below.
  }
  unreadable.push(part);
  return fallbacks[part];
}

const toDraft = (row: DraftRow): StoredDraft => {
  const unreadable: StoredDraftPart[] = [];
  return {
    id: row.id,
    roomId: row.room_id,
    body: row.body,
    networks: readPart('networks', row.networks, unreadable),
    media: readPart('media', row.media, unreadable),
    altTexts: readPart('altTexts', row.media_alt, unreadable),
    triggerKind: row.trigger_kind,
    triggerRef: row.trigger_ref,
    authorId: row.author_id,
    assigneeId: row.assignee_id,
    state: row.state,
    version: row.version,
    expiresAt: row.expires_at,
    scheduledFor: row.scheduled_for,
    approvals: readPart('approvals', row.approvals, unreadable),
    override: readPart('override', row.override, unreadable),
    stopwatch: {
      triggerAt: row.trigger_at,
      firstEditAt: row.first_edit_at,
      submittedAt: row.submitted_at,
      approvedAt: row.approved_at,
      publishedAt: row.published_at,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    unreadable,
  };
};

/** The text to store for `part`, or null to keep what is stored (it did not read, and it is still its fallback). */
function written<P extends StoredDraftPart>(draft: StoredDraft, part: P, value: (typeof fallbacks)[P]): string | null {
  const kept = draft.unreadable.includes(part) && JSON.stringify(value) === JSON.stringify(fallbacks[part]);
  return kept ? null : JSON.stringify(value);
}

const toParams = (draft: StoredDraft) => ({
  id: draft.id,
  roomId: draft.roomId,
  body: draft.body,
  networks: written(draft, 'networks', draft.networks),
  media: written(draft, 'media', draft.media),
  mediaAlt: written(draft, 'altTexts', draft.altTexts),
  triggerKind: draft.triggerKind,
  triggerRef: draft.triggerRef,
  authorId: draft.authorId,
  assigneeId: draft.assigneeId,
  state: draft.state,
  version: draft.version,
  expiresAt: draft.expiresAt,
  scheduledFor: draft.scheduledFor,
  approvals: written(draft, 'approvals', draft.approvals),
  keepOverride: written(draft, 'override', draft.override) === null ? 1 : 0,
  override: draft.override === null ? null : JSON.stringify(draft.override),
  triggerAt: draft.stopwatch.triggerAt,
  firstEditAt: draft.stopwatch.firstEditAt,
  submittedAt: draft.stopwatch.submittedAt,
  approvedAt: draft.stopwatch.approvedAt,
  publishedAt: draft.stopwatch.publishedAt,
  createdAt: draft.createdAt,
  updatedAt: draft.updatedAt,
});

interface AnswerRow {
  item_id: string;
  value: 'pass' | 'fail' | 'na';
  note: string | null;
  member_id: string;
  at: number;
}

export type DraftRepository = ReturnType<typeof createDraftRepository>;

export function createDraftRepository(db: Db) {
  const insertDraft = db.prepare(
    `INSERT INTO drafts (id, room_id, body, networks, media, media_alt, trigger_kind, trigger_ref, author_id, assignee_id, state,
       version, expires_at, scheduled_for, approvals, override, trigger_at, first_edit_at, submitted_at,
       approved_at, published_at, created_at, updated_at)
     VALUES (@id, @roomId, @body, @networks, @media, @mediaAlt, @triggerKind, @triggerRef, @authorId, @assigneeId, @state,
       @version, @expiresAt, @scheduledFor, @approvals, @override, @triggerAt, @firstEditAt, @submittedAt,
       @approvedAt, @publishedAt, @createdAt, @updatedAt)`,
  );
  // Only writes when the stored version is the one the caller read: the second writer loses, loudly.
  // A part passed as null (override: keepOverride) keeps its stored text: it did not read and nobody changed it.
  const update = db.prepare(
    `UPDATE drafts SET body = @body, networks = coalesce(@networks, networks), media = coalesce(@media, media),
       media_alt = coalesce(@mediaAlt, media_alt), assignee_id = @assigneeId, state = @state,
       version = @version + 1, expires_at = @expiresAt, scheduled_for = @scheduledFor,
       approvals = coalesce(@approvals, approvals),
       override = CASE WHEN @keepOverride = 1 THEN override ELSE @override END, first_edit_at = @firstEditAt, submitted_at = @submittedAt, approved_at = @approvedAt,
       published_at = @publishedAt, updated_at = @updatedAt
     WHERE id = @id AND version = @version`,
  );
  const byId = db.prepare<[string], DraftRow>('SELECT * FROM drafts WHERE id = ?');
  const ofRoom = db.prepare<[string], DraftRow>(
    'SELECT * FROM drafts WHERE room_id = ? ORDER BY expires_at LIMIT 1000',
  );
  const answersOf = db.prepare<[string], AnswerRow>('SELECT * FROM checklist_answers WHERE draft_id = ? LIMIT 500');
  const answersOfRoom = db.prepare<[string], AnswerRow & { draft_id: string }>(
    `SELECT a.* FROM checklist_answers a JOIN drafts d ON d.id = a.draft_id WHERE d.room_id = ? LIMIT 100000`,
  );
  const saveAnswer = db.prepare(
    `INSERT INTO checklist_answers (draft_id, item_id, value, note, member_id, at)
     VALUES (@draftId, @itemId, @value, @note, @memberId, @at)
     ON CONFLICT(draft_id, item_id) DO UPDATE SET value = excluded.value, note = excluded.note,
       member_id = excluded.member_id, at = excluded.at`,
  );
  const deleteAnswer = db.prepare<[string, string]>('DELETE FROM checklist_answers WHERE draft_id = ? AND item_id = ?');
  const lastRevision = db.prepare<[string], { id: number; member_id: string; at: number }>(
    'SELECT id, member_id, at FROM draft_revisions WHERE draft_id = ? ORDER BY id DESC LIMIT 1',
  );
  const insertRevision = db.prepare(
    `INSERT INTO draft_revisions (draft_id, version, body, member_id, started_at, at)
     VALUES (@draftId, @version, @body, @memberId, @at, @at)`,
  );
  const extendRevision = db.prepare(
    'UPDATE draft_revisions SET body = @body, version = @version, at = @at WHERE id = @id',
  );
  const revisionsOf = db.prepare<
    [string],
    { id: number; version: number; body: string; member_id: string; started_at: number; at: number }
  >('SELECT * FROM draft_revisions WHERE draft_id = ? ORDER BY id DESC LIMIT 200');
  const insertComment = db.prepare<[string, string, string, number]>(
    'INSERT INTO draft_comments (draft_id, member_id, body, at) VALUES (?, ?, ?, ?)',
  );
  const commentsOf = db.prepare<[string], { id: number; member_id: string; body: string; at: number }>(
    'SELECT * FROM draft_comments WHERE draft_id = ? ORDER BY id LIMIT 1000',
  );

  // Joined from rooms so the (room_id, state, expires_at) index answers it without a scan.
  const dueForExpiry = db.prepare<[number], { id: string }>(
    `SELECT d.id FROM rooms r JOIN drafts d ON d.room_id = r.id
     WHERE d.state IN ('draft', 'in_review', 'changes_requested') AND d.expires_at <= ?
     LIMIT 500`,
  );

  const answersFrom = (rows: AnswerRow[]) => {
    const answers: Record<string, ChecklistAnswer> = {};
    for (const row of rows) {
      answers[row.item_id] = {
        value: row.value,
        ...(row.note === null ? {} : { note: row.note }),
        by: row.member_id,
        at: row.at,
      };
    }
    return answers;
  };

  return {
    insert: (draft: StoredDraft) => {
      const { keepOverride: _kept, ...params } = toParams(draft);
      return insertDraft.run(params);
    },
    /** Writes `draft` over the stored version `draft.version`; false when someone got there first. */
    update: (draft: StoredDraft): boolean => update.run(toParams(draft)).changes === 1,
    get: (id: string): StoredDraft | undefined => {
      const row = byId.get(id);
      return row ? toDraft(row) : undefined;
    },
    ofRoom: (roomId: string): StoredDraft[] => ofRoom.all(roomId).map(toDraft),
    /** Drafts still being written or reviewed whose window closed by `at` (at most 500 per sweep). */
    dueForExpiry: (at: number): string[] => dueForExpiry.all(at).map((row) => row.id),
    answers: (draftId: string) => answersFrom(answersOf.all(draftId)),
    answersOfRoom(roomId: string): Map<string, Record<string, ChecklistAnswer>> {
      const grouped = new Map<string, AnswerRow[]>();
      for (const row of answersOfRoom.all(roomId)) {
        const list = grouped.get(row.draft_id) ?? [];
        list.push(row);
        grouped.set(row.draft_id, list);
      }
      return new Map([...grouped].map(([id, rows]) => [id, answersFrom(rows)]));
    },
    saveAnswer: (answer: {
      draftId: string;
      itemId: string;
      value: string;
      note: string | null;
      memberId: string;
      at: number;
    }) => saveAnswer.run(answer),
    deleteAnswer: (draftId: string, itemId: string) => deleteAnswer.run(draftId, itemId),
    /**
     * Keeps one revision per burst of typing by one person: a save within `burstMs` of the
     * last one by the same member extends it. Returns true when a new revision began.
     */
    recordRevision(input: {
      draftId: string;
      version: number;
      body: string;
      memberId: string;
      at: number;
      burstMs: number;
    }): boolean {
      const last = lastRevision.get(input.draftId);
      if (last && last.member_id === input.memberId && input.at - last.at < input.burstMs) {
        extendRevision.run({ id: last.id, body: input.body, version: input.version, at: input.at });
        return false;
      }
      insertRevision.run({
        draftId: input.draftId,
        version: input.version,
        body: input.body,
        memberId: input.memberId,
        at: input.at,
      });
      return true;
    },
    revisions: (draftId: string): Revision[] =>
      revisionsOf.all(draftId).map((r) => ({
        id: r.id,
        version: r.version,
        body: r.body,
        memberId: r.member_id,
        startedAt: r.started_at,
        at: r.at,
      })),
    addComment(draftId: string, memberId: string, body: string, at: number): Comment {
      const id = Number(insertComment.run(draftId, memberId, body, at).lastInsertRowid);
      return { id, memberId, body, at };
    },
    comments: (draftId: string): Comment[] =>
      commentsOf.all(draftId).map((c) => ({ id: c.id, memberId: c.member_id, body: c.body, at: c.at })),
  };
}
