import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StorageStatus } from '../../../shared/contract/calls/app';
import type { Settings } from '../../../shared/settings/settings';
import { api, onConnectionState, type ConnectionState } from '../api';
import { RoomView } from '../room-view/RoomView';
import { RoomsPage } from '../rooms-list/RoomsPage';
import { PreferencesMenu } from './PreferencesMenu';
import { roomHref, useHashRoute } from '../toolkit/use-hash-route';

function ConnectionBanner() {
  const { t } = useTranslation();
  const [state, setState] = useState<ConnectionState>('open');
  useEffect(() => onConnectionState(setState), []);
  if (state === 'lost')
    return (
      <div role="status" className="banner banner-warn">
        {t('connection.lost')}
      </div>
    );
  if (state === 'unauthorized')
    return (
      <div role="alert" className="banner banner-error">
        {t('connection.unauthorized')}
      </div>
    );
  if (state === 'revoked')
    return (
      <div role="alert" className="banner banner-error">
        <strong>{t('connection.revoked')}</strong> {t('connection.revokedNext')}{' '}
        <a href="/join">{t('connection.join')}</a>
      </div>
    );
  return null;
}

/** A full disk pauses ingestion: every window says so until writes work again. */
function StorageBanner() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<StorageStatus | null>(null);
  useEffect(() => {
    void api.app.info({}).then((result) => result.ok && setStatus(result.value.storage));
    return api.on('storage.changed', setStatus);
  }, []);
  if (!status || status.state === 'ok' || !status.messageKey) return null;
  return (
    <div role="alert" className="banner banner-error" data-testid="storage-banner">
      {t(status.messageKey.replace(/^faults\./, 'faults:'), status.params)}
    </div>
  );
}

export function App({ initialSettings }: { initialSettings: Settings }) {
  const route = useHashRoute();
  const [settings, setSettings] = useState(initialSettings);

  // A fresh start (no route in the address) reopens the last room: the demo on a first start.
  useEffect(() => {
    if (!window.location.hash && initialSettings.lastRoomId)
      window.location.hash = roomHref(initialSettings.lastRoomId);
  }, [initialSettings.lastRoomId]);

  useEffect(() => api.on('settings.changed', setSettings), []);
  // "System" follows the operating system's light or dark preference, live.
  useEffect(() => {
    const prefersLight = window.matchMedia('(prefers-color-scheme: light)');
    const apply = () => {
      const theme = settings.theme === 'system' ? (prefersLight.matches ? 'light' : 'dark') : settings.theme;
      document.documentElement.dataset.theme = theme;
    };
    apply();
    prefersLight.addEventListener('change', apply);
    return () => prefersLight.removeEventListener('change', apply);
  }, [settings.theme]);

  return (
    <div className="app">
      <ConnectionBanner />
      <StorageBanner />
      {route.page === 'room' ? (
        <RoomView
          key={route.roomId}
          roomId={route.roomId}
          preferences={<PreferencesMenu settings={settings} onChange={setSettings} />}
        />
      ) : (
        <RoomsPage preferences={<PreferencesMenu settings={settings} onChange={setSettings} />} />
      )}
    </div>
  );
}
