import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultSettings, type Settings } from '../../shared/settings/settings';
import { api } from './api';
import { App } from './app/App';
import { initI18n, systemLocale } from './i18n';
import { prefetchRoom } from './room-view/prefetch-room';
import { routeOf } from './toolkit/use-hash-route';
import './styles.css';

async function boot() {
  const route = routeOf(window.location.hash);
  if (route.page === 'room') prefetchRoom(route.roomId);
  const settings = await api.settings.get({});
  const preferences: Settings = settings.ok ? settings.value : defaultSettings;
  await initI18n(preferences.locale ?? systemLocale());
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App initialSettings={preferences} />
    </StrictMode>,
  );
}

void boot();
