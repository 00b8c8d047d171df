import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnItem } from '../../../shared/columns/column';
import { api } from '../api';
import { respondToItem } from '../drafts/respond';
import { useRoomMembers } from './members-context';
import { hideAsNoise as hideItemAsNoise, hideAuthor } from '../undo/undoable-actions';

export function toggleStar(item: ColumnItem) {
  return api.itemState.set({ itemId: item.id, starred: !item.state.starred });
}
export function toggleHandled(item: ColumnItem) {
  return api.itemState.set({ itemId: item.id, handled: !item.state.handled });
}
/** Hidden as noise for the whole room: undoable (toast, Ctrl+Z), as every shared change is. */
export function hideAsNoise(item: ColumnItem) {
  return hideItemAsNoise(item.id);
}

/** Hands the item to a teammate (or to nobody); the card then says who has it. */
function AssignPicker({ item }: { item: ColumnItem }) {
  const { t } = useTranslation('workspace');
  const members = useRoomMembers().filter((member) => member.removedAt === null);
  if (members.length === 0) return null;
  return (
    <select
      className="item-assign"
      aria-label={t('item.assign')}
      title={t('item.assign')}
      value={item.state.assignedTo ?? ''}
      onChange={(event) => void api.itemState.set({ itemId: item.id, assignedTo: event.target.value || null })}
    >
      <option value="">{t('item.nobody')}</option>
      {members.map((member) => (
        <option key={member.id} value={member.id}>
          {member.name}
        </option>
      ))}
    </select>
  );
}

interface ActionProps {
  label: string;
  icon: string;
  /** The single key that does the same on the selected item, shown in the tooltip. */
  shortcut?: string;
  pressed?: boolean;
  onClick: () => void;
}

function Action({ label, icon, shortcut, pressed, onClick }: ActionProps) {
  return (
    <button
      type="button"
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      {...(shortcut ? { 'aria-keyshortcuts': shortcut } : {})}
      {...(pressed !== undefined ? { 'aria-pressed': pressed } : {})}
      onClick={onClick}
    >
      <span aria-hidden="true">{icon}</span>
    </button>
  );
}

/**
 * What the team can do with a post. The row sits over the card's corner and shows on hover,
 * on keyboard focus and on the selected card, so a column of cards reads as posts, not as
 * rows of buttons; every action keeps its name for screen readers and most have a key.
 */
export function ItemActions({ item, roomId, link }: { item: ColumnItem; roomId: string; link: string | null }) {
  const { t } = useTranslation('workspace');
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!link) return;
    await navigator.clipboard.writeText(link);
    setCopied(true);
  };
  return (
    <div className="item-actions" role="group" aria-label={t('item.actions')}>
      <Action
        label={t('drafts:respond.button')}
        icon="↩"
        shortcut="r"
        onClick={() => void respondToItem(roomId, item.id)}
      />
      <Action
        label={item.state.starred ? t('item.unstar') : t('item.star')}
        icon={item.state.starred ? '★' : '☆'}
        shortcut="s"
        pressed={item.state.starred}
        onClick={() => void toggleStar(item)}
      />
      <Action
        label={item.state.handled ? t('item.unhandled') : t('item.handled')}
        icon="✓"
        shortcut="h"
        pressed={item.state.handled}
        onClick={() => void toggleHandled(item)}
      />
      <Action label={t('item.noise')} icon="⊘" shortcut="x" onClick={() => void hideAsNoise(item)} />
      {link && <Action label={copied ? t('item.copied') : t('item.copyLink')} icon="⧉" onClick={() => void copy()} />}
      {item.authorHandle && (
        <Action
          label={t('item.hideAuthor', { author: item.authorHandle })}
          icon="⊖"
          onClick={() => void hideAuthor(roomId, item.authorHandle ?? '')}
        />
      )}
      <AssignPicker item={item} />
    </div>
  );
}
