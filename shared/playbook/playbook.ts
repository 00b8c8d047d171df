import { z } from 'zod';
import type { Result } from '../contract/result';
import { Network } from '../drafts/networks';

/**
 * A room's playbook: what the brand stands for and how it speaks, the words it never uses,
 * the accounts and sites it trusts enough to amplify, and the hashtags it follows.
 * Exported and imported as a versioned JSON file so a team can reuse it across events.
 */

export const PLAYBOOK_FORMAT = 'riposte.playbook';
export const PLAYBOOK_VERSION = 1;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const Pillar = z.object({
  name: text(120),
  description: z.string().trim().max(2000).default(''),
});
export type Pillar = z.infer<typeof Pillar>;

export const BannedTerm = z.object({
  /** A word or phrase; matched whole-word, ignoring case and accents. */
  term: text(200),
  /** Why it is banned, shown to the writer when the term is found. */
  reason: text(500),
});
export type BannedTerm = z.infer<typeof BannedTerm>;

export const AlliedAccount = z.object({
  network: Network,
  /** As written on the network: "acme", "@acme@mastodon.social", "acme.bsky.social". */
  handle: z
    .string()
    .trim()
    .regex(/^@?[\p{L}\p{N}_.-]+(@[\p{L}\p{N}.-]+)?$/u, 'is not a handle (like acme or acme@mastodon.social)'),
});
export type AlliedAccount = z.infer<typeof AlliedAccount>;

export const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,}$/u,
    'is not a domain name (write example.com, without https://)',
  );

export const Hashtag = z
  .string()
  .trim()
  .regex(/^#?[\p{L}\p{N}_]+$/u, 'is not a hashtag (letters, digits and _ only)');

export const Playbook = z.object({
  pillars: z.array(Pillar).max(20).default([]),
  voice: z.string().trim().max(4000).default(''),
  bannedTerms: z.array(BannedTerm).max(2000).default([]),
  alliedSources: z
    .object({
      accounts: z.array(AlliedAccount).max(2000).default([]),
      domains: z.array(Domain).max(2000).default([]),
    })
    .default({ accounts: [], domains: [] }),
  trackedHashtags: z.array(Hashtag).max(200).default([]),
});
export type Playbook = z.infer<typeof Playbook>;
export type PlaybookInput = z.input<typeof Playbook>;

export const emptyPlaybook: Playbook = Playbook.parse({});

const PlaybookFileHeader = z.object({
  format: z.string(),
  version: z.number().int(),
});

const PlaybookFile = z.object({
  format: z.literal(PLAYBOOK_FORMAT),
  version: z.literal(PLAYBOOK_VERSION),
  exportedAt: z.number().int().optional(),
  playbook: Playbook,
});

/** The JSON file a team saves and shares. Stable key order so files diff cleanly. */
export function exportPlaybookFile(playbook: Playbook, now: number): string {
  const file: z.input<typeof PlaybookFile> = {
    format: PLAYBOOK_FORMAT,
    version: PLAYBOOK_VERSION,
    exportedAt: now,
    playbook: Playbook.parse(playbook),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The key's catalog text; `message` carries the detail in English (merge into the i18n errors). */
export const playbookMessages = {
  en: { 'errors.playbook.invalidFile': 'This playbook file cannot be read.' },
  fr: { 'errors.playbook.invalidFile': 'Impossible de lire ce fichier de charte.' },
} as const;

function invalid(message: string, field?: string): Result<Playbook> {
  return {
    ok: false,
    code: 'invalid_input',
    message,
    messageKey: 'errors.playbook.invalidFile',
    ...(field === undefined ? {} : { field }),
  };
}

/** Reads a playbook file; on failure the message says what was wrong and where. */
export function parsePlaybookFile(fileText: string): Result<Playbook> {
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return invalid(`The playbook file is not valid JSON (${detail}).`);
  }
  const header = PlaybookFileHeader.safeParse(json);
  if (!header.success || header.data.format !== PLAYBOOK_FORMAT) {
    return invalid(
      `This is not a Riposte playbook file: it should start with "format": "${PLAYBOOK_FORMAT}".`,
      'format',
    );
  }
  if (header.data.version > PLAYBOOK_VERSION) {
    return invalid(
      `This playbook was saved by a newer Riposte (file version ${header.data.version}); this one reads version ${PLAYBOOK_VERSION}. Update Riposte to open it.`,
      'version',
    );
  }
  const parsed = PlaybookFile.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data.playbook };
  const issue = parsed.error.issues[0];
  if (issue === undefined) return invalid('The playbook file is invalid.');
  const field = issue.path.map(String).join('.');
  return invalid(`The playbook file has a problem at ${describePath(issue.path)}: ${issue.message}.`, field);
}

/** "playbook.bannedTerms.2.reason" → "banned term 3, reason": how a person would say it. */
function describePath(path: readonly PropertyKey[]): string {
  const names: Record<string, string> = {
    pillars: 'pillar',
    bannedTerms: 'banned term',
    accounts: 'allied account',
    domains: 'allied domain',
    trackedHashtags: 'tracked hashtag',
  };
  const parts: string[] = [];
  for (let i = 0; i < path.length; i += 1) {
    const key = path[i];
    const next = path[i + 1];
    if (key === 'playbook' || key === 'alliedSources') continue;
    if (typeof key === 'string' && typeof next === 'number' && names[key] !== undefined) {
      parts.push(`${names[key]} ${next + 1}`);
      i += 1;
    } else {
      parts.push(String(key));
    }
  }
  return parts.length === 0 ? 'the top level' : parts.join(', ');
}

/** Handle in the form used for comparison: no leading @, lower case. */
export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}
