import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultSettings, type Settings } from '../../shared/settings/settings';
import { api } from './api';
import { App } from './app/App';
import { initI18n, systemLocale } from './i18n';
import { prefetchRoom } from './room-view/prefetch-room';
import { routeOf } from './toolkit/use-hash-route';
import { formatRelative } from './sources/relative-time';
import { formatPostAge } from './workspace/post-age';
import './styles.css';

async function boot() {
  const route = routeOf(window.location.hash);
  if (route.page === 'room') prefetchRoom(route.roomId);
  const settings = await api.settings.get({});
  const preferences: Settings = settings.ok ? settings.value : defaultSettings;
  const locale = preferences.locale ?? systemLocale();
  await initI18n(locale);
  // The page's first Intl formatter loads ICU's data (about 30 ms here): built now, while the
  // room's answers are on their way, not by the first card while its posts wait.
  formatRelative(0, 60_000, locale);
  formatPostAge(0, 60_000, locale);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App initialSettings={preferences} />
    </StrictMode>,
  );
}

void boot();
