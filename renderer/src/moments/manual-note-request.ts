/**
 * `m` asks for a manual note. The key is heard by the side panels, which are always mounted,
 * while the note's form lives in the moments panel, whose code may still be loading on a
 * cold open: the request waits here until a form takes it, so an early `m` is not lost.
 */
let pending = false;
const listeners = new Set<() => void>();

export function requestManualNote(): void {
  if (listeners.size === 0) {
    pending = true;
    return;
  }
  for (const listener of [...listeners]) listener();
}

/** Whether a request arrived before any form was there to hear it (and clears it). */
export function takePendingManualNote(): boolean {
  const was = pending;
  pending = false;
  return was;
}

export function onManualNoteRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
