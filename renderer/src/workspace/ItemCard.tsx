import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnItem } from '../../../shared/columns/column';
import { bodyTextOf } from '../../../shared/domain/item';
import type { Room } from '../../../shared/rooms/room';
import { api } from '../api';
import { respondToItem } from '../drafts/respond';
import { formatRoomTime } from '../toolkit/room-time';
import { formatRelative } from '../sources/relative-time';
import { deferFeedImages } from './feed-images';
import { highlightText, safeHighlightedHtml } from './highlight';
import { MediaThumbnail } from './MediaThumbnail';
import { useRoomMembers } from './members-context';

interface ItemCardProps {
  item: ColumnItem;
  terms: readonly string[];
  room: Pick<Room, 'id' | 'timeZone'>;
  now: number;
  selected: boolean;
}

export const kindIcons = { feed: 'RSS', mastodon: 'M', bluesky: 'B', reddit: 'R', replay: '▶' } as const;

export function toggleStar(item: ColumnItem) {
  return api.itemState.set({ itemId: item.id, starred: !item.state.starred });
}
export function toggleHandled(item: ColumnItem) {
  return api.itemState.set({ itemId: item.id, handled: !item.state.handled });
}

/** Hands the item to a teammate (or to nobody); the card then says who has it. */
function AssignPicker({ item }: { item: ColumnItem }) {
  const { t } = useTranslation('workspace');
  const members = useRoomMembers().filter((member) => member.removedAt === null);
  if (members.length === 0) return null;
  return (
    <select
      aria-label={t('item.assign')}
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

function Highlighted({ text, terms }: { text: string; terms: readonly string[] }) {
  return (
    <>
      {highlightText(text, terms).map((piece, index) =>
        piece.match ? <mark key={index}>{piece.text}</mark> : <span key={index}>{piece.text}</span>,
      )}
    </>
  );
}

function FeedHtml({ html }: { html: string }) {
  const { t } = useTranslation('workspace');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = ref.current;
    if (!container) return undefined;
    return deferFeedImages(container, {
      short: t('item.mediaUnavailableShort'),
      unavailable: (alt) => t('item.mediaUnavailable', { label: alt.trim() || t('item.inlineImage') }),
    });
  }, [html, t]);
  // Sanitized twice (main on the way in, DOMPurify here) and links forced outside the app.
  return <div ref={ref} className="item-text item-html" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** The headline first (feeds give one), then the body; search terms are marked in both. */
function ItemText({ item, terms }: { item: ColumnItem; terms: readonly string[] }) {
  const html = useMemo(() => (item.html ? safeHighlightedHtml(item.html, terms) : null), [item.html, terms]);
  const body = html === null ? bodyTextOf(item) : '';
  return (
    <>
      {item.title && (
        <h3 className="item-title">
          <Highlighted text={item.title} terms={terms} />
        </h3>
      )}
      {html !== null ? (
        <FeedHtml html={html} />
      ) : (
        body !== '' && (
          <div className="item-text">
            <Highlighted text={body} terms={terms} />
          </div>
        )
      )}
    </>
  );
}

/** One post in a column: who, where from, when, what, and what the team can do with it. */
export const ItemCard = memo(function ItemCard({ item, terms, room, now, selected }: ItemCardProps) {
  const { t, i18n } = useTranslation('workspace');
  const [copied, setCopied] = useState(false);
  const author = item.authorName ?? item.authorHandle ?? t('item.unknownAuthor');
  // The clock ticks every few seconds: a post from just now must not read "in 3 seconds".
  const when = formatRelative(Math.min(item.publishedAt, now), now, i18n.language);
  const link = item.url && /^https?:\/\//i.test(item.url) ? item.url : null;
  const { likes, reposts, replies } = item.engagement;

  const copy = async () => {
    if (!link) return;
    await navigator.clipboard.writeText(link);
    setCopied(true);
  };

  return (
    <article
      className={`item-card${selected ? ' selected' : ''}${item.state.handled ? ' handled' : ''}`}
      aria-label={t('item.label', { author, when })}
      aria-current={selected ? 'true' : undefined}
      data-item-id={item.id}
      // Read by the live benchmark (ingest → visible latency); cheap, and harmless to show.
      data-published-at={item.publishedAt}
      data-fetched-at={item.fetchedAt}
    >
      <header className="item-head">
        <span className={`kind-icon kind-${item.sourceKind}`} aria-hidden="true">
          {kindIcons[item.sourceKind]}
        </span>
        <strong className="item-author">{author}</strong>
        {item.authorHandle && item.authorHandle !== author && (
          <span className="muted item-handle">{item.authorHandle}</span>
        )}
        <span className="spacer" />
        {item.state.starred && <span className="tag star-tag">★ {t('item.starred')}</span>}
        {item.state.handled && <span className="tag">{t('item.isHandled')}</span>}
        <time
          dateTime={new Date(item.publishedAt).toISOString()}
          title={formatRoomTime(item.publishedAt, room, i18n.language)}
        >
          {when}
        </time>
      </header>
      <ItemText item={item} terms={terms} />
      {item.mediaUrls.length > 0 && (
        <div className="item-media">
          {item.mediaUrls
            .slice(0, 4)
            .map((url, index) =>
              /^https?:\/\//i.test(url) ? (
                <MediaThumbnail key={url} url={url} index={index + 1} author={author} />
              ) : null,
            )}
        </div>
      )}
      <footer className="item-foot">
        {likes !== undefined && <span title={t('item.likes')}>♥ {likes}</span>}
        {reposts !== undefined && <span title={t('item.reposts')}>⟳ {reposts}</span>}
        {replies !== undefined && <span title={t('item.replies')}>↩ {replies}</span>}
        {link && (
          <a href={link} target="_blank" rel="noopener noreferrer">
            {t('item.open')}
          </a>
        )}
        <span className="spacer" />
        <div className="item-actions" role="group" aria-label={t('item.actions')}>
          <button type="button" onClick={() => void respondToItem(room.id, item.id)}>
            {t('drafts:respond.button')}
          </button>
          <button type="button" aria-pressed={item.state.starred} onClick={() => void toggleStar(item)}>
            {item.state.starred ? t('item.unstar') : t('item.star')}
          </button>
          <button type="button" aria-pressed={item.state.handled} onClick={() => void toggleHandled(item)}>
            {item.state.handled ? t('item.unhandled') : t('item.handled')}
          </button>
          <AssignPicker item={item} />
          {link && (
            <button type="button" onClick={() => void copy()}>
              {copied ? t('item.copied') : t('item.copyLink')}
            </button>
          )}
          {item.authorHandle && (
            <button
              type="button"
              onClick={() => void api.itemState.hideAuthor({ roomId: room.id, authorHandle: item.authorHandle ?? '' })}
            >
              {t('item.hideAuthor', { author: item.authorHandle })}
            </button>
          )}
          <button type="button" onClick={() => void api.itemState.set({ itemId: item.id, noise: true })}>
            {t('item.noise')}
          </button>
        </div>
      </footer>
    </article>
  );
});
