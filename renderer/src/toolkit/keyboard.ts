/** Single-key shortcuts (j, k, m, r…) must not fire while someone types in a field. */
export const isTypingTarget = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** A plain key press (no Ctrl, Cmd or Alt) outside any text field. */
export const isPlainKey = (event: KeyboardEvent, key: string): boolean =>
  event.key === key && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target);
