import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type FormEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { Column, ColumnItem, ItemTimeRange } from '../../../shared/columns/column';
import type { Room } from '../../../shared/rooms/room';
import { api } from '../api';
import { useNow } from '../toolkit/use-now';
import { markTimelineReady, useTimelineReady } from '../toolkit/timeline-ready';
import { errorText } from '../i18n';
import { ColumnControls } from './ColumnControls';
import { ColumnEditor } from './ColumnEditor';
import { hideAsNoise, toggleHandled, toggleStar } from './ItemActions';
import { ShortcutsOverlay } from './ShortcutsOverlay';
import { TimelineColumn } from './TimelineColumn';
import { useColumns } from './use-columns';
import { columnWidthBounds, initialColumnWidth, useLayout, volumeHeightBounds } from './use-layout';
import { Splitter } from './Splitter';
import { MinuteChip } from './MinuteChip';
import { respondToItem } from '../drafts/respond';
import { useTeam } from '../drafts/use-drafts';
import { MembersContext } from './members-context';
import { useWorkspaceKeys } from './use-workspace-keys';
import './workspace.css';

// d3 and the chart come after the columns: the posts are what the room opens for.
/** How long the volume chart waits for the first posts before it loads anyway. */
const volumeFallbackMs = 1500;
const VolumePanel = lazy(() => import('./VolumePanel').then((m) => ({ default: m.VolumePanel })));

const searchKey = 'search';
const columnDragType = 'application/x-riposte-column';
type Editing = { kind: 'new' } | { kind: 'edit'; column: Column } | null;

/** The room's timeline columns, the search column and the keyboard that drives them. */
/** `initialSearch`: words to open the search column on (a hit found from the rooms page). */
export function Workspace({ room, initialSearch }: { room: Room; initialSearch?: string | undefined }) {
  const { t } = useTranslation('workspace');
  const { columns, error, setColumns } = useColumns(room.id);
  const { members } = useTeam(room.id);
  const now = useNow(15_000);
  const [editing, setEditing] = useState<Editing>(null);
  const [searchText, setSearchText] = useState(initialSearch ?? '');
  const [search, setSearch] = useState<string | null>(initialSearch ?? null);
  const [helpOpen, setHelpOpen] = useState(false);
  // The volume panel's clicked minute: every column shows only that minute until dismissed.
  const [minute, setMinute] = useState<ItemTimeRange | null>(null);
  const [selection, setSelection] = useState<{ key: string; index: number }>({ key: '', index: -1 });
  const searchRef = useRef<HTMLInputElement>(null);
  const itemsByColumn = useRef(new Map<string, ColumnItem[]>());
  const { layout, update: updateLayout } = useLayout(room.id);
  const wall = layout.wall;
  const [dragging, setDragging] = useState<{ id: string; over: string | null } | null>(null);
  // Read at drop time: some drag sources hand over no data, and state may lag an event.
  const draggedId = useRef<string | null>(null);

  // The volume chart (d3, and a count over the whole room in main) waits for the first
  // posts, as the side panels do: they are what a cold open is for. Same height meanwhile.
  const volumeMayLoad = useTimelineReady(volumeFallbackMs);
  const volumePlaceholder = <div className="volume-panel" style={{ height: layout.volumeHeight }} />;

  // A room without columns has no timeline to wait for.
  useEffect(() => {
    if (columns?.length === 0) markTimelineReady();
  }, [columns]);

  const keys = useMemo(
    () => [...(search !== null ? [searchKey] : []), ...(columns ?? []).map((column) => column.id)],
    [search, columns],
  );
  const activeKey = keys.includes(selection.key) ? selection.key : (keys[0] ?? '');
  const selectedItem = (): ColumnItem | undefined => itemsByColumn.current.get(activeKey)?.[selection.index];

  const reportItems = useCallback(
    (key: string) => (items: ColumnItem[]) => {
      itemsByColumn.current.set(key, items);
    },
    [],
  );
  const reporters = useMemo(() => new Map(keys.map((key) => [key, reportItems(key)])), [keys, reportItems]);

  const moveColumn = (id: string, by: -1 | 1) => {
    const from = columns?.findIndex((column) => column.id === id) ?? -1;
    if (from >= 0) moveColumnTo(id, from + by);
  };
  const moveColumnTo = (id: string, to: number) => {
    if (!columns) return;
    const from = columns.findIndex((column) => column.id === id);
    if (from < 0 || to < 0 || to >= columns.length || to === from) return;
    const next = columns.slice();
    const [moved] = next.splice(from, 1);
    if (!moved) return;
    next.splice(to, 0, moved);
    setColumns(next);
    // The server wants the room's whole list; if a teammate changed it meanwhile (conflict),
    // take the server's order back rather than keep a guess.
    void api.columns.reorder({ roomId: room.id, ids: next.map((column) => column.id) }).then(async (result) => {
      if (result.ok) return setColumns(result.value);
      const fresh = await api.columns.list({ roomId: room.id });
      if (fresh.ok) setColumns(fresh.value);
    });
  };

  useWorkspaceKeys({
    move: (by) => {
      const count = itemsByColumn.current.get(activeKey)?.length ?? 0;
      if (count === 0) return;
      const index = selection.key === activeKey ? selection.index : -1;
      setSelection({ key: activeKey, index: Math.max(0, Math.min(count - 1, index + by)) });
    },
    switchColumn: (by) => {
      if (keys.length === 0) return;
      const at = keys.indexOf(activeKey);
      const next = keys[(at + by + keys.length) % keys.length] ?? '';
      setSelection({ key: next, index: (itemsByColumn.current.get(next)?.length ?? 0) > 0 ? 0 : -1 });
    },
    star: () => {
      if (wall) return;
      const item = selectedItem();
      if (item) void toggleStar(item);
    },
    handled: () => {
      if (wall) return;
      const item = selectedItem();
      if (item) void toggleHandled(item);
    },
    noise: () => {
      if (wall) return;
      const item = selectedItem();
      if (item) void hideAsNoise(item);
    },
    respond: () => {
      if (wall) return;
      const item = selectedItem();
      if (item) void respondToItem(room.id, item.id);
    },
    moveColumn: (by) => {
      if (!wall && activeKey !== searchKey) moveColumn(activeKey, by);
    },
    search: () => searchRef.current?.focus(),
    help: () => setHelpOpen(true),
    wall: () => updateLayout((current) => ({ wall: !current.wall })),
    escape: () => {
      if (helpOpen) setHelpOpen(false);
      else if (document.activeElement === searchRef.current) searchRef.current?.blur();
      else if (minute) setMinute(null);
    },
  });

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    const query = searchText.trim();
    setSearch(query === '' ? null : query);
    if (query !== '') setSelection({ key: searchKey, index: -1 });
  };

  const selectedIn = (key: string) => (key === activeKey && selection.key === key ? selection.index : -1);

  // The header is what one grabs; the whole column takes the drop, so a drop on its items counts.
  const dragSourceProps = (column: Column) => ({
    draggable: true,
    title: t('column.dragHint'),
    onDragStart: (event: DragEvent) => {
      event.dataTransfer.effectAllowed = 'move';
      // Without data some browsers cancel the drag at once.
      event.dataTransfer.setData(columnDragType, column.id);
      event.dataTransfer.setData('text/plain', column.name);
      draggedId.current = column.id;
      setDragging({ id: column.id, over: null });
    },
    onDragEnd: () => {
      draggedId.current = null;
      setDragging(null);
    },
  });
  // Only our own column drags: files or text dropped here are not ours to take.
  const isColumnDrag = (event: DragEvent) =>
    draggedId.current !== null || event.dataTransfer.types.includes(columnDragType);
  const acceptDrag = (column: Column) => (event: DragEvent) => {
    if (!isColumnDrag(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setDragging((current) =>
      current && current.id !== column.id && current.over !== column.id ? { ...current, over: column.id } : current,
    );
  };
  const dropTargetProps = (column: Column) => ({
    onDragEnter: acceptDrag(column),
    onDragOver: acceptDrag(column),
    onDragLeave: (event: DragEvent) => {
      // Moving between the column's own children fires leave too; only leaving the column counts.
      if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
      setDragging((current) => (current?.over === column.id ? { ...current, over: null } : current));
    },
    onDrop: (event: DragEvent) => {
      if (!isColumnDrag(event)) return;
      event.preventDefault();
      const id = draggedId.current ?? event.dataTransfer.getData(columnDragType);
      draggedId.current = null;
      setDragging(null);
      const to = columns?.findIndex((candidate) => candidate.id === column.id) ?? -1;
      if (id && to >= 0) moveColumnTo(id, to);
    },
  });

  const wallToggle = (
    <button
      type="button"
      aria-pressed={wall}
      aria-keyshortcuts="w"
      onClick={() => updateLayout((current) => ({ wall: !current.wall }))}
    >
      {wall ? t('toolbar.leaveWall') : t('toolbar.wall')}
    </button>
  );

  return (
    <MembersContext.Provider value={members}>
      <div className={`workspace density-${layout.density}${wall ? ' wall' : ''}`}>
        {wall && <div className="wall-exit">{wallToggle}</div>}
        <div className="workspace-toolbar" hidden={wall}>
          <h2 className="visually-hidden">{t('title')}</h2>
          <button type="button" onClick={() => setEditing({ kind: 'new' })}>
            + {t('toolbar.addColumn')}
          </button>
          <form role="search" className="search-form" onSubmit={submitSearch} aria-label={t('search.label')}>
            <input
              ref={searchRef}
              type="search"
              aria-label={t('search.label')}
              placeholder={t('search.placeholder')}
              value={searchText}
              maxLength={1000}
              onChange={(event) => setSearchText(event.target.value)}
            />
            <button type="submit">{t('search.submit')}</button>
          </form>
          <span className="spacer" />
          <button
            type="button"
            aria-pressed={layout.volumeShown}
            onClick={() => updateLayout((current) => ({ volumeShown: !current.volumeShown }))}
          >
            {t('toolbar.volume')}
          </button>
          <button
            type="button"
            aria-pressed={layout.density === 'comfortable'}
            title={t('toolbar.comfortableHint')}
            onClick={() =>
              updateLayout((current) => ({ density: current.density === 'compact' ? 'comfortable' : 'compact' }))
            }
          >
            {t('toolbar.comfortable')}
          </button>
          {wallToggle}
          <button type="button" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
            {t('toolbar.shortcuts')}
          </button>
        </div>
        {layout.volumeShown && (
          <>
            {volumeMayLoad ? (
              <Suspense fallback={volumePlaceholder}>
                <VolumePanel
                  room={room}
                  height={layout.volumeHeight}
                  columns={columns ?? []}
                  picked={minute}
                  onPickMinute={setMinute}
                />
              </Suspense>
            ) : (
              volumePlaceholder
            )}
            {!wall && (
              <Splitter
                orientation="horizontal"
                label={t('layout.volumeSplitter')}
                value={layout.volumeHeight}
                min={volumeHeightBounds.min}
                max={volumeHeightBounds.max}
                onChange={(volumeHeight) => updateLayout(() => ({ volumeHeight }))}
              />
            )}
          </>
        )}
        {editing && !wall && (
          <ColumnEditor
            key={editing.kind === 'edit' ? editing.column.id : 'new'}
            roomId={room.id}
            {...(editing.kind === 'edit' ? { column: editing.column } : {})}
            onDone={() => setEditing(null)}
          />
        )}
        {error && (
          <p role="alert" className="form-error">
            {errorText(error)}
          </p>
        )}
        {minute && <MinuteChip room={room} range={minute} onClear={() => setMinute(null)} />}
        {columns && columns.length === 0 && search === null && !editing && <p className="muted">{t('empty')}</p>}
        <div className="columns-row">
          {search !== null && (
            <TimelineColumn
              key={`search:${search}`}
              room={room}
              name={t('search.columnName', { query: search })}
              source={{ query: search }}
              version=""
              paused={false}
              timeRange={minute}
              now={now}
              selectedIndex={selectedIn(searchKey)}
              active={activeKey === searchKey}
              onItems={reporters.get(searchKey) ?? noop}
              onFocusColumn={() => selection.key !== searchKey && setSelection({ key: searchKey, index: -1 })}
              controls={
                wall ? null : (
                  <button
                    type="button"
                    aria-label={t('search.close')}
                    title={t('search.close')}
                    onClick={() => {
                      setSearch(null);
                      setSearchText('');
                    }}
                  >
                    ✕
                  </button>
                )
              }
            />
          )}
          {columns?.map((column, index) => (
            <TimelineColumn
              key={column.id}
              room={room}
              name={column.name}
              source={{ columnId: column.id }}
              version={`${column.query}|${JSON.stringify(column.filters)}|${column.clearedThrough ?? ''}`}
              paused={column.paused}
              alert={column.alert}
              timeRange={minute}
              now={now}
              selectedIndex={selectedIn(column.id)}
              active={activeKey === column.id}
              onItems={reporters.get(column.id) ?? noop}
              onFocusColumn={() => selection.key !== column.id && setSelection({ key: column.id, index: -1 })}
              {...(layout.columnWidths[column.id] !== undefined ? { width: layout.columnWidths[column.id] } : {})}
              dropTarget={dragging?.over === column.id}
              {...(wall ? {} : { headProps: dragSourceProps(column), dropProps: dropTargetProps(column) })}
              resizer={
                wall ? undefined : (
                  <Splitter
                    orientation="vertical"
                    className="column-resizer"
                    label={t('layout.columnWidth', { name: column.name })}
                    value={layout.columnWidths[column.id] ?? initialColumnWidth[layout.density]}
                    min={columnWidthBounds.min}
                    max={columnWidthBounds.max}
                    onChange={(width) =>
                      updateLayout((current) => ({ columnWidths: { ...current.columnWidths, [column.id]: width } }))
                    }
                  />
                )
              }
              controls={
                wall ? null : (
                  <ColumnControls
                    column={column}
                    isFirst={index === 0}
                    isLast={index === columns.length - 1}
                    onEdit={() => setEditing({ kind: 'edit', column })}
                    onMove={(by) => moveColumn(column.id, by)}
                  />
                )
              }
            />
          ))}
        </div>
        {helpOpen && <ShortcutsOverlay onClose={() => setHelpOpen(false)} />}
      </div>
    </MembersContext.Provider>
  );
}

function noop(): void {}
