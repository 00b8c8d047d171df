import { describe, expect, it } from 'vitest';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { createTestRoom, tempCoresPerTest, valueOf } from '../testing/temp-core';

const T0 = Date.UTC(2026, 6, 14, 20, 0, 0);
const createTempCore = tempCoresPerTest();

/** A room whose lead has set a playbook, approval rules and a first draft (which fixes its checklist). */
async function setUp() {
  const core = createTempCore(() => T0, { startIngest: false });
  const room = await createTestRoom(core, T0);
  const other = await createTestRoom(core, T0, { name: 'Other room' });
  const lead = core.as(
    valueOf<RoomMember>(await core.dispatch('members.add', { roomId: room.id, name: 'Léa', role: 'lead' })),
  );
  await lead.call('playbook.update', {
    roomId: room.id,
    playbook: { bannedTerms: [{ term: 'cheap', reason: 'premium' }] },
  });
  await lead.call('policy.update', { roomId: room.id, policy: { requireLegalApproval: true } });
  const draft = await lead.call<DraftView>('drafts.create', {
    roomId: room.id,
    trigger: { kind: 'scratch' },
    body: 'Allez les Bleus',
    networks: ['x'],
  });
  const damage = (table: string, column: string, text: string) =>
    core.db.prepare(`UPDATE ${table} SET ${column} = ? WHERE room_id = ?`).run(text, room.id);
  return { core, room, other, lead, draft, damage };
}

describe('a room document, audit line or bank entry that no longer reads', () => {
  it('answers a coded error saying what to do, never a default in its place; saving it again mends the room', async () => {
    const { core, room, other, lead, damage } = await setUp();
    const documents = [
      ['room_playbooks', 'playbook', 'playbook.get', 'errors.faults.playbookUnreadable'],
      ['room_policies', 'policy', 'policy.get', 'errors.faults.policyUnreadable'],
      ['checklist_templates', 'template', 'checklist.get', 'errors.faults.checklistUnreadable'],
    ] as const;
    for (const [table, column, get, messageKey] of documents) {
      const kept = core.db.prepare(`SELECT ${column} AS text FROM ${table} WHERE room_id = ?`).get(room.id) as {
        text: string;
      };
      damage(table, column, '{"bannedTerms":[{"term":"che');
      const refusal = {
        ok: false,
        code: 'unavailable',
        messageKey,
        message: expect.stringContaining('restore a backup'),
      };
      expect(await lead.dispatch(get, { roomId: room.id }), table).toMatchObject(refusal);
      // The drafts of this room say why (the approval rules are only read to approve); the other room carries on.
      expect(await lead.dispatch('drafts.list', { roomId: room.id }), table).toMatchObject(
        get === 'policy.get' ? { ok: true } : refusal,
      );
      expect(await core.dispatch(get, { roomId: other.id }), table).toMatchObject({ ok: true });
      damage(table, column, kept.text);
    }
    for (const [table, column] of documents) damage(table, column, 'not json');
    await lead.call('playbook.update', {
      roomId: room.id,
      playbook: { bannedTerms: [{ term: 'cheap', reason: 'premium' }] },
    });
    await lead.call('policy.update', { roomId: room.id, policy: { requireLegalApproval: true } });
    const template = valueOf(await core.dispatch('checklist.get', { roomId: other.id }));
    await lead.call('checklist.update', { roomId: room.id, template });
    expect(await lead.call('policy.get', { roomId: room.id })).toMatchObject({ requireLegalApproval: true });
    expect(await lead.dispatch('drafts.list', { roomId: room.id })).toMatchObject({ ok: true, value: [{}] });
  });

  it('reads room-level answers one by one: one that does not read is that question unanswered again', async () => {
    const { core, room, lead, damage } = await setUp();
    const template = await lead.call<{ items: { id: string; kind: string; scope?: string }[] }>('checklist.get', {
      roomId: room.id,
    });
    const [first, second] = template.items.filter((item) => item.kind === 'question' && item.scope === 'room');
    if (!first || !second) throw new Error('the bundled checklist has two room-level questions');
    await lead.call('checklist.answerRoom', { roomId: room.id, itemId: first.id, value: 'pass' });
    await lead.call('checklist.answerRoom', { roomId: room.id, itemId: second.id, value: 'pass' });
    const stored = core.db
      .prepare<[string], { answers: string }>('SELECT answers FROM checklist_room_answers WHERE room_id = ?')
      .get(room.id);
    const answers = JSON.parse(stored?.answers ?? '{}') as Record<string, unknown>;
    damage('checklist_room_answers', 'answers', JSON.stringify({ ...answers, [second.id]: { value: 'maybe-later' } }));
    expect(Object.keys(await lead.call<object>('checklist.roomAnswers', { roomId: room.id }))).toEqual([first.id]);
    damage('checklist_room_answers', 'answers', '{"' + first.id);
    expect(await lead.call('checklist.roomAnswers', { roomId: room.id })).toEqual({});
    // Answering again works over the damaged text.
    await lead.call('checklist.answerRoom', { roomId: room.id, itemId: second.id, value: 'pass' });
    expect(Object.keys(await lead.call<object>('checklist.roomAnswers', { roomId: room.id }))).toEqual([second.id]);
  });

  it('one audit line or bank entry that does not read never stops the room listing the others', async () => {
    const { core, room, lead } = await setUp();
    const bank = (title: string) =>
      lead.call<{ id: string }>('bank.add', {
        roomId: room.id,
        title,
        body: 'Champions !',
        networks: ['x', 'bluesky'],
        validFrom: T0,
        validUntil: T0 + 3_600_000,
      });
    const damagedText = await bank('Si on gagne');
    await bank('Si on perd');
    core.db.prepare('UPDATE content_bank SET networks = \'["x",\' WHERE id = ?').run(damagedText.id);
    const listed = await lead.call<{ id: string; networks: string[] }[]>('bank.list', { roomId: room.id });
    expect(listed.map((entry) => [entry.id === damagedText.id, entry.networks])).toEqual(
      expect.arrayContaining([
        [true, []],
        [false, ['x', 'bluesky']],
      ]),
    );

    const before = await lead.call<{ id: number }[]>('audit.list', { roomId: room.id });
    // The log is append-only: a damaged line is one written so (a disk fault, a newer Riposte).
    const { lastInsertRowid } = core.db
      .prepare(
        `INSERT INTO audit_log (room_id, draft_id, type, actor_id, actor_name, actor_role, at, from_state, to_state,
           detail, message_key, params, message)
         SELECT room_id, draft_id, type, actor_id, actor_name, actor_role, at + 1, from_state, to_state,
           detail, message_key, '{"role', 'Léa changed something.' FROM audit_log WHERE room_id = ? LIMIT 1`,
      )
      .run(room.id);
    const after = await lead.call<{ id: number; messageKey: string; message: string }[]>('audit.list', {
      roomId: room.id,
    });
    expect(after).toHaveLength(before.length + 1);
    // No key: the line is shown as the English sentence stored with it.
    expect(after.find((line) => line.id === Number(lastInsertRowid))).toMatchObject({
      messageKey: '',
      message: 'Léa changed something.',
    });
  });
});
