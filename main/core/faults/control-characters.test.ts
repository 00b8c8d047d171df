import { describe, expect, it } from 'vitest';
import type { Column } from '../../../shared/columns/column';
import { tempCoresPerTest } from '../testing/temp-core';

const createTempCore = tempCoresPerTest();

async function roomOf(core: ReturnType<typeof createTempCore>): Promise<string> {
  const created = await core.dispatch('rooms.create', {
    name: 'Election night',
    startsAt: 1,
    endsAt: 2,
    timeZone: 'Europe/Paris',
    language: 'fr',
  });
  if (!created.ok) throw new Error(created.message);
  return (created.value as { id: string }).id;
}

describe('control characters in a column query', () => {
  it('are refused at the contract with a plain reason, on create, update and typed search', async () => {
    const core = createTempCore();
    const roomId = await roomOf(core);
    const refusal = {
      ok: false,
      code: 'invalid_input',
      messageKey: 'errors.faults.controlCharacter',
      message: expect.stringContaining('cannot contain control characters'),
    };
    expect(await core.dispatch('columns.create', { roomId, name: 'Poll', query: 'vote\u0000fraud' })).toMatchObject(
      refusal,
    );
    expect(await core.dispatch('columns.items', { roomId, query: 'a\u001bb' })).toMatchObject(refusal);
    const column = await core.dispatch('columns.create', { roomId, name: 'Poll', query: 'vote' });
    if (!column.ok) throw new Error(column.message);
    const { id } = column.value as Column;
    expect(await core.dispatch('columns.update', { id, query: 'vote\u0000' })).toMatchObject(refusal);
    // Tabs and line ends are only spaces.
    expect(await core.dispatch('columns.update', { id, query: 'vote\tfraud\n' })).toMatchObject({ ok: true });
  });

  it('already stored (an older version let them in) never make the column fail to read', async () => {
    const core = createTempCore();
    const roomId = await roomOf(core);
    const column = await core.dispatch('columns.create', { roomId, name: 'Poll', query: 'vote' });
    if (!column.ok) throw new Error(column.message);
    const { id } = column.value as Column;
    for (const stored of ['vote\u0000fraud', '"vote\u0000fraud"', '\u0001', 'a\u007f']) {
      core.db.prepare('UPDATE columns SET query = ? WHERE id = ?').run(stored, id);
      const read = await core.dispatch('columns.items', { roomId, columnId: id });
      expect(read, JSON.stringify(stored)).not.toMatchObject({ code: 'internal' });
      expect(await core.dispatch('columns.list', { roomId })).toMatchObject({ ok: true });
    }
  });
});
