import { useTranslation } from 'react-i18next';
import type { ItemTimeRange } from '../../../shared/columns/column';
import type { Room } from '../../../shared/rooms/room';

/** Says the columns show one minute only, and takes that back in one click (or Escape). */
export function MinuteChip({
  room,
  range,
  onClear,
}: {
  room: Pick<Room, 'timeZone'>;
  range: ItemTimeRange;
  onClear: () => void;
}) {
  const { t, i18n } = useTranslation('workspace');
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZone: room.timeZone });
  return (
    <div className="minute-chip" role="status">
      <span>{t('volume.minuteFilter', { from: time.format(range.from), to: time.format(range.to) })}</span>
      <button type="button" aria-label={t('volume.clearMinute')} title={t('volume.clearMinute')} onClick={onClear}>
        ✕
      </button>
    </div>
  );
}
