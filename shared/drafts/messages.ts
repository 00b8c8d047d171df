/**
 * The drafts domain speaks English in `message` and carries an i18n key plus params, so
 * the UI can show the same sentence in French. These catalogs are meant to be merged into
 * the renderer's i18next resources as they are (i18next `{{name}}` interpolation).
 */
export const draftMessagesEn = {
  'errors.draft.transition': 'A draft that is {{from}} cannot be sent to {{action}}.',
  'errors.draft.notAllowed': 'As {{role}}, you cannot {{action}} this draft.',
  'errors.draft.selfApproval': 'You wrote this draft, and this room does not allow approving your own drafts.',
  'errors.draft.alreadyApproved':
    'You have already approved this draft; a second approval must come from someone else.',
  'errors.draft.slotFilled':
    'The {{slot}} approval is already given; this draft is waiting for another kind of approval.',
  'errors.draft.checklistUnmet':
    'Required checklist items are not passed: {{items}}. Answer them, or a lead can override with a written reason.',
  'errors.draft.overrideReason': 'An override needs a written reason of at least {{min}} characters.',
  'errors.draft.overrideNothing': 'Every required checklist item is already passed; there is nothing to override.',
  'errors.draft.stale':
    'The freshness window closed at {{expiresAt, datetime}}. A lead can extend it; otherwise let the draft expire.',
  'errors.draft.notStaleYet': 'This draft is still within its freshness window; it expires at {{expiresAt, datetime}}.',
  'errors.draft.notApproved': 'This draft is not approved yet: {{missing}} approval is missing.',
  'errors.draft.scheduleInPast': 'Pick a time after now to schedule this draft.',
  'errors.draft.scheduleAfterExpiry':
    'That time is after the freshness window closes ({{expiresAt, datetime}}). Extend the window first.',
  'errors.draft.extendAmount': 'Extend by between 1 minute and 24 hours.',
  'errors.checklist.invalidTemplate': 'This checklist template is not valid.',
  'errors.checklist.naNotAllowed': 'This question must be answered pass or fail; n/a is not accepted.',
  'drafts.event.submitted': '{{actor}} submitted the draft for review.',
  'drafts.event.changesRequested': '{{actor}} asked for changes.',
  'drafts.event.approvalRecorded': '{{actor}} gave the {{slot}} approval; still waiting for {{missing}}.',
  'drafts.event.approved': '{{actor}} approved the draft.',
  'drafts.event.rejected': '{{actor}} rejected the draft.',
  'drafts.event.published': '{{actor}} published the draft.',
  'drafts.event.scheduled': '{{actor}} scheduled the draft for {{scheduledFor, datetime}}.',
  'drafts.event.unscheduled': '{{actor}} took the draft off the schedule.',
  'drafts.event.extended': '{{actor}} extended the freshness window to {{expiresAt, datetime}}.',
  'drafts.event.expired': 'The freshness window closed; the draft expired.',
  'drafts.event.reopened': '{{actor}} reopened the draft for editing.',
  'drafts.event.withdrawn': '{{actor}} took the draft back for editing; approvals were cleared.',
  'drafts.event.edited': '{{actor}} started writing.',
  'drafts.event.checklistOverridden': '{{actor}} overrode the checklist ({{items}}): {{reason}}',
} as const;

export type DraftMessageKey = keyof typeof draftMessagesEn;

export const draftMessagesFr: Record<DraftMessageKey, string> = {
  'errors.draft.transition': 'Un brouillon à l’état « {{from}} » ne peut pas passer par « {{action}} ».',
  'errors.draft.notAllowed': 'Avec le rôle {{role}}, vous ne pouvez pas faire « {{action}} » sur ce brouillon.',
  'errors.draft.selfApproval':
    'Vous avez écrit ce brouillon, et cette salle n’autorise pas à approuver ses propres brouillons.',
  'errors.draft.alreadyApproved':
    'Vous avez déjà approuvé ce brouillon ; la seconde approbation doit venir de quelqu’un d’autre.',
  'errors.draft.slotFilled':
    'L’approbation {{slot}} est déjà donnée ; ce brouillon attend un autre type d’approbation.',
  'errors.draft.checklistUnmet':
    'Des points obligatoires de la liste de contrôle ne sont pas validés : {{items}}. Répondez-y, ou un responsable peut passer outre avec une raison écrite.',
  'errors.draft.overrideReason': 'Pour passer outre, écrivez une raison d’au moins {{min}} caractères.',
  'errors.draft.overrideNothing': 'Tous les points obligatoires sont déjà validés ; il n’y a rien à passer outre.',
  'errors.draft.stale':
    'La fenêtre de fraîcheur s’est fermée à {{expiresAt, datetime}}. Un responsable peut la prolonger ; sinon, laissez le brouillon expirer.',
  'errors.draft.notStaleYet':
    'Ce brouillon est encore dans sa fenêtre de fraîcheur ; il expire à {{expiresAt, datetime}}.',
  'errors.draft.notApproved': 'Ce brouillon n’est pas encore approuvé : il manque l’approbation {{missing}}.',
  'errors.draft.scheduleInPast': 'Choisissez une heure postérieure à maintenant pour programmer ce brouillon.',
  'errors.draft.scheduleAfterExpiry':
    'Cette heure tombe après la fin de la fenêtre de fraîcheur ({{expiresAt, datetime}}). Prolongez d’abord la fenêtre.',
  'errors.draft.extendAmount': 'Prolongez de 1 minute à 24 heures.',
  'errors.checklist.invalidTemplate': 'Ce modèle de liste de contrôle n’est pas valide.',
  'errors.checklist.naNotAllowed':
    'Cette question appelle une réponse « validé » ou « non validé » ; « sans objet » n’est pas accepté.',
  'drafts.event.submitted': '{{actor}} a soumis le brouillon pour relecture.',
  'drafts.event.changesRequested': '{{actor}} a demandé des modifications.',
  'drafts.event.approvalRecorded': '{{actor}} a donné l’approbation {{slot}} ; il manque encore {{missing}}.',
  'drafts.event.approved': '{{actor}} a approuvé le brouillon.',
  'drafts.event.rejected': '{{actor}} a refusé le brouillon.',
  'drafts.event.published': '{{actor}} a publié le brouillon.',
  'drafts.event.scheduled': '{{actor}} a programmé le brouillon pour {{scheduledFor, datetime}}.',
  'drafts.event.unscheduled': '{{actor}} a retiré le brouillon de la programmation.',
  'drafts.event.extended': '{{actor}} a prolongé la fenêtre de fraîcheur jusqu’à {{expiresAt, datetime}}.',
  'drafts.event.expired': 'La fenêtre de fraîcheur s’est fermée ; le brouillon a expiré.',
  'drafts.event.reopened': '{{actor}} a rouvert le brouillon pour le modifier.',
  'drafts.event.withdrawn': '{{actor}} a repris le brouillon pour le modifier ; les approbations ont été effacées.',
  'drafts.event.edited': '{{actor}} a commencé à écrire.',
  'drafts.event.checklistOverridden': '{{actor}} a passé outre la liste de contrôle ({{items}}) : {{reason}}',
};

export type MessageParams = Record<string, string | number>;

/**
 * English rendering of a catalog entry. `{{name, datetime}}` (i18next's built-in formatter)
 * renders a millisecond timestamp as HH:MM UTC, since the domain does not know the user's zone.
 * Unknown placeholders are left visible on purpose, so a missing param shows in review.
 */
export function formatMessage(template: string, params: MessageParams): string {
  return template.replace(/\{\{(\w+)(?:,\s*(\w+))?\}\}/g, (whole, name: string, format?: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (format === 'datetime' && typeof value === 'number') {
      return `${new Date(value).toISOString().slice(11, 16)} UTC`;
    }
    return String(value);
  });
}

export function draftMessage(key: DraftMessageKey, params: MessageParams = {}): string {
  return formatMessage(draftMessagesEn[key], params);
}
