import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplayState } from '../../../shared/contract/calls/sources';
import { api } from '../api';

/** Pause, resume, restart and speed of a rehearsal replay, with how far it has got. */
export function ReplayControls({ sourceId, name }: { sourceId: string; name: string }) {
  const { t } = useTranslation('sources');
  const [state, setState] = useState<ReplayState | null>(null);

  useEffect(() => {
    let live = true;
    void api.replay.state({ id: sourceId }).then((result) => live && result.ok && setState(result.value));
    const off = api.on('replay.changed', (next) => next.sourceId === sourceId && setState(next));
    return () => {
      live = false;
      off();
    };
  }, [sourceId]);

  if (!state) return null;
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
