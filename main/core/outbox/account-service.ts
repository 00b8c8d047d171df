import { randomUUID } from 'node:crypto';
import { sayPublishProblem } from '../../../shared/publishing/publish-problem';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { AccountView, ManualKind } from '../../../shared/publishing/outbox';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import { keyedError } from '../errors';
import type { PublishCredentials, VerifyOutcome } from '../networks/publishing/publisher';
import type { RoomService } from '../rooms/room-service';
import { requireLead, type ActingPerson } from '../team/team-roles';
import type { AccountRepository } from './account-repository';
import type { PublisherRegistry } from './publisher-registry';

const VERIFY_DEADLINE_MS = 20_000;

const manualLabels: Record<ManualKind, string> = {
  x: 'X',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  tiktok: 'TikTok',
  threads: 'Threads',
  facebook: 'Facebook',
  press: 'Press release',
  other: 'Other',
};

/**
 * The server's reason in both languages: an error is said once and not stored, so it carries
 * both phrases and the reader's screen picks its own (as checklist questions do).
 */
function reasonParams(outcome: Exclude<VerifyOutcome, { ok: true }>) {
  const reasonEn = sayPublishProblem(outcome.problem, 'en');
  return { reason: reasonEn, reasonEn, reasonFr: sayPublishProblem(outcome.problem, 'fr') };
}

/** Why an account could not be added, said so the person knows what to fix. */
function refused(outcome: Exclude<VerifyOutcome, { ok: true }>, network: string) {
  const params = reasonParams(outcome);
  switch (outcome.kind) {
    case 'reconnect':
      return keyedError(
        'unauthorized',
        'errors.publishing.badCredentials',
        `${network} refused these credentials: ${params.reason}`,
        { params },
      );
    case 'offline':
      return keyedError(
        'unavailable',
        'errors.publishing.verifyOffline',
        `Could not reach ${network} to check the account: ${params.reason}. Try again when the network is back.`,
        { params },
      );
    case 'rejected':
      return keyedError(
        'invalid_input',
        'errors.publishing.verifyRejected',
        `${network} did not accept this account: ${params.reason}`,
        { params },
      );
  }
}

/** The room's publishing accounts: added only after the server says the credentials work. */
export function createAccountService(deps: {
  db: Db;
  accounts: AccountRepository;
  registry: PublisherRegistry;
  rooms: RoomService;
  audit: AuditLog;
  now: () => number;
  onChanged: (roomId: string) => void;
}) {
  const { db, accounts, registry, rooms, audit, now, onChanged } = deps;

  const mustGet = (id: string): AccountView => {
    const account = accounts.get(id);
    if (!account)
      throw keyedError('not_found', 'errors.publishing.accountNotFound', 'This publishing account no longer exists.', {
        field: 'id',
      });
    return account;
  };

  const lead = (actor: ActingPerson, roomId: string) => {
    const by = actor(roomId);
    requireLead(by, 'accounts', 'connect or remove publishing accounts');
    return by;
  };

  const store = (roomId: string, by: RoomMember, account: AccountView) => {
    db.transaction(() => {
      accounts.insert({ ...account, createdBy: by.id });
      audit.record({
        type: 'account_added',
        roomId,
        actor: by,
        at: account.createdAt,
        accountId: account.id,
        label: account.label,
      });
    })();
    onChanged(roomId);
    return mustGet(account.id);
  };

  async function connect(actor: ActingPerson, roomId: string, credentials: PublishCredentials): Promise<AccountView> {
    rooms.get(roomId);
    const by = lead(actor, roomId);
    const id = randomUUID();
    const client = registry.probe(id, credentials);
    const verified = await client.verify(AbortSignal.timeout(VERIFY_DEADLINE_MS));
    const network = credentials.network === 'mastodon' ? 'Mastodon' : 'Bluesky';
    if (!verified.ok) {
      registry.forget(id);
      throw refused(verified, network);
    }
    const server =
      credentials.network === 'mastodon' ? new URL(credentials.instance).origin : new URL(credentials.service).origin;
    // Clients may give the handle bare ("ana") or full ("@ana@social.example"): the label is always full.
    const bare = verified.handle.replace(/^@/, '');
    const handle = credentials.network === 'mastodon' ? `@${bare.split('@')[0]}@${new URL(server).host}` : `@${bare}`;
    registry.remember(id, credentials, client);
    return store(roomId, by, {
      id,
      roomId,
      network: credentials.network,
      label: handle,
      handle: verified.handle,
      displayName: verified.displayName,
      avatarUrl: verified.avatarUrl,
      server,
      limits: verified.limits,
      status: 'ok',
      removedAt: null,
      createdAt: now(),
    });
  }

  return {
    list(roomId: string): AccountView[] {
      rooms.get(roomId);
      return accounts.ofRoom(roomId);
    },
    get: mustGet,
    addMastodon: (actor: ActingPerson, input: { roomId: string; instance: string; accessToken: string }) =>
      connect(actor, input.roomId, { network: 'mastodon', instance: input.instance, accessToken: input.accessToken }),
    addBluesky: (
      actor: ActingPerson,
      input: { roomId: string; service: string; identifier: string; appPassword: string },
    ) =>
      connect(actor, input.roomId, {
        network: 'bluesky',
        service: input.service,
        identifier: input.identifier.replace(/^@/, ''),
        appPassword: input.appPassword,
      }),
    addManual(actor: ActingPerson, input: { roomId: string; kind: ManualKind; label: string }): AccountView {
      rooms.get(input.roomId);
      const by = lead(actor, input.roomId);
      return store(input.roomId, by, {
        id: randomUUID(),
        roomId: input.roomId,
        network: 'manual',
        label: input.label || manualLabels[input.kind],
        handle: null,
        displayName: null,
        avatarUrl: null,
        server: input.kind,
        limits: null,
        status: 'ok',
        removedAt: null,
        createdAt: now(),
      });
    },
    remove(actor: ActingPerson, id: string): AccountView {
      const account = mustGet(id);
      const by = lead(actor, account.roomId);
      const at = now();
      db.transaction(() => {
        if (accounts.remove(id, at)) {
          audit.record({
            type: 'account_removed',
            roomId: account.roomId,
            actor: by,
            at,
            accountId: id,
            label: account.label,
          });
        }
      })();
      registry.forget(id);
      onChanged(account.roomId);
      return mustGet(id);
    },
    /** The server refused the stored credentials: the account shows "reconnect" until re-added. */
    needsReconnect(id: string): void {
      accounts.setStatus(id, 'reconnect');
    },
  };
}
export type AccountService = ReturnType<typeof createAccountService>;
