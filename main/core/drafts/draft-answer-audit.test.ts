import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/contract/calls/audit';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { tempCoresPerTest, createTestRoom, valueOf } from '../testing/temp-core';

const T0 = Date.UTC(2026, 6, 14, 20, 0, 0);
const createTempCore = tempCoresPerTest();

describe('a checklist answer in the audit log', () => {
  it('carries the question by its id with both texts and the answer as a code, for each reader’s language', async () => {
    const core = createTempCore(() => T0, { startIngest: false });
    const call = <T>(name: string, input: unknown) => core.dispatch(name, input).then((r) => valueOf<T>(r));
    const room = await createTestRoom(core, T0);
    const writer = await call<RoomMember>('members.add', { roomId: room.id, name: 'Camille', role: 'writer' });
    const draft = await core.as(writer).call<DraftView>('drafts.create', {
      roomId: room.id,
      trigger: { kind: 'scratch' },
      body: '',
      networks: ['x'],
    });
    await core.as(writer).call('drafts.answer', { id: draft.id, itemId: 'authentic', value: 'pass' });
    const lines = await call<AuditEntry[]>('audit.list', { roomId: room.id, type: 'checklist_answered' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.messageKey).toBe('drafts.event.answered');
    expect(lines[0]?.params).toMatchObject({
      itemFr: 'Est-ce que ça sonne juste et authentique\u202f?',
      itemEn: 'Does it feel authentic?',
      value: 'pass',
    });
  });
});
