import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RoomMember } from '../../../shared/contract/calls/drafts';
import { parseChecklistTemplate, type ChecklistTemplate } from '../../../shared/drafts/checklist';
import { formatMessage, type MessageParams } from '../../../shared/drafts/messages';
import { defaultRoomPolicy, type Role, type RoomPolicy } from '../../../shared/drafts/team';
import { emptyPlaybook, exportPlaybookFile, parsePlaybookFile, type Playbook } from '../../../shared/playbook/playbook';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';
import { keyedError } from '../errors';
import type { RoomService } from '../rooms/room-service';
import type { TeamRepository } from './team-repository';

/** Audit lines the lifecycle does not produce (it only knows transitions). */
const teamEventsEn = {
  'drafts.event.created': '{{actor}} created a draft.',
  'drafts.event.edited': '{{actor}} edited the draft.',
  'drafts.event.assigned': '{{actor}} assigned the draft to {{assignee}}.',
  'drafts.event.commented': '{{actor}} commented.',
  'drafts.event.answered': '{{actor}} answered "{{item}}": {{value}}.',
  'drafts.event.fromBank': '{{actor}} took "{{title}}" from the pre-approved bank.',
  'drafts.event.bankAdded': '{{actor}} added "{{title}}" to the pre-approved bank.',
  'drafts.event.bankLinked': '{{actor}} tied "{{title}}" to a run-of-show cue.',
  'drafts.event.bankUnlinked': '{{actor}} untied "{{title}}" from its cue.',
  'drafts.event.memberAdded': '{{name}} joined the room as {{role}}.',
  'drafts.event.memberRemoved': '{{actor}} removed {{name}} from the room.',
  'drafts.event.policyUpdated': '{{actor}} changed the room’s review rules.',
  'drafts.event.playbookUpdated': '{{actor}} changed the playbook.',
  'drafts.event.checklistUpdated': '{{actor}} changed the checklist template.',
} as const;
export type TeamEventKey = keyof typeof teamEventsEn;

/** Who a line of the audit trail names: a member, or Riposte itself acting on a timer. */
export interface AuditActor {
  id: string;
  name: string;
  role: RoomMember['role'] | 'system';
}

export interface AuditInput {
  roomId: string;
  draftId: string | null;
  type: string;
  actor: AuditActor;
  at: number;
  from?: string | null;
  to?: string | null;
  detail?: object;
  key: TeamEventKey;
  params?: MessageParams;
  /** A line the lifecycle already wrote (its own key and English text). */
  written?: { messageKey: string; message: string };
}

export interface TeamServiceDeps {
  db: Db;
  team: TeamRepository;
  rooms: RoomService;
  resourcesDir: string;
  now: () => number;
  onChanged: (roomId: string) => void;
}

export type TeamService = ReturnType<typeof createTeamService>;

export function createTeamService({ db, team, rooms, resourcesDir, now, onChanged }: TeamServiceDeps) {
  let seedTemplate: ChecklistTemplate | undefined;
  const loadSeedTemplate = (): ChecklistTemplate => {
    if (seedTemplate) return seedTemplate;
    const file = join(resourcesDir, 'checklists', 'realtime-preflight.json');
    const parsed = parseChecklistTemplate(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.ok) throw new AppError('internal', `The bundled checklist ${file} is invalid: ${parsed.message}`);
    seedTemplate = parsed.value;
    return seedTemplate;
  };

  const audit = (input: AuditInput) => {
    const params: MessageParams = { actor: input.actor.name, ...input.params };
    team.appendAudit({
      roomId: input.roomId,
      draftId: input.draftId,
      type: input.type,
      actorId: input.actor.id,
      actorName: input.actor.name,
      actorRole: input.actor.role,
      at: input.at,
      from: input.from ?? null,
      to: input.to ?? null,
      detail: input.detail ?? {},
      messageKey: input.written?.messageKey ?? input.key,
      params,
      message: input.written?.message ?? formatMessage(teamEventsEn[input.key], params),
    });
  };

  /** The member acting, who must belong to the room; everything they do is checked against their role. */
  const current = (roomId: string, id: string): RoomMember | undefined => {
    const member = team.member(id);
    return member && member.roomId === roomId && member.removedAt === null ? member : undefined;
  };

  const actor = (roomId: string, actorId: string): RoomMember => {
    const member = current(roomId, actorId);
    if (!member) {
      throw keyedError(
        'forbidden',
        'errors.team.pickYourself',
        'Pick who you are: this person is not a member of this room (any more).',
        { field: 'actorId' },
      );
    }
    return member;
  };

  /** Someone acted upon (an assignee, a member to remove): the error names that field, not the actor. */
  const member = (roomId: string, id: string, field: string): RoomMember => {
    const found = current(roomId, id);
    if (!found) {
      throw keyedError(
        'not_found',
        'errors.team.notMember',
        'This person is not a member of this room (any more); pick someone from the team.',
        { field },
      );
    }
    return found;
  };

  /** `action` names the sentence's key (errors.team.leadOnly.<action>) and its English text. */
  const requireLead = (by: RoomMember, action: 'removeMember' | 'policy' | 'checklist', what: string) => {
    if (by.role !== 'lead') {
      throw keyedError(
        'forbidden',
        `errors.team.leadOnly.${action}`,
        `Only a lead can ${what}; you are ${by.role} in this room.`,
        { field: 'actorId', params: { role: by.role } },
      );
    }
  };

  const policy = (roomId: string): RoomPolicy => team.policy.get(roomId) ?? defaultRoomPolicy;
  const playbook = (roomId: string): Playbook => team.playbook.get(roomId) ?? emptyPlaybook;
  /** The room's template; the bundled pre-flight until a lead edits it. */
  const template = (roomId: string): ChecklistTemplate => team.template.get(roomId) ?? loadSeedTemplate();

  const changed = <T>(roomId: string, value: T): T => {
    onChanged(roomId);
    return value;
  };

  return {
    audit,
    actor,
    member,
    policy,
    playbook,
    template,
    members(roomId: string, includeRemoved: boolean): RoomMember[] {
      rooms.get(roomId);
      return team.members(roomId, includeRemoved);
    },
    /** Anyone may join for now (the person at the keyboard picks who they are). */
    addMember(roomId: string, name: string, role: Role): RoomMember {
      rooms.get(roomId);
      const id = randomUUID();
      const at = now();
      db.transaction(() => {
        team.addMember({ id, roomId, name, role, at });
        const member: RoomMember = { id, roomId, name, role, removedAt: null };
        audit({
          roomId,
          draftId: null,
          type: 'member_added',
          actor: member,
          at,
          key: 'drafts.event.memberAdded',
          params: { name, role },
        });
      })();
      return changed(roomId, { id, roomId, name, role, removedAt: null });
    },
    removeMember(roomId: string, actorId: string, memberId: string): RoomMember {
      const by = actor(roomId, actorId);
      if (by.id !== memberId) requireLead(by, 'removeMember', 'remove someone else from the room');
      const target = member(roomId, memberId, 'memberId');
      const at = now();
      db.transaction(() => {
        team.removeMember(memberId, at);
        audit({
          roomId,
          draftId: null,
          type: 'member_removed',
          actor: by,
          at,
          key: 'drafts.event.memberRemoved',
          params: { name: target.name },
        });
      })();
      return changed(roomId, { ...target, removedAt: at });
    },
    updatePolicy(roomId: string, actorId: string, next: RoomPolicy): RoomPolicy {
      const by = actor(roomId, actorId);
      requireLead(by, 'policy', 'change who approves');
      const at = now();
      db.transaction(() => {
        team.policy.put(roomId, next, at);
        audit({
          roomId,
          draftId: null,
          type: 'policy_updated',
          actor: by,
          at,
          key: 'drafts.event.policyUpdated',
          detail: next,
        });
      })();
      return changed(roomId, next);
    },
    updatePlaybook(roomId: string, actorId: string, next: Playbook): Playbook {
      const by = actor(roomId, actorId);
      if (by.role !== 'lead' && by.role !== 'writer') {
        throw keyedError(
          'forbidden',
          'errors.playbook.cannotEdit',
          `Only a lead or a writer can change the playbook; you are ${by.role}.`,
          { field: 'actorId', params: { role: by.role } },
        );
      }
      const at = now();
      db.transaction(() => {
        team.playbook.put(roomId, next, at);
        audit({ roomId, draftId: null, type: 'playbook_updated', actor: by, at, key: 'drafts.event.playbookUpdated' });
      })();
      return changed(roomId, next);
    },
    exportPlaybook(roomId: string) {
      const room = rooms.get(roomId);
      const slug =
        room.name
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, '-')
          .replace(/^-|-$/g, '') || 'room';
      return { fileName: `playbook-${slug}.json`, text: exportPlaybookFile(playbook(roomId), now()) };
    },
    importPlaybook(roomId: string, actorId: string, text: string): Playbook {
      const parsed = parsePlaybookFile(text);
      if (!parsed.ok) {
        throw keyedError(parsed.code, parsed.messageKey ?? 'errors.playbook.invalidFile', parsed.message, {
          ...(parsed.field ? { field: parsed.field } : {}),
          ...(parsed.params ? { params: parsed.params } : {}),
        });
      }
      return this.updatePlaybook(roomId, actorId, parsed.value);
    },
    updateTemplate(roomId: string, actorId: string, input: unknown): ChecklistTemplate {
      const by = actor(roomId, actorId);
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
        team.template.put(roomId, parsed.value, at);
        audit({
          roomId,
          draftId: null,
          type: 'checklist_updated',
          actor: by,
          at,
          key: 'drafts.event.checklistUpdated',
        });
      })();
      return changed(roomId, parsed.value);
    },
    /** Fixes the room's template on its first draft, so later edits of the bundled file don't move it. */
    ensureTemplate(roomId: string, at: number) {
      if (!team.template.get(roomId)) team.template.put(roomId, loadSeedTemplate(), at);
    },
  };
}
