import { randomUUID } from 'node:crypto';
import type { ValidCallInput } from '../../../shared/contract';
import { settingsRead, type Source, type SourceConfig } from '../../../shared/sources/source';
import { AppError } from '../errors';
import type { RoomService } from '../rooms/room-service';
import type { SecretStore } from '../secrets/secret-store';
import type { SourceRepository, StoredSource } from './source-repository';

export interface SourceServiceDeps {
  sources: SourceRepository;
  secrets: SecretStore;
  rooms: RoomService;
  now: () => number;
  /** The scheduler: (re)start or stop polling a source after a change. */
  onScheduleChange: (sourceId: string) => void;
  onChanged: (source: Source) => void;
  onRemoved: (source: { id: string; roomId: string }) => void;
}

/** Anything but removing it, or giving it a whole new config, needs settings that read. */
export const settingsUnreadable = () =>
  new AppError(
    'invalid_transition',
    "This source's stored settings could not be read, so it cannot be paused, resumed, checked, replayed or renamed. Remove it and add it again.",
    { messageKey: 'errors.source.unreadable' },
  );

const notFound = () =>
  new AppError('not_found', 'This source no longer exists. It may have been removed by a teammate.', {
    messageKey: 'errors.source.notFound',
  });

export function createSourceService(deps: SourceServiceDeps) {
  const { sources, secrets, now } = deps;

  /** What leaves main: the source without its poller memory, and only whether a secret is set. */
  const toPublic = (stored: StoredSource): Source => {
    const { memory: _memory, ...source } = stored;
    return { ...source, credentialSet: secrets.has(stored.id) };
  };

  const mustGet = (id: string): StoredSource => {
    const source = sources.get(id);
    if (!source) throw notFound();
    return source;
  };

  /** A source this version can run: one whose stored settings could not be read is refused. */
  const mustRead = (id: string): StoredSource & { config: SourceConfig } => {
    const source = mustGet(id);
    if (!settingsRead(source)) throw settingsUnreadable();
    return source;
  };

  const changed = (id: string): Source => {
    const source = toPublic(mustGet(id));
    deps.onChanged(source);
    return source;
  };

  const storeCredential = (id: string, credential: string | undefined) => {
    if (credential === undefined) return;
    if (credential === '') secrets.delete(id);
    else secrets.set(id, credential, now());
  };

  return {
    toPublic,
    get: (id: string) => toPublic(mustGet(id)),
    /** The source, refused with `errors.source.unreadable` when its stored settings could not be read. */
    readable: (id: string) => toPublic(mustRead(id)),
    publicById(id: string): Source | null {
      const source = sources.get(id);
      return source ? toPublic(source) : null;
    },
    list: ({ roomId, after, limit }: ValidCallInput<'sources.list'>) => {
      deps.rooms.get(roomId);
      return sources.ofRoom(roomId, { after, limit }).map(toPublic);
    },

    add(input: ValidCallInput<'sources.add'>): Source {
      deps.rooms.get(input.roomId);
      const id = randomUUID();
      sources.insert({
        id,
        roomId: input.roomId,
        kind: input.config.kind,
        label: input.label,
        config: input.config,
        allied: input.allied,
        now: now(),
      });
      storeCredential(id, input.credential);
      deps.onScheduleChange(id);
      return changed(id);
    },

    /**
     * On a source whose stored settings could not be read, only a whole new config (of the
     * same kind) is taken, and it replaces what was stored; anything else is refused, so the
     * stored text is never written over with a placeholder.
     */
    update(input: ValidCallInput<'sources.update'>): Source {
      const current = input.config === undefined ? mustRead(input.id) : mustGet(input.id);
      const config = input.config ?? current.config;
      if (config === null) throw settingsUnreadable();
      if (config.kind !== current.kind) {
        throw new AppError('invalid_input', 'A source cannot change kind: remove it and add a new one.', {
          field: 'config.kind',
          messageKey: 'errors.source.kindChange',
        });
      }
      // A different address or query means the old validators and cursor no longer apply.
      const resetMemory = JSON.stringify(config) !== JSON.stringify(current.config);
      sources.update(
        input.id,
        { label: input.label ?? current.label, config, allied: input.allied ?? current.allied, resetMemory },
        now(),
      );
      storeCredential(input.id, input.credential);
      deps.onScheduleChange(input.id);
      return changed(input.id);
    },

    setPaused(id: string, paused: boolean): Source {
      mustRead(id);
      sources.setPaused(id, paused, now());
      deps.onScheduleChange(id);
      return changed(id);
    },

    remove(id: string): { id: string } {
      const source = mustGet(id);
      sources.remove(id);
      secrets.delete(id);
      deps.onScheduleChange(id);
      deps.onRemoved({ id, roomId: source.roomId });
      return { id };
    },
  };
}
export type SourceService = ReturnType<typeof createSourceService>;
