import { useTranslation } from 'react-i18next';
import type { ReplayState } from '../../../shared/contract/calls/sources';
import { api } from '../api';
import { errorText } from '../i18n';
import { patchOn, type LiveQuery } from '../toolkit/live-query/live-query';
import { useLiveQuery } from '../toolkit/live-query/use-live-query';

const replayOfSource: LiveQuery<string, ReplayState | null> = {
  load: (id) => api.replay.state({ id }),
  patchOn: [
    patchOn('replay.changed', (current: ReplayState | null, next, sourceId: string) =>
      next.sourceId === sourceId ? next : current,
    ),
  ],
};

/** Pause, resume, restart and speed of a rehearsal replay, with how far it has got. */
export function ReplayControls({ sourceId, name }: { sourceId: string; name: string }) {
  const { t } = useTranslation('sources');
  const { value: state, error, set: setState } = useLiveQuery(replayOfSource, sourceId, null);

  if (!state) return error ? <p role="alert">{errorText(error)}</p> : null;
  const control = async (input: Parameters<typeof api.replay.control>[0]) => {
    const result = await api.replay.control(input);
    if (result.ok) setState(result.value);
  };
  const playing = state.status === 'playing';

  return (
    <div className="replay-controls" role="group" aria-label={t('replay.label', { name })}>
      <progress max={1} value={state.progress} aria-label={t('replay.progress', { name })} />
      <span className="muted">{t(`replay.status.${state.status}`)}</span>
      <button type="button" onClick={() => void control({ sourceId, action: playing ? 'pause' : 'resume' })}>
        {playing ? t('replay.pause') : t('replay.resume')}
      </button>
      <button type="button" onClick={() => void control({ sourceId, action: 'restart' })}>
        {t('replay.restart')}
      </button>
      <select
        aria-label={t('replay.speed', { name })}
        value={state.speed}
        onChange={(event) =>
          void control({ sourceId, action: 'speed', speed: Number(event.target.value) as 1 | 10 | 60 })
        }
      >
        {[1, 10, 60].map((speed) => (
          <option key={speed} value={speed}>
            {speed}×
          </option>
        ))}
      </select>
    </div>
  );
}
