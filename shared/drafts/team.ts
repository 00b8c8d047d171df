import { z } from 'zod';

/** Roles a member holds in one room. A member has one role per room. */
export const roles = ['lead', 'writer', 'approver', 'legal', 'analyst', 'observer'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const Member = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(200),
  role: Role,
});
export type Member = z.infer<typeof Member>;

export const DEFAULT_FRESHNESS_WINDOW_MS = 20 * 60_000;
export const DEFAULT_PUBLISH_HOLD_MS = 10_000;

/**
 * How a room reviews drafts. Defaults suit a small brand team: a lead or an approver signs
 * off, nobody approves their own draft, and a response is fresh for 20 minutes after the
 * moment that triggered it.
 */
export const RoomPolicy = z.object({
  /** Roles whose approval counts as the brand approval. */
  approverRoles: z.array(Role).min(1).default(['lead', 'approver']),
  /** When true a draft needs two approvals: brand (approverRoles) and legal (role 'legal'). */
  requireLegalApproval: z.boolean().default(false),
  allowSelfApproval: z.boolean().default(false),
  freshnessWindowMs: z
    .number()
    .int()
    .min(60_000)
    .max(24 * 3_600_000)
    .default(DEFAULT_FRESHNESS_WINDOW_MS),
  /** How long "publish" holds an entry before it leaves, so "cancel" can still stop it. */
  publishHoldMs: z
    .number()
    .int()
    .min(0)
    .max(10 * 60_000)
    .default(DEFAULT_PUBLISH_HOLD_MS),
});
export type RoomPolicy = z.infer<typeof RoomPolicy>;

export const defaultRoomPolicy: RoomPolicy = RoomPolicy.parse({});

/** Roles that write and ship drafts. */
export const writingRoles: ReadonlySet<Role> = new Set(['lead', 'writer']);
