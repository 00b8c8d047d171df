import type { AppInfo, appCalls } from '../../../shared/contract/calls/app';
import { nothingToClose, type Area, type CoreContext } from '../area';
import { createSettingsStore, type SettingsStore } from '../settings/settings-store';

/** What the app is (version, shell, data folder) and the person's settings on this machine. */
export function createAppArea(
  ctx: Pick<CoreContext, 'db' | 'events' | 'dataDir'> & Pick<AppInfo, 'shell' | 'version'>,
): Area<typeof appCalls> & { settings: SettingsStore } {
  const settings = createSettingsStore(ctx.db);
  return {
    settings,
    handlers: {
      'app.info': () => ({ version: ctx.version, shell: ctx.shell, dataDir: ctx.dataDir }),
      'settings.get': () => settings.get(),
      'settings.update': (patch) => {
        const next = settings.update(patch);
        ctx.events.emit('settings.changed', next);
        return next;
      },
    },
    close: nothingToClose,
  };
}
