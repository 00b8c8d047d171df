import type { AlliedAccount, BannedTerm } from '../playbook/playbook';
import { normalizeHandle } from '../playbook/playbook';
import { compileBannedTerms, type BannedTermHit } from './banned-terms';
import { findBrokenLinks, tokenize, type BrokenLink } from './body-tokens';
import type { AutoCheckId, ChecklistAnswer, ChecklistState } from './checklist';
import { formatMessage, type MessageParams } from './messages';
import { checkLength, type LengthCheck } from './network-length';
import type { Network } from './networks';

export const DEFAULT_MAX_HASHTAGS = 2;
export const DEFAULT_SHOUTING = { minLetters: 8, ratio: 0.6, minWordLength: 4 } as const;

export interface AutoCheckConfig {
  bannedTerms: readonly BannedTerm[];
  alliedAccounts: readonly AlliedAccount[];
  /** Networks the draft will go to; length is checked for each. */
  targets: readonly Network[];
  /** More hashtags than this is hashtag bingo. */
  maxHashtags?: number;
  /** Per-network limits that differ from the default (a Mastodon instance allowing 1000). */
  lengthLimits?: Partial<Record<Network, number>>;
  shouting?: { minLetters: number; ratio: number; minWordLength: number };
  /** Attached images with their alt text ('' when none was given): each needs one. */
  images?: readonly { name: string; altText: string }[];
}

interface ResultBase<C extends AutoCheckId, F> {
  check: C;
  value: 'pass' | 'fail' | 'na';
  /** English note for the checklist answer; `noteKey` + `params` for other languages. */
  note: string;
  noteKey: string;
  params: MessageParams;
  findings: F;
}

export type AutoCheckResult =
  | ResultBase<'banned_terms', BannedTermHit[]>
  | ResultBase<'length', LengthCheck[]>
  | ResultBase<'hashtags', { hashtags: string[]; max: number }>
  | ResultBase<'links', BrokenLink[]>
  | ResultBase<'mentions', { outside: string[] }>
  | ResultBase<'shouting', { ratio: number; letters: number }>
  | ResultBase<'alt_text', { missing: string[] }>;

/** Catalog for the notes (merge into the i18n resources like the drafts messages). */
export const autoCheckMessagesEn = {
  'drafts.auto.bannedTerms.pass': 'No banned terms.',
  'drafts.auto.bannedTerms.fail': 'Banned terms: {{terms}}.',
  'drafts.auto.length.na': 'No target network chosen.',
  'drafts.auto.length.pass': 'Fits every target network.',
  'drafts.auto.length.fail': 'Too long for {{networks}}.',
  'drafts.auto.hashtags.pass': '{{count}} hashtags (at most {{max}}).',
  'drafts.auto.hashtags.fail': '{{count}} hashtags: more than {{max}} reads as hashtag bingo.',
  'drafts.auto.links.pass': 'Every link looks valid.',
  'drafts.auto.links.fail': 'Links that will not work: {{links}}.',
  'drafts.auto.mentions.pass': 'Mentions only allied accounts (or none).',
  'drafts.auto.mentions.fail': 'Mentions accounts outside the allied list: {{accounts}}.',
  'drafts.auto.shouting.pass': 'No shouting.',
  'drafts.auto.shouting.fail': '{{percent}}% of the letters are capitals: it reads as shouting.',
  'drafts.auto.altText.na': 'No image attached.',
  'drafts.auto.altText.pass': 'Every image has alt text.',
  'drafts.auto.altText.fail': 'Images without alt text: {{images}}.',
} as const;

export const autoCheckMessagesFr: Record<keyof typeof autoCheckMessagesEn, string> = {
  'drafts.auto.bannedTerms.pass': 'Aucun terme interdit.',
  'drafts.auto.bannedTerms.fail': 'Termes interdits : {{terms}}.',
  'drafts.auto.length.na': 'Aucun réseau cible choisi.',
  'drafts.auto.length.pass': 'Tient dans la limite de chaque réseau cible.',
  'drafts.auto.length.fail': 'Trop long pour {{networks}}.',
  'drafts.auto.hashtags.pass': '{{count}} hashtags (au plus {{max}}).',
  'drafts.auto.hashtags.fail': '{{count}} hashtags : au-delà de {{max}}, on tombe dans le loto des hashtags.',
  'drafts.auto.links.pass': 'Tous les liens semblent valides.',
  'drafts.auto.links.fail': 'Liens qui ne fonctionneront pas : {{links}}.',
  'drafts.auto.mentions.pass': 'Ne mentionne que des comptes alliés (ou aucun).',
  'drafts.auto.mentions.fail': 'Mentionne des comptes hors de la liste des alliés : {{accounts}}.',
  'drafts.auto.shouting.pass': 'Pas de majuscules criardes.',
  'drafts.auto.shouting.fail': '{{percent}} % des lettres sont en capitales : on a l’impression de crier.',
  'drafts.auto.altText.na': 'Aucune image jointe.',
  'drafts.auto.altText.pass': 'Chaque image a son texte alternatif.',
  'drafts.auto.altText.fail': 'Images sans texte alternatif : {{images}}.',
};

type NoteKey = keyof typeof autoCheckMessagesEn;

function result<R extends AutoCheckResult>(
  check: R['check'],
  value: R['value'],
  noteKey: NoteKey,
  params: MessageParams,
  findings: R['findings'],
): R {
  const note = formatMessage(autoCheckMessagesEn[noteKey], params);
  return { check, value, note, noteKey, params, findings } as R;
}

export type AutoChecker = (body: string) => AutoCheckResult[];

/**
 * Prepares the checks for one playbook and target set (compiles the banned-term pattern
 * once); the returned function is what runs on every keystroke.
 */
export function createAutoChecker(config: AutoCheckConfig): AutoChecker {
  const matchBanned = compileBannedTerms(config.bannedTerms);
  const maxHashtags = config.maxHashtags ?? DEFAULT_MAX_HASHTAGS;
  const shouting = config.shouting ?? DEFAULT_SHOUTING;
  const targets = [...new Set(config.targets)];
  const allied = new Set(
    config.alliedAccounts
      .filter((a) => targets.length === 0 || targets.includes(a.network))
      .map((a) => normalizeHandle(a.handle)),
  );

  return (body) => {
    const tokens = tokenize(body);

    const hits = matchBanned(body);
    const banned =
      hits.length === 0
        ? result('banned_terms', 'pass', 'drafts.auto.bannedTerms.pass', {}, hits)
        : result(
            'banned_terms',
            'fail',
            'drafts.auto.bannedTerms.fail',
            {
              terms: hits.map((h) => `"${h.term}" (${h.reason})`).join('; '),
            },
            hits,
          );

    const lengths = targets.map((network) => checkLength(body, network, { limit: config.lengthLimits?.[network] }));
    const tooLong = lengths.filter((l) => !l.ok);
    const length =
      lengths.length === 0
        ? result('length', 'na', 'drafts.auto.length.na', {}, lengths)
        : tooLong.length === 0
          ? result('length', 'pass', 'drafts.auto.length.pass', {}, lengths)
          : result(
              'length',
              'fail',
              'drafts.auto.length.fail',
              {
                networks: tooLong.map((l) => `${l.network} (${l.count}/${l.limit})`).join(', '),
              },
              lengths,
            );

    const tagCount = tokens.hashtags.length;
    const hashtagFindings = { hashtags: tokens.hashtags, max: maxHashtags };
    const hashtags =
      tagCount > maxHashtags
        ? result(
            'hashtags',
            'fail',
            'drafts.auto.hashtags.fail',
            { count: tagCount, max: maxHashtags },
            hashtagFindings,
          )
        : result(
            'hashtags',
            'pass',
            'drafts.auto.hashtags.pass',
            { count: tagCount, max: maxHashtags },
            hashtagFindings,
          );

    const broken = findBrokenLinks(body);
    const links =
      broken.length === 0
        ? result('links', 'pass', 'drafts.auto.links.pass', {}, broken)
        : result('links', 'fail', 'drafts.auto.links.fail', { links: broken.map((b) => b.token).join(', ') }, broken);

    const outside = [...new Set(tokens.mentions.map(normalizeHandle))].filter((m) => !allied.has(m));
    const mentions =
      outside.length === 0
        ? result('mentions', 'pass', 'drafts.auto.mentions.pass', {}, { outside })
        : result(
            'mentions',
            'fail',
            'drafts.auto.mentions.fail',
            {
              accounts: outside.map((m) => `@${m}`).join(', '),
            },
            { outside },
          );

    const caps = capitalsShare(tokens.withoutUrls, shouting.minWordLength);
    const isShouting = caps.letters >= shouting.minLetters && caps.ratio >= shouting.ratio;
    const shout = isShouting
      ? result('shouting', 'fail', 'drafts.auto.shouting.fail', { percent: Math.round(caps.ratio * 100) }, caps)
      : result('shouting', 'pass', 'drafts.auto.shouting.pass', {}, caps);

    // People who cannot see the image rely on its description; networks show it as alt text.
    const images = config.images ?? [];
    const missing = images.filter((image) => image.altText.trim() === '').map((image) => image.name);
    const altText =
      images.length === 0
        ? result('alt_text', 'na', 'drafts.auto.altText.na', {}, { missing })
        : missing.length === 0
          ? result('alt_text', 'pass', 'drafts.auto.altText.pass', {}, { missing })
          : result('alt_text', 'fail', 'drafts.auto.altText.fail', { images: missing.join(', ') }, { missing });

    return [banned, length, hashtags, links, mentions, shout, altText];
  };
}

/** One-off run; prefer createAutoChecker when checking on every keystroke. */
export function runAutoChecks(body: string, config: AutoCheckConfig): AutoCheckResult[] {
  return createAutoChecker(config)(body);
}

const SKIP_FOR_CAPS = /[#@][\p{L}\p{N}_.@-]+/gu;
const LETTER_RUN = /\p{L}+/gu;

/** Share of capitals among letters of words long enough not to be acronyms (USA, ONU, NBA). */
function capitalsShare(text: string, minWordLength: number): { ratio: number; letters: number } {
  let letters = 0;
  let upper = 0;
  for (const [word] of text.replace(SKIP_FOR_CAPS, ' ').matchAll(LETTER_RUN)) {
    if (word.length < minWordLength) continue;
    for (const char of word) {
      letters += 1;
      if (char !== char.toLowerCase()) upper += 1;
    }
  }
  return { ratio: letters === 0 ? 0 : upper / letters, letters };
}

/**
 * Fills the template's 'auto' items from the check results, keeping people's answers to
 * questions as they are. An auto item whose check did not run keeps no answer.
 */
export function withAutoAnswers(
  state: ChecklistState,
  results: readonly AutoCheckResult[],
  now: number,
): ChecklistState {
  const byCheck = new Map(results.map((r) => [r.check, r]));
  const answers: Record<string, ChecklistAnswer | undefined> = { ...state.answers };
  for (const item of state.template.items) {
    if (item.kind !== 'auto' || item.check === undefined) continue;
    const found = byCheck.get(item.check);
    answers[item.id] = found === undefined ? undefined : { value: found.value, note: found.note, by: 'auto', at: now };
  }
  return { template: state.template, answers };
}
