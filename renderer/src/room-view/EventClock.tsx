import { useTranslation } from 'react-i18next';
import { eventPhase, formatClock } from '../../../shared/rooms/event-clock';
import type { Room } from '../../../shared/rooms/room';
import { useNow } from '../toolkit/use-now';

/** Time to start, or elapsed since start: the number everyone in the room looks at. */
export function EventClock({ room }: { room: Room }) {
  const { t } = useTranslation('rooms');
  const phase = eventPhase(room, useNow(1000));
  const text =
    phase.phase === 'before'
      ? t('clock.before', { clock: formatClock(phase.msToStart) })
      : phase.phase === 'live'
        ? t('clock.live', { clock: formatClock(phase.msSinceStart) })
        : t('clock.ended', { clock: formatClock(phase.msSinceEnd) });
  return (
    <div className={`event-clock phase-${phase.phase}`} role="timer" aria-label={t('clock.label')} aria-live="off">
      {text}
    </div>
  );
}
