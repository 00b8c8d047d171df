import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { errorText } from '../i18n';
import { askNotificationPermission, notificationsAskable, setSoundEnabled, soundEnabled } from './alert-outputs';
import { describeMoment, formatTime } from '../../../shared/moments/describe-moment';
import { ManualMomentForm } from './ManualMomentForm';
import { RunOfShow } from './RunOfShow';
import { useMoments } from './use-moments';
import './moments.css';

/** The room's moments, newest first, the manual-moment key, alert settings and run-of-show. */
export function MomentsPanel({ roomId }: { roomId: string }) {
  const { t, i18n } = useTranslation('moments');
  const { moments, error } = useMoments(roomId);
  const [sound, setSound] = useState(soundEnabled);
  const [askable, setAskable] = useState(notificationsAskable);
  return (
    <aside className="moments-panel" aria-label={t('title')}>
      <h2>{t('title')}</h2>
      <ManualMomentForm roomId={roomId} />
      <div className="moments-settings">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={sound}
            onChange={(event) => {
              setSoundEnabled(event.target.checked);
              setSound(event.target.checked);
            }}
          />
          {t('settings.sound')}
        </label>
        {askable && (
          <button
            type="button"
            onClick={() => void askNotificationPermission().then(() => setAskable(notificationsAskable()))}
          >
            {t('settings.notifications')}
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="error">
          {errorText(error)}
        </p>
      )}
      <ol className="moments-list" aria-label={t('list')}>
        {moments.map((moment) => (
          <li key={moment.id} className={`moment moment-${moment.kind} status-${moment.status}`}>
            <span className="muted">{formatTime(moment.onsetAt, i18n.language)}</span> {describeMoment(moment, t)}
            {moment.status === 'confirmed' && <span className="tag">{t('status.confirmed')}</span>}
            {moment.status === 'new' && (
              <button
                type="button"
                onClick={() => void api.moments.confirm({ id: moment.id })}
                aria-label={t('actions.confirmOne', { what: describeMoment(moment, t) })}
              >
                ✓
              </button>
            )}
          </li>
        ))}
      </ol>
      <RunOfShow roomId={roomId} />
    </aside>
  );
}
