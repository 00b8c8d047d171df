import type { ManualKind } from './outbox';

/**
 * The network's own compose page, prefilled where it accepts text, opened in the system
 * browser by "publish" on a manual channel. Networks without such a page get null: the
 * text is copied and the person pastes it.
 */
export function composeUrl(kind: string, text: string): string | null {
  const encoded = encodeURIComponent(text);
  switch (kind as ManualKind) {
    case 'x':
      return `https://x.com/intent/post?text=${encoded}`;
    case 'threads':
      return `https://www.threads.net/intent/post?text=${encoded}`;
    case 'linkedin':
      return `https://www.linkedin.com/feed/?shareActive=true&text=${encoded}`;
    default:
      return null;
  }
}
