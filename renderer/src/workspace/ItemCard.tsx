import { memo, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnItem } from '../../../shared/columns/column';
import { bodyTextOf } from '../../../shared/domain/item';
import type { Room } from '../../../shared/rooms/room';
import { formatRoomTime } from '../toolkit/room-time';
import { formatRelative } from '../sources/relative-time';
import { deferFeedImages } from './feed-images';
import { highlightText, safeHighlightedHtml } from './highlight';
import { ItemActions } from './ItemActions';
import { MediaThumbnail } from './MediaThumbnail';
import { formatPostAge } from './post-age';
import { useRoomMembers } from './members-context';

interface ItemCardProps {
  item: ColumnItem;
  terms: readonly string[];
  room: Pick<Room, 'id' | 'timeZone'>;
  now: number;
  selected: boolean;
}

export const kindIcons = { feed: 'RSS', mastodon: 'M', bluesky: 'B', reddit: 'R', replay: '▶' } as const;

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

/**
 * One post in a column: who, where from, when, what. The name never gives way to the handle
 * (the handle is cut first), and what the team can do with it is one row over the card's
 * corner that shows on hover, focus and selection (ItemActions).
 */
export const ItemCard = memo(function ItemCard({ item, terms, room, now, selected }: ItemCardProps) {
  const { t, i18n } = useTranslation('workspace');
  const members = useRoomMembers();
  const author = item.authorName ?? item.authorHandle ?? t('item.unknownAuthor');
  // The clock ticks every few seconds: a post from just now must not read "in 3 seconds".
  const when = formatRelative(Math.min(item.publishedAt, now), now, i18n.language);
  const age = formatPostAge(item.publishedAt, now, i18n.language) ?? when;
  const link = item.url && /^https?:\/\//i.test(item.url) ? item.url : null;
  const { likes, reposts, replies } = item.engagement;
  const assignee = item.state.assignedTo
    ? members.find((member) => member.id === item.state.assignedTo)?.name
    : undefined;
  const handle = item.authorHandle && item.authorHandle !== author ? item.authorHandle : null;

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
      <header className="item-head" title={handle ? `${author} · ${handle}` : author}>
        <span className={`kind-icon kind-${item.sourceKind}`} aria-hidden="true">
          {kindIcons[item.sourceKind]}
        </span>
        <strong className="item-author">{author}</strong>
        {handle && <span className="muted item-handle">{handle}</span>}
        {item.state.starred && (
          <span className="tag star-tag" title={t('item.starred')}>
            ★<span className="visually-hidden"> {t('item.starred')}</span>
          </span>
        )}
        {item.state.handled && (
          <span className="tag" title={t('item.isHandled')}>
            ✓<span className="visually-hidden"> {t('item.isHandled')}</span>
          </span>
        )}
        {assignee && <span className="tag assignee-tag">{t('item.assignedTo', { name: assignee })}</span>}
        <time
          dateTime={new Date(item.publishedAt).toISOString()}
          title={`${when} · ${formatRoomTime(item.publishedAt, room, i18n.language)}`}
        >
          {age}
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
      </footer>
      <ItemActions item={item} roomId={room.id} link={link} />
    </article>
  );
});
