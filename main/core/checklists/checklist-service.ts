import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChecklistTemplate, parseChecklistTemplate } from '../../../shared/drafts/checklist';
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
}

export type ChecklistService = ReturnType<typeof createChecklistService>;

/** The response checklist each room's drafts are reviewed against. */
export function createChecklistService({ db, rooms, audit, resourcesDir, now, onChanged }: ChecklistServiceDeps) {
  const documents = roomDocument(db, 'checklist_templates', 'template', ChecklistTemplate);
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
    /** Fixes the room's template on its first draft, so later edits of the bundled file don't move it. */
    ensureTemplate(roomId: string, at: number) {
      if (!documents.get(roomId)) documents.put(roomId, loadSeedTemplate(), at);
    },
  };
}
