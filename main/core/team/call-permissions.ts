import type { CallName } from '../../../shared/contract';
import type { Capability } from '../../../shared/team/capabilities';

/**
 * What each call needs of a team session's person (the README's roles table). Typed over
 * every call name, so a new call cannot ship without a row here.
 * - a capability: the person's role must have it, in the room the call is about;
 * - 'own': about the session itself (who am I, my layout, my presence), every member;
 * - 'machine': only the host machine's own windows (a teammate's session cannot).
 */
export type CallNeed = Capability | 'own' | 'machine';

export const callNeeds: Record<CallName, CallNeed> = {
  'app.info': 'own',
  'settings.get': 'own',
  'settings.update': 'own',
  'session.get': 'own',
  'session.identify': 'own',
  'layouts.get': 'own',
  'layouts.save': 'own',
  'presence.set': 'own',
  'hosting.get': 'own',

  'rooms.list': 'own',
  // Every room the session may read: a teammate's is their own room only (search-area.ts).
  'search.rooms': 'read',
  'rooms.get': 'read',
  'rooms.create': 'machine',
  'rooms.rename': 'manage',
  'rooms.archive': 'manage',
  'rooms.unarchive': 'manage',

  'sources.list': 'read',
  'sources.add': 'manage',
  'sources.update': 'manage',
  'sources.pause': 'manage',
  'sources.resume': 'manage',
  'sources.pollNow': 'manage',
  'sources.remove': 'manage',
  'replay.state': 'read',
  'replay.control': 'manage',
  'items.latest': 'read',
  'rooms.exportRecording': 'export',

  'columns.list': 'read',
  'columns.items': 'read',
  'columns.volume': 'read',
  'columns.create': 'curate',
  'columns.update': 'curate',
  'columns.remove': 'curate',
  'columns.reorder': 'curate',
  'columns.clear': 'curate',
  'itemState.set': 'curate',
  'itemState.hideAuthor': 'curate',
  'itemState.unhideAuthor': 'curate',
  'itemState.hiddenAuthors': 'read',

  'members.list': 'read',
  'members.add': 'manage',
  'members.remove': 'manage',
  'policy.get': 'read',
  'policy.update': 'manage',
  'invites.create': 'manage',
  'invites.reissue': 'manage',
  'invites.list': 'manage',
  'connections.list': 'manage',
  'connections.revoke': 'manage',
  'connections.revokePerson': 'manage',
  'presence.list': 'read',

  'playbook.get': 'read',
  'playbook.update': 'write',
  'playbook.import': 'write',
  'playbook.export': 'export',
  'checklist.get': 'read',
  'checklist.update': 'manage',
  'checklist.roomAnswers': 'read',
  'checklist.answerRoom': 'manage',

  'drafts.list': 'read',
  'drafts.get': 'read',
  'drafts.comments': 'read',
  'drafts.revisions': 'read',
  'drafts.create': 'write',
  'drafts.save': 'write',
  'drafts.assign': 'write',
  'drafts.answer': 'write',
  'drafts.comment': 'comment',
  // Submit, approve, reject, publish: the draft's rules and the room's policy say which role takes which step.
  'drafts.transition': 'review',

  'bank.list': 'read',
  'bank.offers': 'read',
  'bank.add': 'write',
  'bank.link': 'write',
  'bank.use': 'write',

  'audit.list': 'read',

  'moments.list': 'read',
  'moments.confirm': 'curate',
  'moments.dismiss': 'curate',
  'moments.restore': 'curate',
  'moments.merge': 'curate',
  'moments.log': 'curate',
  'cues.list': 'read',
  'cues.next': 'read',
  'cues.add': 'curate',
  'cues.update': 'curate',
  'cues.remove': 'curate',

  'assets.list': 'read',

  'report.figures': 'read',
  'report.cancel': 'read',
  'report.export': 'export',
  // Opens a folder on the host machine's screen.
  'report.openFolder': 'machine',

  'accounts.list': 'read',
  'accounts.addMastodon': 'manage',
  'accounts.addBluesky': 'manage',
  'accounts.addManual': 'manage',
  'accounts.remove': 'manage',
  'outbox.get': 'read',
  'outbox.preflight': 'read',
  'outbox.publish': 'write',
  'outbox.cancel': 'write',
  'outbox.retry': 'write',
  'outbox.confirmStale': 'write',
  'outbox.confirmManual': 'write',
  'outbox.confirmRetracted': 'write',
  'outbox.freeze': 'manage',
  'outbox.unfreeze': 'manage',
  'outbox.retract': 'manage',

  'backups.create': 'manage',
  'backups.list': 'manage',
  'backups.settings': 'manage',
  'backups.setFolder': 'manage',
};
