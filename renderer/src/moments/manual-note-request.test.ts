import { describe, expect, it } from 'vitest';
import { onManualNoteRequest, requestManualNote, takePendingManualNote } from './manual-note-request';

describe('a manual note requested with m', () => {
  it('waits for a form that mounts later (the moments panel still loading)', () => {
    requestManualNote();
    expect(takePendingManualNote()).toBe(true);
    expect(takePendingManualNote()).toBe(false);
  });

  it('goes straight to a mounted form and leaves nothing pending', () => {
    let heard = 0;
    const stop = onManualNoteRequest(() => heard++);
    requestManualNote();
    stop();
    expect(heard).toBe(1);
    expect(takePendingManualNote()).toBe(false);
  });
});
