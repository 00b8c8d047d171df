import { useTranslation } from 'react-i18next';
import { formatClock } from '../../../shared/rooms/event-clock';
import { nextCue } from '../../../shared/moments/moment';
import { useNow } from '../toolkit/use-now';
import { useCues } from './use-moments';

/** The countdown to the run-of-show's next cue, for the room header. */
export function NextCue({ roomId }: { roomId: string }) {
  const { t } = useTranslation('moments');
  const now = useNow(1000);
  const { cues } = useCues(roomId);
  const next = nextCue(cues, now);
  if (!next) return null;
  return (
    <div className="next-cue" role="timer" aria-label={t('cues.nextLabel')} aria-live="off">
      {t('cues.next', { label: next.label, clock: formatClock(next.at - now) })}
    </div>
  );
}
