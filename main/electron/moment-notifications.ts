import { app, BrowserWindow, Notification } from 'electron';
import i18next from 'i18next';
import type { EventPayload } from '../../shared/contract';
import { catalog, namespaces, type Locale } from '../../shared/i18n/catalog';
import { createMomentNotifier } from '../../shared/moments/moment-notifier';
import { Settings } from '../../shared/settings/settings';
import type { Core } from '../core/create-core';
import { createSession } from '../core/session/session';

/**
 * Moments as native desktop notifications (Electron's Notification, from main), so an
 * alert reaches the team even when the window is hidden or its page throttled. The
 * renderer leaves notifications to this in the desktop app (see api.ts). A click brings
 * the window forward.
 */
export function notifyMomentsNatively(core: Core): () => void {
  const i18n = i18next.createInstance();
  void i18n.init({
    resources: catalog,
    lng: 'en',
    fallbackLng: 'en',
    ns: namespaces,
    initAsync: false,
    interpolation: { escapeValue: false }, // plain text, not HTML
  });
  const systemLocale = (): Locale => (app.getLocale().toLowerCase().startsWith('fr') ? 'fr' : 'en');
  let locale: Locale = systemLocale();
  const follow = (settings: Settings) => {
    locale = settings.locale ?? systemLocale();
  };
  // The shell reads the settings as a connection of its own, with nobody picked.
  void core.dispatch('settings.get', {}, createSession()).then((result) => {
    const settings = result.ok ? Settings.safeParse(result.value) : null;
    if (settings?.success) follow(settings.data);
  });

  const notifier = createMomentNotifier({
    now: Date.now,
    translator: () => i18n.getFixedT(locale, 'moments'),
    show: ({ title, body }) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      notification.on('click', () => {
        const [window] = BrowserWindow.getAllWindows();
        if (!window) return;
        if (window.isMinimized()) window.restore();
        window.show();
        window.focus();
      });
      notification.show();
    },
  });

  return core.events.subscribe((event, payload) => {
    if (event === 'settings.changed') {
      const settings = Settings.safeParse(payload);
      if (settings.success) follow(settings.data);
    }
    if (event === 'moments.detected') {
      // The hub's listener is generic over event names: comparing the name does not narrow the payload.
      const { roomId, moments } = payload as EventPayload<'moments.detected'>;
      notifier.detected(roomId, moments);
    }
  });
}
