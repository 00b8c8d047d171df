import type { AppInfo, appCalls, StorageStatus } from '../../../shared/contract/calls/app';
import type { Session } from '../session/session';
import { nothingToClose, type Area, type CoreContext } from '../area';
import { createSettingsStore, type SettingsStore } from '../settings/settings-store';

/** What the app is (version, shell, data folder) and the person's settings on this machine. */
export function createAppArea(
  ctx: Pick<CoreContext, 'db' | 'events' | 'dataDir'> &
    Pick<AppInfo, 'shell' | 'version'> & { storage: () => StorageStatus },
): Area<typeof appCalls> & { settings: SettingsStore } {
  const settings = createSettingsStore(ctx.db);
  // A teammate's language and theme are theirs, not the host's: kept per person, in the store.
  const teammateSettings = (session: Session) =>
    session.binding ? settings.ofMember(session.binding.memberId, session.binding.roomId) : null;
  return {
    settings,
    handlers: {
      'app.info': () => ({ version: ctx.version, shell: ctx.shell, dataDir: ctx.dataDir, storage: ctx.storage() }),
      'settings.get': (_input, session) => teammateSettings(session)?.get() ?? settings.get(),
      'settings.update': (patch, session) => {
        const mine = teammateSettings(session);
        // Not pushed as settings.changed: that event is the host's own windows' (a teammate's socket never gets it).
        if (mine) return mine.update(patch);
        const next = settings.update(patch);
        ctx.events.emit('settings.changed', next);
        return next;
      },
    },
    close: nothingToClose,
  };
}
