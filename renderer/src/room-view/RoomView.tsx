import { useEffect, useRef, useState, type ReactNode } from 'react';
import { resetTimelineReady, useTimelineReady } from '../toolkit/timeline-ready';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { roomHref, roomOpeningOf, roomsHref } from '../toolkit/use-hash-route';
import { errorText } from '../i18n';
import { formatRoomTime } from '../toolkit/room-time';
import { useRoom } from './use-room';
import { MomentAlert } from '../moments/MomentAlert';
import { FreezeBanner } from '../publishing/FreezeBanner';
import { OutboxAlert } from '../publishing/OutboxAlert';
import { NextCue } from '../moments/NextCue';
import { Workspace } from '../workspace/Workspace';
import { SourcesHealthBadge } from '../sources/SourcesHealthBadge';
import { EventClock } from './EventClock';
import { PanelLoading, ReportView } from './lazy-panels';
import { SidePanels } from './SidePanels';
import { ReviewAlert } from '../drafts/ReviewAlert';
import { WhoAmIHeader } from '../session/WhoAmIHeader';
import { WhoAmIPrompt } from '../session/WhoAmIPrompt';
import { UndoToast } from '../undo/UndoToast';
import { useEscapeToTimeline } from './use-escape-to-timeline';

/** How long the header's extras wait for the timeline before they render anyway (a room without columns). */
const headerExtrasFallbackMs = 1500;

/**
 * The war-room frame: header with the room's name and event clock, then its panels.
 * Panels appear here as they are built; none is shown as a placeholder.
 *
 * The columns render first: the header's other parts (start time, next cue, sources'
 * health, who I am) and the banners and alerts render once the timeline shows its first
 * posts. Each asks main for its own data, and the start time's formatter loads the time
 * zone's data (tens of milliseconds): on a cold open they would stand in front of the posts.
 */
export function RoomView({ roomId, preferences }: { roomId: string; preferences: ReactNode }) {
  const { t, i18n } = useTranslation('rooms');
  const { room, error } = useRoom(roomId);
  const [reportOpen, setReportOpen] = useState(false);
  const timeline = useRef<HTMLElement>(null);
  const extras = useTimelineReady(headerExtrasFallbackMs);
  useEscapeToTimeline(timeline);
  // A hit found from the rooms page opens the room on it once. The address then goes back to the
  // room's own, so a reload is the room as its person left it, not the search again.
  const [opening] = useState(() => roomOpeningOf());
  useEffect(() => {
    if (window.location.hash.includes('?')) window.history.replaceState(null, '', roomHref(roomId));
  }, [roomId]);

  useEffect(() => {
    void api.settings.update({ lastRoomId: roomId });
  }, [roomId]);
  useEffect(() => resetTimelineReady, [roomId]);

  if (error) {
    return (
      <main className="room-missing">
        <p role="alert">{errorText(error)}</p>
        <a href={roomsHref}>{t('common:back')}</a>
      </main>
    );
  }
  if (!room) return <p className="muted">{t('common:loading')}</p>;

  return (
    <div className="room">
      <header className="room-header" aria-label={t('header.room', { name: room.name })}>
        <a href={roomsHref} className="back-link">
          ← {t('common:back')}
        </a>
        <h1>{room.name}</h1>
        {extras && (
          <span className="muted">
            {t('header.startsAt', { start: formatRoomTime(room.startsAt, room, i18n.language) })}
          </span>
        )}
        <EventClock room={room} />
        {extras && <NextCue roomId={room.id} />}
        {extras && <SourcesHealthBadge roomId={room.id} />}
        <div className="spacer" />
        {extras && <WhoAmIHeader roomId={room.id} />}
        <button type="button" aria-pressed={reportOpen} onClick={() => setReportOpen((open) => !open)}>
          {t('report:view.open')}
        </button>
        {preferences}
      </header>
      {extras && (
        <>
          <FreezeBanner roomId={room.id} />
          <MomentAlert roomId={room.id} />
          <ReviewAlert roomId={room.id} />
          <OutboxAlert roomId={room.id} />
        </>
      )}
      {reportOpen && (
        <PanelLoading>
          <ReportView room={room} onClose={() => setReportOpen(false)} />
        </PanelLoading>
      )}
      <div className="room-body" hidden={reportOpen}>
        {/* Focusable so Esc can bring focus back here from anywhere (the room's shortcuts then work). */}
        <main ref={timeline} tabIndex={-1} className="room-panels" aria-label={room.name}>
          <Workspace room={room} initialSearch={opening.search} />
        </main>
        <SidePanels roomId={room.id} initialPanel={opening.panel} />
      </div>
      <WhoAmIPrompt roomId={room.id} />
      <UndoToast />
    </div>
  );
}
