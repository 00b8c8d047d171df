import { z } from 'zod';
import { MomentKind, MomentStatus } from '../moments/moment';
import { WaitReason } from '../publishing/outbox';
import { PublishProblem } from '../publishing/publish-problem';
import { HealthProblem } from '../sources/health-problem';

/**
 * The post-event report's figures: what the Report view shows, what the HTML and PDF are
 * drawn from, and what the JSON export writes. Computed from the store off the main thread
 * (main/core/report/). Times are UTC milliseconds; every display of them is in the room's
 * time zone, named once at the top (`room.timeZone`). Durations are milliseconds.
 */

/** A median and 90th percentile over `count` values (null when there is none). */
export const Spread = z.object({ count: z.number(), median: z.number().nullable(), p90: z.number().nullable() });
export type Spread = z.infer<typeof Spread>;

const Count = z.object({ key: z.string(), count: z.number() });
export type Count = z.infer<typeof Count>;

const MinutePoint = z.object({ minute: z.number(), count: z.number() });
export type MinutePoint = z.infer<typeof MinutePoint>;

export const ReportNetwork = z.enum(['mastodon', 'bluesky', 'manual', 'x']);
export type ReportNetwork = z.infer<typeof ReportNetwork>;

export const SourceHealth = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.string(),
  allied: z.boolean(),
  /** Its state when the report was made (ok, error, offline…). */
  state: z.string(),
  lastError: z.string().nullable(),
  /** The same as a code, said in the report's language (null for rows from before codes). */
  problem: HealthProblem.nullable().default(null),
  items: z.number(),
  /** Share of the event's minutes in which it brought at least one item (0–1). */
  activeShare: z.number(),
  /** The longest run of minutes of the event without one of its items. */
  longestSilenceMinutes: z.number(),
});
export type SourceHealth = z.infer<typeof SourceHealth>;

export const MomentDecision = z.enum([
  'published',
  'rejected',
  'expired',
  'frozen',
  'in_progress',
  'dismissed',
  'none',
]);
export type MomentDecision = z.infer<typeof MomentDecision>;

export const ReportMoment = z.object({
  id: z.string(),
  kind: MomentKind,
  status: MomentStatus,
  term: z.string().nullable(),
  note: z.string().nullable(),
  columnName: z.string().nullable(),
  onsetAt: z.number(),
  detectedAt: z.number(),
  /** Detected minus its first matching post (onset); null for notes and cues, which nobody detects. */
  detectionDelayMs: z.number().nullable(),
  drafts: z.number(),
  decision: MomentDecision,
  publishedAt: z.number().nullable(),
});
export type ReportMoment = z.infer<typeof ReportMoment>;

export const PublishedLink = z.object({
  network: ReportNetwork,
  channel: z.string(),
  state: z.string(),
  url: z.string().nullable(),
  remoteId: z.string().nullable(),
  publishedAt: z.number().nullable(),
  /** Why a live entry had not left yet (an outbox wait reason code), null once it settled. */
  waitReason: WaitReason.nullable(),
  /** The English sentence, for entries stored before failures had codes. */
  failureReason: z.string().nullable(),
  /** Why it failed, as a code and its parameters: said in the report's language. */
  failureProblem: PublishProblem.nullable(),
});
export type PublishedLink = z.infer<typeof PublishedLink>;

export const ReportResponse = z.object({
  id: z.string(),
  excerpt: z.string(),
  state: z.string(),
  triggerKind: z.string(),
  momentId: z.string().nullable(),
  author: z.string(),
  networks: z.array(z.string()),
  triggerAt: z.number(),
  firstEditAt: z.number().nullable(),
  submittedAt: z.number().nullable(),
  approvedAt: z.number().nullable(),
  publishedAt: z.number().nullable(),
  /** Published within the room's freshness window after its trigger (null: not published). */
  insideFreshness: z.boolean().nullable(),
  approvers: z.array(z.object({ name: z.string(), slot: z.string(), at: z.number() })),
  override: z.object({ by: z.string(), reason: z.string(), items: z.array(z.string()) }).nullable(),
  links: z.array(PublishedLink),
});
export type ReportResponse = z.infer<typeof ReportResponse>;

export const TopPost = z.object({
  id: z.number(),
  author: z.string().nullable(),
  text: z.string(),
  url: z.string().nullable(),
  publishedAt: z.number(),
  engagement: z.number(),
  likes: z.number().nullable(),
  reposts: z.number().nullable(),
  replies: z.number().nullable(),
});
export type TopPost = z.infer<typeof TopPost>;

export const ColumnShare = z.object({
  id: z.string(),
  name: z.string(),
  total: z.number(),
  /** Its items over the sum of every column's (share of voice between columns, 0–1). */
  share: z.number(),
  series: z.array(MinutePoint),
});
export type ColumnShare = z.infer<typeof ColumnShare>;

export const ReportFigures = z.object({
  version: z.literal(1),
  generatedAt: z.number(),
  room: z.object({
    id: z.string(),
    name: z.string(),
    startsAt: z.number(),
    endsAt: z.number(),
    timeZone: z.string(),
    language: z.enum(['fr', 'en']),
    freshnessWindowMs: z.number(),
  }),
  team: z.array(z.object({ name: z.string(), role: z.string(), removed: z.boolean() })),
  sources: z.array(SourceHealth),
  items: z.object({ total: z.number(), duringEvent: z.number(), languages: z.array(Count) }),
  headline: z.object({
    momentsSeen: z.number(),
    momentsAnswered: z.number(),
    watchAlerts: z.number(),
    triggerToPublished: Spread,
    triggerToApproved: Spread,
    insideFreshness: z.number(),
    published: z.number(),
    publishedPerNetwork: z.array(Count),
  }),
  timeline: z.object({
    from: z.number(),
    to: z.number(),
    volume: z.array(MinutePoint),
    cues: z.array(z.object({ label: z.string(), at: z.number() })),
    moments: z.array(z.object({ id: z.string(), kind: MomentKind, at: z.number() })),
    published: z.array(z.object({ draftId: z.string(), at: z.number() })),
    columns: z.array(ColumnShare),
  }),
  moments: z.array(ReportMoment),
  responses: z.array(ReportResponse),
  conversation: z.object({
    topPosts: z.array(TopPost),
    emergingTerms: z.array(z.object({ term: z.string(), at: z.number() })),
    allied: z.object({ allied: z.number(), other: z.number() }),
    topAuthors: z.array(Count),
    languages: z.array(Count),
  }),
  process: z.object({
    checklist: z.array(z.object({ itemId: z.string(), failed: z.number(), overridden: z.number() })),
    reviewTime: Spread,
    approvals: z.array(z.object({ name: z.string(), role: z.string(), count: z.number() })),
    bankTexts: z.array(z.object({ title: z.string(), count: z.number() })),
    freezes: z.array(
      z.object({
        frozenAt: z.number(),
        frozenBy: z.string(),
        reason: z.string(),
        unfrozenAt: z.number().nullable(),
      }),
    ),
    audit: z.array(Count),
    auditTotal: z.number(),
  }),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

/** The report's sections, in the order they print. A team can leave sections out. */
export const reportSections = ['summary', 'timeline', 'moments', 'responses', 'conversation', 'process'] as const;
export const ReportSection = z.enum(reportSections);
export type ReportSection = z.infer<typeof ReportSection>;

/** What the counts fetched at export time say of one published post. */
export const PostCounts = z.object({
  url: z.string(),
  favourites: z.number().nullable(),
  boosts: z.number().nullable(),
  replies: z.number().nullable(),
});
export type PostCounts = z.infer<typeof PostCounts>;

/** The counts of the published posts, dated; or why they are not there (offline, nothing published). */
export const EngagementCounts = z.object({
  fetchedAt: z.number(),
  status: z.enum(['fetched', 'offline', 'none']),
  posts: z.array(PostCounts),
});
export type EngagementCounts = z.infer<typeof EngagementCounts>;
