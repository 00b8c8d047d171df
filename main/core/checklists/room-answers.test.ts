import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/contract/calls/audit';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { ChecklistTemplate } from '../../../shared/drafts/checklist';
import { openQuestions } from '../../../shared/drafts/checklist-split';
import { tempCoresPerTest, createTestRoom, valueOf } from '../testing/temp-core';

const T0 = Date.UTC(2026, 6, 14, 20, 0, 0);
const createTempCore = tempCoresPerTest();
const roomItems = ['pillars', 'voice', 'strategy', 'ride_the_wave'];

async function setUp() {
  const core = createTempCore(() => T0, { startIngest: false });
  const call = <T>(name: string, input: unknown) => core.dispatch(name, input).then((r) => valueOf<T>(r));
  const room = await createTestRoom(core, T0);
  const add = (name: string, role: string) => call<RoomMember>('members.add', { roomId: room.id, name, role });
  const lead = await add('Léa', 'lead');
  const writer = await add('Walid', 'writer');
  const approver = await add('Anna', 'approver');
  const template = await call<ChecklistTemplate>('checklist.get', { roomId: room.id });
  return { core, call, room, lead, writer, approver, template };
}

describe('room-level checklist answers', () => {
  it('are given once by a lead, carried on every draft, and each writes an audit line', async () => {
    const { core, call, room, lead, writer, template } = await setUp();
    expect(template.items.filter((i) => i.scope === 'room').map((i) => i.id)).toEqual(roomItems);

    const create = () =>
      core.as(writer).call<DraftView>('drafts.create', {
        roomId: room.id,
        trigger: { kind: 'scratch' },
        body: 'Proud of every fan tonight.',
        networks: ['x'],
      });
    const before = await create();
    for (const itemId of roomItems) {
      await core.as(lead).call('checklist.answerRoom', { roomId: room.id, itemId, value: 'pass' });
    }
    const answers = await call<Record<string, { value: string; by: string }>>('checklist.roomAnswers', {
      roomId: room.id,
    });
    expect(Object.keys(answers).sort()).toEqual([...roomItems].sort());
    expect(answers.pillars).toMatchObject({ value: 'pass', by: lead.id });

    // Carried on the draft written before and on the next one alike.
    const after = await create();
    for (const draft of [before, after]) {
      const fresh = await call<DraftView>('drafts.get', { id: draft.id });
      expect(fresh.progress.requiredMet).toBe(before.progress.requiredMet + roomItems.length);
      expect(fresh.answers).toEqual({});
    }

    const lines = await call<AuditEntry[]>('audit.list', { roomId: room.id, type: 'checklist_room_answered' });
    expect(lines).toHaveLength(roomItems.length);
    expect(lines[0]?.messageKey).toBe('drafts.event.roomAnswered');
    expect(lines[0]?.params).toMatchObject({ value: 'pass', actor: 'Léa' });

    // Taken back (undo): the answer goes, and so does its credit on every draft; the log keeps both.
    await core.as(lead).call('checklist.answerRoom', { roomId: room.id, itemId: 'pillars', value: null });
    const undone = await call<DraftView>('drafts.get', { id: after.id });
    expect(undone.progress.requiredMet).toBe(before.progress.requiredMet + roomItems.length - 1);
    const all = await call<AuditEntry[]>('audit.list', { roomId: room.id, type: 'checklist_room_answered' });
    expect(all.map((line) => line.params.value)).toContain('cleared');
  });

  it('are a lead’s to give, only for room-level questions, validated in main', async () => {
    const { core, room, writer, lead } = await setUp();
    expect(
      await core.as(writer).dispatch('checklist.answerRoom', { roomId: room.id, itemId: 'pillars', value: 'pass' }),
    ).toMatchObject({ ok: false, code: 'forbidden', messageKey: 'errors.team.leadOnly.checklist' });
    expect(
      await core.as(lead).dispatch('checklist.answerRoom', { roomId: room.id, itemId: 'troll_bait', value: 'pass' }),
    ).toMatchObject({ ok: false, code: 'invalid_input', messageKey: 'errors.checklist.notRoomItem' });
    expect(
      await core.as(lead).dispatch('checklist.answerRoom', { roomId: room.id, itemId: 'pillars', value: 'na' }),
    ).toMatchObject({ ok: false, messageKey: 'errors.checklist.naNotAllowed' });
    expect(
      await core.as(lead).dispatch('checklist.answerRoom', { roomId: room.id, itemId: 'pillars', value: 'maybe' }),
    ).toMatchObject({ ok: false, code: 'invalid_input', field: 'value' });
  });

  it('leave the writer only the questions the room did not give the approver', async () => {
    const { core, call, room, lead, writer, template } = await setUp();
    const marked: ChecklistTemplate = {
      ...template,
      items: template.items.map((item) =>
        item.section === 'risk' && item.id !== 'sensitive_topic' ? { ...item, confirmedBy: 'approver' } : item,
      ),
    };
    await core.as(lead).call('checklist.update', { roomId: room.id, template: marked });
    const saved = await call<ChecklistTemplate>('checklist.get', { roomId: room.id });
    expect(openQuestions(saved, {}, 'writer').map((i) => i.id)).toEqual(['authentic', 'sensitive_topic']);
    expect(openQuestions(saved, {}, 'approver').map((i) => i.id)).toEqual([
      'legal_claim',
      'troll_bait',
      'originality',
      'image_rights',
    ]);
    // Answering takes the question off; taking the answer back (undo) puts it back.
    const draft = await core.as(writer).call<DraftView>('drafts.create', {
      roomId: room.id,
      trigger: { kind: 'scratch' },
      body: 'Hi',
      networks: ['x'],
    });
    const answered = await core
      .as(writer)
      .call<DraftView>('drafts.answer', { id: draft.id, itemId: 'authentic', value: 'pass' });
    expect(openQuestions(saved, answered.answers, 'writer').map((i) => i.id)).toEqual(['sensitive_topic']);
    const undone = await core
      .as(writer)
      .call<DraftView>('drafts.answer', { id: draft.id, itemId: 'authentic', value: null });
    expect(undone.answers).toEqual({});
  });
});
