import { z } from 'zod';
import type { Result } from '../contract/result';

/**
 * Checklist templates and answers. A template is data (resources/checklists/*.json); a
 * draft's checklist state is the template plus the answers given so far, by people for
 * 'question' items and by the automatic checks for 'auto' items.
 */

export const CHECKLIST_FORMAT = 'riposte.checklist';
export const CHECKLIST_VERSION = 1;

export const autoCheckIds = [
  'banned_terms',
  'length',
  'hashtags',
  'links',
  'mentions',
  'shouting',
  'alt_text',
] as const;
export const AutoCheckId = z.enum(autoCheckIds);
export type AutoCheckId = z.infer<typeof AutoCheckId>;

export const checklistSections = ['strategy', 'risk', 'influence', 'automatic'] as const;
export const ChecklistSection = z.enum(checklistSections);
export type ChecklistSection = z.infer<typeof ChecklistSection>;

const Localized = z.object({
  fr: z.string().trim().min(1, 'French text is missing'),
  en: z.string().trim().min(1, 'English text is missing'),
});
export type Localized = z.infer<typeof Localized>;

export const ChecklistItem = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'ids are lowercase letters, digits, _ . - (max 64)'),
    kind: z.enum(['question', 'auto']),
    level: z.enum(['required', 'advisory']),
    section: ChecklistSection,
    /** Only for kind 'auto': which automatic check fills this item in. */
    check: AutoCheckId.optional(),
    /** Whether "not applicable" is an acceptable answer. Required items answered n/a count as met. */
    allowNa: z.boolean().default(true),
    /**
     * 'room': answered once for the room before the event (our pillars, our voice) and carried
     * on every draft; 'draft': asked of each draft.
     */
    scope: z.enum(['room', 'draft']).default('draft'),
    /** Who answers a draft's question: its writer, or the approver (so a writer is not asked twice). */
    confirmedBy: z.enum(['writer', 'approver']).default('writer'),
    text: Localized,
    help: Localized,
  })
  .superRefine((item, ctx) => {
    if (item.kind === 'auto' && item.check === undefined) {
      ctx.addIssue({ code: 'custom', path: ['check'], message: `auto item "${item.id}" must name its check` });
    }
    if (item.kind === 'auto' && item.scope === 'room') {
      ctx.addIssue({ code: 'custom', path: ['scope'], message: `auto item "${item.id}" is checked on each draft` });
    }
    if (item.kind === 'question' && item.check !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['check'], message: `question item "${item.id}" cannot have a check` });
    }
  });
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistTemplate = z
  .object({
    format: z.literal(CHECKLIST_FORMAT),
    version: z.literal(CHECKLIST_VERSION),
    id: z.string().min(1).max(64),
    name: Localized,
    items: z.array(ChecklistItem).min(1, 'a checklist needs at least one item'),
  })
  .superRefine((template, ctx) => {
    const seen = new Set<string>();
    template.items.forEach((item, index) => {
      if (seen.has(item.id)) {
        ctx.addIssue({ code: 'custom', path: ['items', index, 'id'], message: `duplicate item id "${item.id}"` });
      }
      seen.add(item.id);
    });
  });
export type ChecklistTemplate = z.infer<typeof ChecklistTemplate>;

export const AnswerValue = z.enum(['pass', 'fail', 'na']);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const ChecklistAnswer = z.object({
  value: AnswerValue,
  note: z.string().max(2000).optional(),
  /** Who answered: a member id, or 'auto' when an automatic check filled it in. */
  by: z.string().optional(),
  at: z.number().int().optional(),
});
export type ChecklistAnswer = z.infer<typeof ChecklistAnswer>;

export type ChecklistAnswers = Readonly<Record<string, ChecklistAnswer | undefined>>;

export interface ChecklistState {
  template: ChecklistTemplate;
  answers: ChecklistAnswers;
}

/** Dotted path of a zod issue, as our error `field`s are written ("items.3.text.fr"). */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

export function parseChecklistTemplate(input: unknown): Result<ChecklistTemplate> {
  const parsed = ChecklistTemplate.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue ? issuePath(issue.path) : '';
  const where = field === '' ? 'checklist template' : `checklist template, ${field}`;
  return {
    ok: false,
    code: 'invalid_input',
    message: `Invalid ${where}: ${issue?.message ?? 'unknown problem'}.`,
    field,
    ...templateProblem(issue, field),
  };
}

/** The translatable kind of a template problem; the English `message` keeps zod's detail. */
function templateProblem(
  issue: { code: string; path: readonly PropertyKey[]; message: string } | undefined,
  field: string,
): { messageKey: string; params: Record<string, string> } {
  const last = issue?.path[issue.path.length - 1];
  if (issue?.code === 'too_small' && field === 'items') return { messageKey: 'errors.checklist.noItems', params: {} };
  if (issue?.code === 'too_small' && (last === 'fr' || last === 'en')) {
    return { messageKey: 'errors.checklist.textMissing', params: { field, language: String(last) } };
  }
  const duplicate = /^duplicate item id "(.*)"$/.exec(issue?.message ?? '');
  if (duplicate) return { messageKey: 'errors.checklist.duplicateId', params: { id: duplicate[1] ?? '' } };
  return { messageKey: 'errors.checklist.invalidTemplate', params: { field, detail: issue?.message ?? '' } };
}

/** Whether an answer satisfies its item: pass always does; n/a only where the item allows it. */
export function isMet(item: ChecklistItem, answer: ChecklistAnswer | undefined): boolean {
  if (answer === undefined) return false;
  switch (answer.value) {
    case 'pass':
      return true;
    case 'na':
      return item.allowNa;
    case 'fail':
      return false;
  }
}

/** Ids of required items not met yet (unanswered, failed, or n/a where n/a is not allowed). */
export function unmetRequiredItems(state: ChecklistState): string[] {
  return state.template.items
    .filter((item) => item.level === 'required' && !isMet(item, state.answers[item.id]))
    .map((item) => item.id);
}

export interface ChecklistProgress {
  total: number;
  answered: number;
  requiredTotal: number;
  requiredMet: number;
  /** Required items answered 'fail' (or n/a where not allowed). */
  requiredFailing: string[];
  /** Required items with no answer yet. */
  requiredUnanswered: string[];
  /** Advisory items answered 'fail': worth a look, never blocking. */
  advisoryFailing: string[];
  /** 0..100, share of all items answered (rounded down so 100 means really all). */
  percentAnswered: number;
  /** True when every required item is met: the checklist no longer blocks approval. */
  readyForApproval: boolean;
}

export function checklistProgress(state: ChecklistState): ChecklistProgress {
  const { items } = state.template;
  let answered = 0;
  let requiredTotal = 0;
  let requiredMet = 0;
  const requiredFailing: string[] = [];
  const requiredUnanswered: string[] = [];
  const advisoryFailing: string[] = [];
  for (const item of items) {
    const answer = state.answers[item.id];
    if (answer !== undefined) answered += 1;
    const met = isMet(item, answer);
    if (item.level === 'required') {
      requiredTotal += 1;
      if (met) requiredMet += 1;
      else if (answer === undefined) requiredUnanswered.push(item.id);
      else requiredFailing.push(item.id);
    } else if (answer !== undefined && !met) {
      advisoryFailing.push(item.id);
    }
  }
  return {
    total: items.length,
    answered,
    requiredTotal,
    requiredMet,
    requiredFailing,
    requiredUnanswered,
    advisoryFailing,
    percentAnswered: items.length === 0 ? 100 : Math.floor((answered * 100) / items.length),
    readyForApproval: requiredMet === requiredTotal,
  };
}

/** Validates a person's answer against the item (n/a is refused where the item forbids it). */
export function checkAnswer(item: ChecklistItem, answer: ChecklistAnswer): Result<ChecklistAnswer> {
  if (answer.value === 'na' && !item.allowNa) {
    return {
      ok: false,
      code: 'invalid_input',
      message: `"${item.text.en}" must be answered pass or fail; n/a is not accepted for it.`,
      field: 'value',
      messageKey: 'errors.checklist.naNotAllowed',
      // Both texts of the question, so the person reads it in their language.
      params: { item: item.text.en, itemEn: item.text.en, itemFr: item.text.fr },
    };
  }
  return { ok: true, value: answer };
}
