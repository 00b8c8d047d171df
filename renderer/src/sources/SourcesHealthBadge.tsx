import { useTranslation } from 'react-i18next';
import { settingsRead, type Source } from '../../../shared/sources/source';
import { showSidePanel } from '../room-view/side-panel-events';
import { useSources } from './use-sources';

/** A source whose stored settings could not be read fails even paused: it needs removing. */
const failing = (source: Source) =>
  !settingsRead(source) || (!source.paused && (source.health.state === 'error' || source.health.state === 'backoff'));
const waiting = (source: Source) => !source.paused && source.health.state === 'offline';

/**
 * Source health at a glance in the room header: green when every source is fine, red
 * with the count when one fails; one click opens the Sources panel with the reasons.
 */
export function SourcesHealthBadge({ roomId }: { roomId: string }) {
  const { t } = useTranslation('sources');
  const { sources } = useSources(roomId);
  if (!sources || sources.length === 0) return null;
  const failed = sources.filter(failing);
  const offline = sources.filter(waiting);
  const state = failed.length > 0 ? 'error' : offline.length > 0 ? 'offline' : 'ok';
  const text =
    state === 'error'
      ? t('badge.failing', { count: failed.length, names: failed.map((source) => source.label).join(', ') })
      : state === 'offline'
        ? t('badge.offline')
        : t('badge.ok', { count: sources.length });
  return (
    <button type="button" className={`health-summary health-${state}`} onClick={() => showSidePanel('sources')}>
      {text}
    </button>
  );
}
