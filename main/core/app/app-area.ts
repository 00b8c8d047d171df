import type { AppInfo, appCalls, StorageStatus } from '../../../shared/contract/calls/app';
import { defaultSettings, type Settings } from '../../../shared/settings/settings';
import type { Session } from '../session/session';
import { nothingToClose, type Area, type CoreContext } from '../area';
import { createSettingsStore, type SettingsStore } from '../settings/settings-store';

/** What the app is (version, shell, data folder) and the person's settings on this machine. */
export function createAppArea(
  ctx: Pick<CoreContext, 'db' | 'events' | 'dataDir'> &
    Pick<AppInfo, 'shell' | 'version'> & { storage: () => StorageStatus },
): Area<typeof appCalls> & { settings: SettingsStore } {
  const settings = createSettingsStore(ctx.db);
  // A teammate's language and theme are theirs, not the host's: kept per person, in memory.
  const teammates = new Map<string, Settings>();
  const teammateSettings = (session: Session): Settings | null => {
    const bound = session.binding;
    if (!bound) return null;
    return teammates.get(bound.memberId) ?? { ...defaultSettings, lastRoomId: bound.roomId };
  };
  return {
    settings,
    handlers: {
      'app.info': () => ({ version: ctx.version, shell: ctx.shell, dataDir: ctx.dataDir, storage: ctx.storage() }),
      'settings.get': (_input, session) => teammateSettings(session) ?? settings.get(),
      'settings.update': (patch, session) => {
        const mine = teammateSettings(session);
        if (mine && session.binding) {
          const next = { ...mine, ...patch, lastRoomId: session.binding.roomId };
          teammates.set(session.binding.memberId, next);
          return next;
        }
        const next = settings.update(patch);
        ctx.events.emit('settings.changed', next);
        return next;
      },
    },
    close: nothingToClose,
  };
}
