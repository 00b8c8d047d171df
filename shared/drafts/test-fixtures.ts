import type { ChecklistAnswers, ChecklistState, ChecklistTemplate } from './checklist';
import { createDraft, type DraftForLifecycle } from './draft';
import type { TransitionContext } from './lifecycle-types';
import { defaultRoomPolicy, type Member, type RoomPolicy } from './team';

/** Builders shared by the drafts tests (not used by the app). */

export const T0 = Date.UTC(2026, 6, 14, 20, 0, 0);
export const MINUTE = 60_000;

export const lead: Member = { id: 'm-lead', name: 'Léa', role: 'lead' };
export const writer: Member = { id: 'm-writer', name: 'Walid', role: 'writer' };
export const approver: Member = { id: 'm-approver', name: 'Anna', role: 'approver' };
export const approver2: Member = { id: 'm-approver-2', name: 'Arno', role: 'approver' };
export const legal: Member = { id: 'm-legal', name: 'Lou', role: 'legal' };
export const analyst: Member = { id: 'm-analyst', name: 'Ali', role: 'analyst' };
export const observer: Member = { id: 'm-observer', name: 'Olga', role: 'observer' };
export const members = [lead, writer, approver, approver2, legal, analyst, observer] as const;

export const smallTemplate: ChecklistTemplate = {
  format: 'riposte.checklist',
  version: 1,
  id: 'small',
  name: { fr: 'Petite liste', en: 'Small list' },
  items: [
    {
      id: 'pillars',
      kind: 'question',
      level: 'required',
      section: 'strategy',
      allowNa: false,
      scope: 'draft',
      confirmedBy: 'writer',
      text: { fr: 'Piliers ?', en: 'Pillars?' },
      help: { fr: 'Aide', en: 'Help' },
    },
    {
      id: 'image_rights',
      kind: 'question',
      level: 'required',
      section: 'risk',
      allowNa: true,
      scope: 'draft',
      confirmedBy: 'writer',
      text: { fr: 'Droits ?', en: 'Rights?' },
      help: { fr: 'Aide', en: 'Help' },
    },
    {
      id: 'rhythm',
      kind: 'question',
      level: 'advisory',
      section: 'influence',
      allowNa: true,
      scope: 'draft',
      confirmedBy: 'writer',
      text: { fr: 'Rythme ?', en: 'Rhythm?' },
      help: { fr: 'Aide', en: 'Help' },
    },
  ],
};

export const allPassing: ChecklistAnswers = {
  pillars: { value: 'pass' },
  image_rights: { value: 'na' },
  rhythm: { value: 'fail' },
};

export function checklist(answers: ChecklistAnswers = allPassing): ChecklistState {
  return { template: smallTemplate, answers };
}

export function newDraft(room: RoomPolicy = defaultRoomPolicy, authorId = writer.id): DraftForLifecycle {
  return createDraft({ id: 'd1', authorId, triggerAt: T0, now: T0, room });
}

export function ctx(actor: Member, now: number, overrides: Partial<TransitionContext> = {}): TransitionContext {
  return { actor, room: defaultRoomPolicy, checklist: checklist(), now, ...overrides };
}
