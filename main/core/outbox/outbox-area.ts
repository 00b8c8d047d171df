import { englishPublishProblem } from '../../../shared/publishing/publish-problem';
import { readFile } from 'node:fs/promises';
import type { publishingCalls } from '../../../shared/contract/calls/publishing';
import type { Area, CoreContext } from '../area';
import { assetPath, imageType } from '../assets/asset-folder';
import type { AuditLog } from '../audit/audit-log';
import { keyedError } from '../errors';
import type { ItemRepository } from '../items/item-repository';
import type { CreatePublisher, PublishImage, ReplyTarget } from '../networks/publishing/publisher';
import type { RoomService } from '../rooms/room-service';
import type { SecretStore } from '../secrets/secret-store';
import type { TeamService } from '../team/team-service';
import { createAccountRepository } from './account-repository';
import { createAccountService } from './account-service';
import type { DraftPublication, PublishableDraft } from './draft-publication';
import { createEntryRepository } from './entry-repository';
import { createFreezeRepository } from './freeze-repository';
import { createOutboxSender, type CrashPoint } from './outbox-sender';
import { createOutboxService } from './outbox-service';
import { createPublisherRegistry } from './publisher-registry';
import { createRecordKeys } from './record-key';
import type { StoredEntry } from './entry-repository';

export interface OutboxAreaDeps extends CoreContext {
  rooms: RoomService;
  team: TeamService;
  audit: AuditLog;
  drafts: DraftPublication;
  secrets: SecretStore;
  items: Pick<ItemRepository, 'byIds'>;
  createPublisher: CreatePublisher;
  /** Bluesky record keys (TIDs); injectable so tests can predict them. */
  newRecordKey?: () => string;
  /** Start the sender (off in tests that drive it by hand). */
  send?: boolean;
  crashAt?: (point: CrashPoint, entry: StoredEntry) => void;
}

/**
 * Publishing: the room's accounts, the outbox of entries per draft and channel, the freeze
 * switch, and the sender that gets each entry out exactly once.
 */
export function createOutboxArea(deps: OutboxAreaDeps): Area<typeof publishingCalls> {
  const { db, events, now, log, dataDir, rooms, team } = deps;
  const accountsRepo = createAccountRepository(db);
  const entries = createEntryRepository(db);
  const freezes = createFreezeRepository(db);
  const registry = createPublisherRegistry({ secrets: deps.secrets, create: deps.createPublisher, now });
  const onChanged = (roomId: string) => events.emit('outbox.changed', { roomId });
  const accounts = createAccountService({
    db,
    accounts: accountsRepo,
    registry,
    rooms,
    audit: deps.audit,
    now,
    onChanged,
  });

  const replyTargetOf = (draft: PublishableDraft, network: string): ReplyTarget | null => {
    if (draft.triggerKind !== 'item' || draft.triggerRef === null) return null;
    const [item] = deps.items.byIds([Number(draft.triggerRef)]);
    if (!item || item.room_id !== draft.roomId || item.source_kind !== network || item.url === null) return null;
    return { url: item.url, remoteId: item.ext_id };
  };

  const service = createOutboxService({
    db,
    entries,
    accounts: accountsRepo,
    freezes,
    drafts: deps.drafts,
    team,
    audit: deps.audit,
    now,
    newRecordKey: deps.newRecordKey ?? createRecordKeys(),
    replyTargetOf,
    onChanged,
  });

  const readImage = async (roomId: string, name: string): Promise<PublishImage> => {
    const path = assetPath(dataDir, roomId, name);
    const mimeType = imageType(name);
    if (path === null || mimeType === undefined) {
      throw keyedError(
        'not_found',
        'errors.publishing.imageGone',
        `The image ${name} is no longer in the room's folder.`,
      );
    }
    return { bytes: await readFile(path), mimeType, altText: '', fileName: name };
  };

  const sender = createOutboxSender({
    db,
    entries,
    drafts: deps.drafts,
    audit: deps.audit,
    log,
    now,
    clientFor: registry.clientFor,
    readImage,
    roomLanguage: (roomId) => rooms.get(roomId).language,
    onReconnect: accounts.needsReconnect,
    onChanged,
    onAlert: (entry, kind, problem) =>
      events.emit('outbox.alert', {
        roomId: entry.roomId,
        entryId: entry.id,
        draftId: entry.draftId,
        channelLabel: entry.channelLabel,
        kind,
        reason: englishPublishProblem(problem),
        problem,
      }),
    crashAt: deps.crashAt,
  });

  const { actingIn } = team;
  return {
    handlers: {
      'accounts.list': ({ roomId }) => accounts.list(roomId),
      'accounts.addMastodon': (input, session) => accounts.addMastodon(actingIn(session), input),
      'accounts.addBluesky': (input, session) => accounts.addBluesky(actingIn(session), input),
      'accounts.addManual': (input, session) => accounts.addManual(actingIn(session), input),
      'accounts.remove': ({ id }, session) => accounts.remove(actingIn(session), id),
      'outbox.get': ({ roomId }) => {
        rooms.get(roomId);
        return service.get(roomId);
      },
      'outbox.preflight': ({ draftId }) => service.preflight(draftId),
      'outbox.publish': (input, session) => service.publish(actingIn(session), input),
      'outbox.cancel': ({ id }, session) => service.cancel(actingIn(session), id),
      'outbox.retry': ({ id }, session) => service.retry(actingIn(session), id),
      'outbox.confirmStale': ({ id }, session) => service.confirmStale(actingIn(session), id),
      'outbox.confirmManual': (input, session) => service.confirmManual(actingIn(session), input),
      'outbox.freeze': (input, session) => service.freeze(actingIn(session), input),
      'outbox.unfreeze': (input, session) => service.unfreeze(actingIn(session), input),
      'outbox.retract': (input, session) => service.retract(actingIn(session), input),
      'outbox.confirmRetracted': ({ id }, session) => service.confirmRetracted(actingIn(session), id),
    },
    start: () => {
      if (deps.send ?? true) sender.start();
    },
    close: () => sender.stop(),
  };
}
