import type {
  Count,
  MomentDecision,
  PublishedLink,
  ReportFigures,
  ReportMoment,
  ReportResponse,
} from '../../../../shared/report/figures';
import { spreadOf } from '../../../../shared/report/spread';
import type { OutboxFreeze } from '../published-responses';
import type { DraftRecord, RoomRecords } from './room-records';

/** Figures over what the team did: drafts, their stopwatches, approvals, moments answered. */

const excerptLength = 200;
const activeStates = new Set(['draft', 'in_review', 'changes_requested', 'approved', 'scheduled']);

/** Moments that count as seen: merged ones are the same moment told twice. */
const seen = (records: RoomRecords) => records.moments.filter((moment) => moment.status !== 'merged');

const frozenDuring = (freezes: OutboxFreeze[], from: number, to: number): boolean =>
  freezes.some((freeze) => freeze.frozenAt <= to && (freeze.unfrozenAt ?? Number.POSITIVE_INFINITY) >= from);

function decisionOf(drafts: DraftRecord[], dismissed: boolean, freezes: OutboxFreeze[], now: number): MomentDecision {
  if (drafts.some((draft) => draft.publishedAt !== null)) return 'published';
  const approvedButHeld = drafts.some(
    (draft) =>
      draft.approvedAt !== null &&
      frozenDuring(freezes, draft.approvedAt, Math.min(now, draft.expiresAt)) &&
      draft.state !== 'rejected',
  );
  if (approvedButHeld) return 'frozen';
  if (drafts.some((draft) => activeStates.has(draft.state))) return 'in_progress';
  if (drafts.some((draft) => draft.state === 'rejected')) return 'rejected';
  if (drafts.some((draft) => draft.state === 'expired')) return 'expired';
  return dismissed ? 'dismissed' : 'none';
}

export function draftsByMoment(records: RoomRecords): Map<string, DraftRecord[]> {
  const byMoment = new Map<string, DraftRecord[]>();
  for (const draft of records.drafts) {
    if (draft.triggerKind !== 'moment' || draft.triggerRef === null) continue;
    const list = byMoment.get(draft.triggerRef) ?? [];
    list.push(draft);
    byMoment.set(draft.triggerRef, list);
  }
  return byMoment;
}

export function momentRows(records: RoomRecords, now: number): ReportMoment[] {
  const byMoment = draftsByMoment(records);
  const columnName = new Map(records.columns.map((column) => [column.id, column.name]));
  return seen(records).map((moment) => {
    const drafts = byMoment.get(moment.id) ?? [];
    const published = drafts.map((draft) => draft.publishedAt).filter((at): at is number => at !== null);
    const detected = moment.kind === 'spike' || moment.kind === 'emerging' || moment.kind === 'watch';
    return {
      id: moment.id,
      kind: moment.kind,
      status: moment.status,
      term: moment.term,
      note: moment.note,
      columnName: moment.columnId === null ? null : (columnName.get(moment.columnId) ?? null),
      onsetAt: moment.onsetAt,
      detectedAt: moment.detectedAt,
      detectionDelayMs: detected ? Math.max(0, moment.detectedAt - moment.onsetAt) : null,
      drafts: drafts.length,
      decision: decisionOf(drafts, moment.status === 'dismissed', records.freezes, now),
      publishedAt: published.length === 0 ? null : Math.min(...published),
    };
  });
}

const insideFreshness = (draft: DraftRecord, windowMs: number): boolean | null =>
  draft.publishedAt === null ? null : draft.publishedAt - draft.triggerAt <= windowMs;

export function responseRows(records: RoomRecords): ReportResponse[] {
  const name = new Map(records.members.map((member) => [member.id, member.name]));
  const nameOf = (id: string) => name.get(id) ?? id;
  return records.drafts.map((draft) => ({
    id: draft.id,
    excerpt: draft.body.slice(0, excerptLength),
    state: draft.state,
    triggerKind: draft.triggerKind,
    momentId: draft.triggerKind === 'moment' ? draft.triggerRef : null,
    author: nameOf(draft.authorId),
    networks: draft.networks,
    triggerAt: draft.triggerAt,
    firstEditAt: draft.firstEditAt,
    submittedAt: draft.submittedAt,
    approvedAt: draft.approvedAt,
    publishedAt: draft.publishedAt,
    insideFreshness: insideFreshness(draft, records.policy.freshnessWindowMs),
    approvers: draft.approvals.map((approval) => ({
      name: nameOf(approval.memberId),
      slot: approval.slot,
      at: approval.at,
    })),
    override: draft.override
      ? { by: nameOf(draft.override.by), reason: draft.override.reason, items: draft.override.itemIds }
      : null,
    links: records.outbox
      .filter((entry) => entry.draftId === draft.id)
      .map((entry): PublishedLink => ({
        network: entry.network,
        channel: entry.channelLabel,
        state: entry.state,
        url: entry.remoteUrl,
        remoteId: entry.remoteId,
        publishedAt: entry.publishedAt,
        waitReason: entry.waitReason,
        failureReason: entry.failureReason,
        failureProblem: entry.failureProblem,
      })),
  }));
}

const counted = (keys: string[]): Count[] => {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
};

export function headline(records: RoomRecords, moments: ReportMoment[]): ReportFigures['headline'] {
  const published = records.drafts.filter((draft) => draft.publishedAt !== null);
  const approved = records.drafts.filter((draft) => draft.approvedAt !== null);
  // Posts per network: the outbox's acknowledged channels once publishing has run; before
  // it (or for drafts marked published by hand), the networks each published draft was for.
  const fromOutbox = records.outbox.filter((entry) => entry.state === 'published').map((entry) => entry.network);
  const viaOutbox = new Set(records.outbox.map((entry) => entry.draftId));
  const byHand = published.filter((draft) => !viaOutbox.has(draft.id)).flatMap((draft) => draft.networks);
  return {
    momentsSeen: moments.length,
    momentsAnswered: moments.filter((moment) => moment.decision === 'published').length,
    watchAlerts: moments.filter((moment) => moment.kind === 'watch').length,
    triggerToPublished: spreadOf(published.map((draft) => (draft.publishedAt ?? 0) - draft.triggerAt)),
    triggerToApproved: spreadOf(approved.map((draft) => (draft.approvedAt ?? 0) - draft.triggerAt)),
    insideFreshness: published.filter((draft) => insideFreshness(draft, records.policy.freshnessWindowMs)).length,
    published: published.length,
    publishedPerNetwork: counted([...fromOutbox, ...byHand]),
  };
}

export function processFigures(records: RoomRecords): ReportFigures['process'] {
  const member = new Map(records.members.map((m) => [m.id, m]));
  const overridden = new Map<string, number>();
  for (const draft of records.drafts)
    for (const itemId of draft.override?.itemIds ?? []) overridden.set(itemId, (overridden.get(itemId) ?? 0) + 1);
  const failed = new Map(records.checklistFails.map((row) => [row.itemId, row.count]));
  const checklist = [...new Set([...failed.keys(), ...overridden.keys()])]
    .map((itemId) => ({ itemId, failed: failed.get(itemId) ?? 0, overridden: overridden.get(itemId) ?? 0 }))
    .sort((a, b) => b.failed + b.overridden - (a.failed + a.overridden) || a.itemId.localeCompare(b.itemId));
  const approvals = counted(records.drafts.flatMap((draft) => draft.approvals.map((a) => a.memberId))).map(
    ({ key, count }) => ({ name: member.get(key)?.name ?? key, role: member.get(key)?.role ?? '', count }),
  );
  const bankTexts = counted(
    records.drafts
      .filter((draft) => draft.triggerKind === 'bank' && draft.triggerRef !== null)
      .map((draft) => records.bank.get(draft.triggerRef ?? '') ?? draft.triggerRef ?? ''),
  ).map(({ key, count }) => ({ title: key, count }));
  const reviewed = records.drafts.filter((draft) => draft.submittedAt !== null && draft.approvedAt !== null);
  return {
    checklist,
    reviewTime: spreadOf(reviewed.map((draft) => (draft.approvedAt ?? 0) - (draft.submittedAt ?? 0))),
    approvals,
    bankTexts,
    freezes: records.freezes.map((freeze) => ({
      frozenAt: freeze.frozenAt,
      frozenBy: member.get(freeze.frozenBy)?.name ?? freeze.frozenBy,
      reason: freeze.reason,
      unfrozenAt: freeze.unfrozenAt,
    })),
    audit: records.audit,
    auditTotal: records.audit.reduce((sum, row) => sum + row.count, 0),
  };
}
