/**
 * Single-key shortcuts (j, k, m, r…) must not fire while someone types in a field. A select
 * is not a text field: a shortcut pressed while focus sits on one still works (its own
 * type-ahead is not worth a dead key in the war room).
 */
export const isTypingTarget = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA'].includes(target.tagName));

/** A plain key press (no Ctrl, Cmd or Alt) outside any text field. */
export const isPlainKey = (event: KeyboardEvent, key: string): boolean =>
  event.key === key && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target);

/** Elements where Enter already means something (a button presses, a link opens). */
const enterOwners = ['BUTTON', 'A', 'SUMMARY', 'SELECT'];

/** A plain Enter meant for the room (an alert), not for a field or a control that owns Enter. */
export const isRoomEnter = (event: KeyboardEvent): boolean =>
  isPlainKey(event, 'Enter') &&
  !event.shiftKey &&
  !(event.target instanceof HTMLElement && enterOwners.includes(event.target.tagName));

/** Ctrl+Enter (Cmd+Enter on a Mac): works from inside the text being written too. */
export const isSubmitChord = (event: KeyboardEvent): boolean =>
  event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
