import { randomUUID } from 'node:crypto';
import type { ValidCallInput } from '../../../shared/contract';
import type { Source } from '../../../shared/sources/source';
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

    update(input: ValidCallInput<'sources.update'>): Source {
      const current = mustGet(input.id);
      const config = input.config ?? current.config;
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
      mustGet(id);
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
