import { useTranslation } from 'react-i18next';
import type { Moment } from '../../../shared/moments/moment';
import { describeMoment } from '../../../shared/moments/describe-moment';

interface VolumeMomentsProps {
  moments: readonly Moment[];
  /** Where a time falls on the chart, in pixels. */
  x: (at: number) => number;
  from: number;
  to: number;
  formatTime: (at: number) => string;
  onPick: (at: number) => void;
}

// Merged moments live on in the one they were folded into; dismissed ones are not listed.
export const shownMoment = (moment: Moment) => moment.status === 'new' || moment.status === 'confirmed';

/**
 * Moments as markers on the time axis. Buttons rather than SVG shapes: each has a name a
 * screen reader says, takes the keyboard, and filters the columns to its minute.
 */
export function VolumeMoments({ moments, x, from, to, formatTime, onPick }: VolumeMomentsProps) {
  const { t } = useTranslation('workspace');
  const { t: tMoments } = useTranslation('moments');
  const visible = moments.filter((moment) => shownMoment(moment) && moment.onsetAt >= from && moment.onsetAt < to);
  if (visible.length === 0) return null;
  return (
    <ul className="volume-moments" aria-label={t('volume.momentsLabel')}>
      {visible.map((moment) => {
        const label = t('volume.moment', {
          label: describeMoment(moment, tMoments),
          time: formatTime(moment.onsetAt),
        });
        return (
          <li key={moment.id} style={{ left: x(moment.onsetAt) }} className={`volume-moment kind-${moment.kind}`}>
            <button type="button" aria-label={label} title={label} onClick={() => onPick(moment.onsetAt)}>
              ◆
            </button>
          </li>
        );
      })}
    </ul>
  );
}
