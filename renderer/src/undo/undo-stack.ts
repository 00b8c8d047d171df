import type { ContractError, Result } from '../../../shared/contract/result';

/**
 * The last action that changed shared state (hid a post as noise, dismissed a moment, hid
 * an author, answered the checklist), kept with the call that takes it back. Only the last
 * one: an undo is for the slip just made, not a history to walk back through.
 */
export interface Undoable {
  /** What was done, already in the reader's language ("Moment dismissed"). */
  label: string;
  /** The call that takes it back. */
  undo: () => Promise<Result<unknown>>;
}

export type UndoState =
  | { kind: 'idle' }
  | { kind: 'done'; label: string; at: number }
  | { kind: 'undone'; label: string; at: number }
  | { kind: 'failed'; label: string; message: string; at: number };

type Listener = (state: UndoState) => void;

export function createUndoStack(now: () => number = Date.now) {
  let last: Undoable | null = null;
  let state: UndoState = { kind: 'idle' };
  const listeners = new Set<Listener>();
  const set = (next: UndoState) => {
    state = next;
    for (const listener of listeners) listener(state);
  };
  return {
    /** Remembers `action` as the one Ctrl+Z takes back (replacing any before it). */
    record(action: Undoable): void {
      last = action;
      set({ kind: 'done', label: action.label, at: now() });
    },
    /** Takes the last action back; false when there is none. Runs each action's undo at most once. */
    async undo(describeError: (error: ContractError) => string): Promise<boolean> {
      const action = last;
      if (!action) return false;
      last = null;
      const result = await action.undo();
      set(
        result.ok
          ? { kind: 'undone', label: action.label, at: now() }
          : { kind: 'failed', label: action.label, message: describeError(result), at: now() },
      );
      return true;
    },
    canUndo: (): boolean => last !== null,
    state: (): UndoState => state,
    /** Drops the toast (the action stays undoable until the next one). */
    dismiss(): void {
      set({ kind: 'idle' });
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type UndoStack = ReturnType<typeof createUndoStack>;

/** The window's one stack: every undoable action in the room view records here. */
export const undoStack = createUndoStack();
