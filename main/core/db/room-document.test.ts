import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createTestRoom, tempCoresPerTest } from '../testing/temp-core';
import { roomDocument } from './room-document';

const createTempCore = tempCoresPerTest();

const Doc = z.object({ words: z.array(z.string()) });

describe('a room document', () => {
  it('parses once while its text is unchanged, and sees a write that went around it', async () => {
    const core = createTempCore();
    const { db } = core;
    const room = await createTestRoom(core, 1);
    const documents = roomDocument(db, 'room_playbooks', 'playbook', Doc);
    documents.put(room.id, { words: ['cheap'] }, 1);
    const first = documents.get(room.id);
    expect(first).toEqual({ words: ['cheap'] });
    expect(documents.get(room.id)).toBe(first);

    // Another writer (a teammate's change applied by sync) changes the row directly.
    db.prepare('UPDATE room_playbooks SET playbook = ? WHERE room_id = ?').run(
      JSON.stringify({ words: ['free'] }),
      room.id,
    );
    expect(documents.get(room.id)).toEqual({ words: ['free'] });
  });

  it('hands out a frozen value, so a caller cannot change what the next reader gets', async () => {
    const core = createTempCore();
    const { db } = core;
    const room = await createTestRoom(core, 1);
    const documents = roomDocument(db, 'room_playbooks', 'playbook', Doc);
    documents.put(room.id, { words: ['cheap'] }, 1);
    const doc = documents.get(room.id);
    expect(() => doc?.words.push('free')).toThrow(TypeError);
    expect(documents.get(room.id)).toEqual({ words: ['cheap'] });
  });
});
