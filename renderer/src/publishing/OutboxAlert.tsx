import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../shared/contract';
import { api } from '../api';
import { beep, notify, soundEnabled } from '../moments/alert-outputs';
import { showSidePanel } from '../room-view/side-panel-events';
import { problemSentence } from './failure-words';

type OutboxAlertPayload = EventPayload<'outbox.alert'>;

/**
 * A post that failed or needs a person raises an alert like a moment does (banner,
 * notification, optional beep): a silent failed post during an event is the worst case.
 */
export function OutboxAlert({ roomId }: { roomId: string }) {
  const { t, i18n } = useTranslation('publishing');
  const [alerts, setAlerts] = useState<OutboxAlertPayload[]>([]);

  useEffect(
    () =>
      api.on('outbox.alert', (payload) => {
        if (payload.roomId !== roomId) return;
        setAlerts((current) => [payload, ...current.filter((a) => a.entryId !== payload.entryId)].slice(0, 20));
        notify(
          t(`alert.${payload.kind}`, { channel: payload.channelLabel }),
          problemSentence(payload.problem, i18n.language),
        );
        if (soundEnabled()) beep();
      }),
    [roomId, t, i18n],
  );

  const [latest] = alerts;
  if (!latest) return null;
  return (
    <section className="outbox-alert" role="alert" aria-label={t('alert.label')}>
      <strong>{t(`alert.${latest.kind}`, { channel: latest.channelLabel })}</strong>{' '}
      <span>{problemSentence(latest.problem, i18n.language)}</span>
      {alerts.length > 1 && <span className="tag">{t('alert.more', { count: alerts.length - 1 })}</span>}
      <button
        type="button"
        onClick={() => {
          showSidePanel('publishing');
          setAlerts([]);
        }}
      >
        {t('alert.show')}
      </button>
      <button type="button" aria-label={t('alert.close')} onClick={() => setAlerts([])}>
        ×
      </button>
    </section>
  );
}
