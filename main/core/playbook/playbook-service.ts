import { emptyPlaybook, exportPlaybookFile, parsePlaybookFile, Playbook } from '../../../shared/playbook/playbook';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import { roomDocument } from '../db/room-document';
import { keyedError } from '../errors';
import type { RoomService } from '../rooms/room-service';
import { requireWriter, type ActingPerson } from '../team/team-roles';

export interface PlaybookServiceDeps {
  db: Db;
  rooms: RoomService;
  audit: AuditLog;
  now: () => number;
  onChanged: (roomId: string) => void;
}

export type PlaybookService = ReturnType<typeof createPlaybookService>;

/** The room's brand pillars, voice, banned terms and allies: what drafts are checked against. */
export function createPlaybookService({ db, rooms, audit, now, onChanged }: PlaybookServiceDeps) {
  // Never an empty playbook in its place: drafts would pass banned terms the room had set.
  const documents = roomDocument(db, 'room_playbooks', 'playbook', Playbook, () => {
    throw keyedError(
      'unavailable',
      'errors.faults.playbookUnreadable',
      'This room’s playbook could not be read from the store (it may be damaged, or a newer Riposte wrote it), so drafts cannot be checked against it. A lead or writer can import or save the playbook again, or restore a backup.',
    );
  });
  const playbook = (roomId: string): Playbook => documents.get(roomId) ?? emptyPlaybook;

  const update = (roomId: string, actor: ActingPerson, next: Playbook): Playbook => {
    const by = actor(roomId);
    requireWriter(
      by,
      'errors.playbook.cannotEdit',
      (role) => `Only a lead or a writer can change the playbook; you are ${role}.`,
    );
    const at = now();
    db.transaction(() => {
      documents.put(roomId, next, at);
      audit.record({ type: 'playbook_updated', roomId, actor: by, at });
    })();
    onChanged(roomId);
    return next;
  };

  return {
    playbook,
    get(roomId: string): Playbook {
      rooms.get(roomId);
      return playbook(roomId);
    },
    update,
    export(roomId: string) {
      const room = rooms.get(roomId);
      const slug =
        room.name
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, '-')
          .replace(/^-|-$/g, '') || 'room';
      return { fileName: `playbook-${slug}.json`, text: exportPlaybookFile(playbook(roomId), now()) };
    },
    import(roomId: string, actor: ActingPerson, text: string): Playbook {
      const parsed = parsePlaybookFile(text);
      if (!parsed.ok) {
        throw keyedError(parsed.code, parsed.messageKey ?? 'errors.playbook.invalidFile', parsed.message, {
          ...(parsed.field ? { field: parsed.field } : {}),
          ...(parsed.params ? { params: parsed.params } : {}),
        });
      }
      return update(roomId, actor, parsed.value);
    },
  };
}
