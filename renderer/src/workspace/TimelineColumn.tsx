import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, type HTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnAlert, ColumnItem, ItemTimeRange } from '../../../shared/columns/column';
import type { Room } from '../../../shared/rooms/room';
import { errorText } from '../i18n';
import { markTimelineReady } from '../toolkit/timeline-ready';
import { ItemCard } from './ItemCard';
import { useColumnItems, type ColumnSource } from './use-column-items';

interface TimelineColumnProps {
  room: Pick<Room, 'id' | 'timeZone'>;
  name: string;
  source: ColumnSource;
  version: string;
  paused: boolean;
  /** The column's watch rule, shown as a tag in its header. */
  alert?: ColumnAlert | null;
  /** The volume panel's picked minute, or null for every minute. */
  timeRange?: ItemTimeRange | null;
  now: number;
  /** Index of the keyboard-selected item, or -1. */
  selectedIndex: number;
  active: boolean;
  controls: ReactNode;
  onItems: (items: ColumnItem[]) => void;
  onFocusColumn: () => void;
  /** Width in pixels (the layout's), or the stylesheet's default. */
  width?: number;
  /** Drawn at the column's right edge: its width splitter. */
  resizer?: ReactNode;
  /** Drag-and-drop wiring: the header is the drag source (reorder)… */
  headProps?: HTMLAttributes<HTMLElement>;
  /** …and the whole column is the drop target. */
  dropProps?: HTMLAttributes<HTMLElement>;
  /** Shown while another column is dragged over this one. */
  dropTarget?: boolean;
}

const topSlack = 8;
const estimatedRowHeight = 132;

/** One timeline: a virtualized newest-first list that stays put while the reader reads. */
export function TimelineColumn(props: TimelineColumnProps) {
  const { room, name, source, version, paused, now, selectedIndex, active, controls, onItems, onFocusColumn } = props;
  const { width, resizer, headProps, dropProps, dropTarget, timeRange, alert } = props;
  const { t } = useTranslation('workspace');
  const headingId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Kept from scroll events: reading scrollTop when a live batch lands would force a layout
  // in the middle of React's work (the live benchmark's profile showed it, ~15 ms/s).
  const atTop = useRef(true);
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const onScroll = () => {
      atTop.current = element.scrollTop <= topSlack;
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, []);
  const { items, pending, terms, error, loading, hasMore, showPending, loadOlder } = useColumnItems({
    roomId: room.id,
    source,
    version,
    paused,
    timeRange: timeRange ?? null,
    isAtTop: () => atTop.current,
  });

  useEffect(() => {
    onItems(items);
  }, [items, onItems]);
  // The first answer is on screen (posts or "nothing yet"): the side panels may load now.
  useEffect(() => {
    if (!loading) markTimelineReady();
  }, [loading]);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimatedRowHeight,
    getItemKey: (index) => items[index]?.id ?? index,
    overscan: 4,
    // A new row is sized by the ResizeObserver after the browser lays it out, not by reading
    // offsetHeight while React attaches it: that read forced a layout per live batch inside
    // React's commit (the bulk of the longest task in the live benchmark's profile).
    measureElement: (element, entry, instance) => {
      const box = entry?.borderBoxSize[0];
      if (box) return Math.round(box.blockSize);
      const key = instance.options.getItemKey(instance.indexFromElement(element));
      return instance.itemSizeCache.get(key) ?? estimatedRowHeight;
    },
  });

  useEffect(() => {
    if (selectedIndex >= 0 && selectedIndex < items.length) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, items.length, virtualizer]);

  const virtualItems = virtualizer.getVirtualItems();
  const lastShown = virtualItems.at(-1)?.index ?? -1;
  const loadingOlder = useRef(false);
  useEffect(() => {
    if (!hasMore || loadingOlder.current || items.length === 0 || lastShown < items.length - 5) return;
    loadingOlder.current = true;
    void loadOlder().finally(() => {
      loadingOlder.current = false;
    });
  }, [lastShown, items.length, hasMore, loadOlder]);

  // After the waiting items are in the list (and measured), go to the top.
  const wantTop = useRef(false);
  useEffect(() => {
    if (!wantTop.current) return;
    wantTop.current = false;
    virtualizer.scrollToOffset(0);
  }, [items, virtualizer]);
  const revealPending = () => {
    wantTop.current = true;
    showPending();
  };

  return (
    <section
      className={`timeline-column${active ? ' active' : ''}${dropTarget ? ' drop-target' : ''}`}
      aria-labelledby={headingId}
      onFocus={onFocusColumn}
      style={width !== undefined ? { flexBasis: width } : undefined}
      {...dropProps}
    >
      <header className="column-head" {...headProps}>
        <h2 id={headingId} className="column-title" title={name}>
          {name}
        </h2>
        {paused && <span className="tag">{t('column.paused')}</span>}
        {alert && (
          <span className="tag" title={t('column.watchTitle', { count: alert.minPosts, minutes: alert.withinMinutes })}>
            {t('column.watch')}
          </span>
        )}
        <span className="spacer" />
        {controls}
      </header>
      {error && (
        <p role="alert" className="form-error column-error">
          {errorText(error)}
        </p>
      )}
      {pending.length > 0 && (
        <button
          type="button"
          className="new-pill"
          onClick={revealPending}
          aria-label={t('column.newItemsLabel', { count: pending.length, name })}
        >
          {t('column.newItems', { count: pending.length })}
        </button>
      )}
      {!loading && items.length === 0 && !error && (
        <p className="muted column-empty" role="status">
          {t('column.empty')}
        </p>
      )}
      {/* A feed owns articles only: the "nothing yet" line is outside it, and until its first
          post arrives the empty feed says it is still being filled (aria-busy). */}
      <div
        ref={scrollRef}
        className="column-scroll"
        role="feed"
        aria-label={t('column.itemsLabel', { name })}
        aria-busy={loading || items.length === 0}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((row) => {
            const item = items[row.index];
            if (!item) return null;
            return (
              <div
                key={row.key}
                data-index={row.index}
                ref={virtualizer.measureElement}
                className="virtual-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <ItemCard item={item} terms={terms} room={room} now={now} selected={row.index === selectedIndex} />
              </div>
            );
          })}
        </div>
      </div>
      {resizer}
    </section>
  );
}
