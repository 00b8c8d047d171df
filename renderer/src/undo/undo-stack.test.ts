import { describe, expect, it } from 'vitest';
import { createUndoStack } from './undo-stack';

describe('the undo stack', () => {
  it('takes back only the last action, once', async () => {
    const stack = createUndoStack(() => 5);
    const calls: string[] = [];
    const ok = (name: string) => () => {
      calls.push(name);
      return Promise.resolve({ ok: true as const, value: null });
    };
    expect(stack.canUndo()).toBe(false);
    stack.record({ label: 'Hidden as noise', undo: ok('unhide') });
    stack.record({ label: 'Moment dismissed', undo: ok('restore') });
    expect(stack.state()).toEqual({ kind: 'done', label: 'Moment dismissed', at: 5 });
    expect(await stack.undo(() => '')).toBe(true);
    expect(await stack.undo(() => '')).toBe(false);
    expect(calls).toEqual(['restore']);
    expect(stack.state()).toEqual({ kind: 'undone', label: 'Moment dismissed', at: 5 });
  });

  it('says why an undo was refused', async () => {
    const stack = createUndoStack(() => 1);
    stack.record({
      label: 'Answer saved',
      undo: () => Promise.resolve({ ok: false as const, code: 'forbidden', message: 'closed' }),
    });
    await stack.undo((error) => `no: ${error.message}`);
    expect(stack.state()).toEqual({ kind: 'failed', label: 'Answer saved', message: 'no: closed', at: 1 });
  });
});
