import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  ChecklistAnswer,
  ChecklistTemplate,
  checkAnswer,
  parseChecklistTemplate,
  type AnswerValue,
} from '../../../shared/drafts/checklist';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import { roomDocument } from '../db/room-document';
import { AppError, keyedError } from '../errors';
import type { RoomService } from '../rooms/room-service';
import { requireLead, type ActingPerson } from '../team/team-roles';

export interface ChecklistServiceDeps {
  db: Db;
  rooms: RoomService;
  audit: AuditLog;
  /** Holds checklists/realtime-preflight.json, the template a room starts with. */
  resourcesDir: string;
  now: () => number;
  onChanged: (roomId: string) => void;
  /** Room-level answers move every draft's progress: the drafts' listeners refetch. */
  onRoomAnswered: (roomId: string) => void;
}

export type ChecklistService = ReturnType<typeof createChecklistService>;

/** The room-level answers of a stored text that does not read as a whole: each one that does. */
function readableAnswers(text: string): Record<string, ChecklistAnswer> {
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  const answers: Record<string, ChecklistAnswer> = {};
  for (const [itemId, value] of Object.entries(stored)) {
    const answer = ChecklistAnswer.safeParse(value);
    if (answer.success) answers[itemId] = answer.data;
  }
  return answers;
}

/** The response checklist each room's drafts are reviewed against. */
export function createChecklistService({
  db,
  rooms,
  audit,
  resourcesDir,
  now,
  onChanged,
  onRoomAnswered,
}: ChecklistServiceDeps) {
  // Never the bundled pre-flight in its place: the room's own questions would go unasked.
  const documents = roomDocument(db, 'checklist_templates', 'template', ChecklistTemplate, () => {
    throw keyedError(
      'unavailable',
      'errors.faults.checklistUnreadable',
      'This room’s checklist could not be read from the store (it may be damaged, or a newer Riposte wrote it), so drafts cannot be reviewed against it. A lead can save the checklist again, or restore a backup.',
    );
  });
  // An answer that does not read is only that question unanswered again (asked once more, never skipped).
  const roomAnswerDocs = roomDocument(
    db,
    'checklist_room_answers',
    'answers',
    z.record(z.string(), ChecklistAnswer),
    readableAnswers,
  );
  let seedTemplate: ChecklistTemplate | undefined;
  const loadSeedTemplate = (): ChecklistTemplate => {
    if (seedTemplate) return seedTemplate;
    const file = join(resourcesDir, 'checklists', 'realtime-preflight.json');
    const parsed = parseChecklistTemplate(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.ok) throw new AppError('internal', `The bundled checklist ${file} is invalid: ${parsed.message}`);
    seedTemplate = parsed.value;
    return seedTemplate;
  };
  /** The room's template; the bundled pre-flight until a lead edits it. */
  const template = (roomId: string): ChecklistTemplate => documents.get(roomId) ?? loadSeedTemplate();

  return {
    template,
    get(roomId: string): ChecklistTemplate {
      rooms.get(roomId);
      return template(roomId);
    },
    update(roomId: string, actor: ActingPerson, input: unknown): ChecklistTemplate {
      const by = actor(roomId);
      requireLead(by, 'checklist', 'change the checklist');
      const parsed = parseChecklistTemplate(input);
      if (!parsed.ok) {
        throw keyedError(parsed.code, parsed.messageKey ?? 'errors.checklist.invalidTemplate', parsed.message, {
          field: parsed.field ? `template.${parsed.field}` : 'template',
          ...(parsed.params ? { params: parsed.params } : {}),
        });
      }
      const at = now();
      db.transaction(() => {
        documents.put(roomId, parsed.value, at);
        audit.record({ type: 'checklist_updated', roomId, actor: by, at });
      })();
      onChanged(roomId);
      return parsed.value;
    },
    /** The room-level answers, carried on every draft of the room. */
    roomAnswers(roomId: string): Record<string, ChecklistAnswer> {
      return roomAnswerDocs.get(roomId) ?? {};
    },
    /**
     * A lead answers a room-level question once, before the event (null takes the answer
     * back, as an undo does). Each answer writes its audit line in the same transaction.
     */
    answerRoom(
      roomId: string,
      actor: ActingPerson,
      input: { itemId: string; value: AnswerValue | null; note?: string },
    ): Record<string, ChecklistAnswer> {
      rooms.get(roomId);
      const by = actor(roomId);
      requireLead(by, 'checklist', 'change the checklist');
      const item = template(roomId).items.find((i) => i.id === input.itemId);
      if (!item) {
        throw keyedError('not_found', 'errors.checklist.noItem', `The checklist has no item "${input.itemId}".`, {
          field: 'itemId',
          params: { item: input.itemId },
        });
      }
      if (item.kind !== 'question' || item.scope !== 'room') {
        throw keyedError(
          'invalid_input',
          'errors.checklist.notRoomItem',
          `"${item.text.en}" is asked of each draft, not once for the room.`,
          { field: 'itemId', params: { item: item.text.en } },
        );
      }
      if (input.value !== null) {
        const checked = checkAnswer(item, { value: input.value });
        if (!checked.ok) {
          throw keyedError(checked.code, checked.messageKey ?? 'errors.checklist.naNotAllowed', checked.message, {
            field: 'value',
            params: { item: item.text.en, ...checked.params },
          });
        }
      }
      const at = now();
      const next = db.transaction(() => {
        const { [item.id]: _previous, ...others } = roomAnswerDocs.get(roomId) ?? {};
        const answers: Record<string, ChecklistAnswer> =
          input.value === null
            ? others
            : {
                ...others,
                [item.id]: { value: input.value, ...(input.note ? { note: input.note } : {}), by: by.id, at },
              };
        roomAnswerDocs.put(roomId, answers, at);
        audit.record({
          type: 'checklist_room_answered',
          roomId,
          actor: by,
          at,
          itemId: item.id,
          item: item.text,
          value: input.value ?? 'cleared',
          ...(input.note ? { note: input.note } : {}),
        });
        return answers;
      })();
      onRoomAnswered(roomId);
      return next;
    },
    /** Fixes the room's template on its first draft, so later edits of the bundled file don't move it. */
    ensureTemplate(roomId: string, at: number) {
      if (!documents.get(roomId)) documents.put(roomId, loadSeedTemplate(), at);
    },
  };
}
