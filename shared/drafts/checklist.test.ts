import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkAnswer,
  checklistProgress,
  parseChecklistTemplate,
  unmetRequiredItems,
  type ChecklistTemplate,
} from './checklist';
import { checklist, smallTemplate } from './test-fixtures';

function seed(): unknown {
  return JSON.parse(
    readFileSync(new URL('../../resources/checklists/realtime-preflight.json', import.meta.url), 'utf8'),
  );
}

describe('the real-time pre-flight template', () => {
  it('is a valid template, complete in French and English', () => {
    const parsed = parseChecklistTemplate(seed());
    if (!parsed.ok) throw new Error(parsed.message);
    const template = parsed.value;
    expect(template.items.length).toBeGreaterThanOrEqual(15);
    for (const item of template.items) {
      expect(item.text.fr).not.toBe(item.text.en);
      expect(item.help.fr.length).toBeGreaterThan(10);
      // French typography: no plain space before ? ! ; (a thin no-break space instead).
      expect(item.text.fr).not.toMatch(/ [?!;:]/);
      expect(item.help.fr).not.toMatch(/ [?!;:]/);
    }
  });

  it('covers the design notes: strategy questions, risk checks, influence lessons, automatic checks', () => {
    const parsed = parseChecklistTemplate(seed());
    if (!parsed.ok) throw new Error(parsed.message);
    const ids = parsed.value.items.map((i) => i.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'pillars',
        'voice',
        'strategy',
        'ride_the_wave',
        'authentic',
        'legal_claim',
        'sensitive_topic',
        'troll_bait',
        'originality',
        'image_rights',
        'something_to_say',
        'allied_sources',
        'relay_plan',
        'rhythm_visuals',
        'auto_banned_terms',
        'auto_length',
        'auto_links',
        'auto_hashtags',
        'auto_mentions',
        'auto_shouting',
      ]),
    );
    const checks = parsed.value.items.filter((i) => i.kind === 'auto').map((i) => i.check);
    expect(new Set(checks)).toEqual(
      new Set(['banned_terms', 'length', 'hashtags', 'links', 'mentions', 'shouting', 'alt_text']),
    );
  });
});

describe('parseChecklistTemplate', () => {
  it('refuses a template with no items, saying so', () => {
    const result = parseChecklistTemplate({ ...smallTemplate, items: [] });
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid_input',
      field: 'items',
      messageKey: 'errors.checklist.noItems',
    });
    if (!result.ok)
      expect(result.message).toBe('Invalid checklist template, items: a checklist needs at least one item.');
  });

  it('names the field that is wrong', () => {
    const first = smallTemplate.items[0];
    if (first === undefined) throw new Error('fixture');
    const noFrench = { ...smallTemplate, items: [{ ...first, text: { fr: ' ', en: 'Pillars?' } }] };
    expect(parseChecklistTemplate(noFrench)).toMatchObject({ ok: false, field: 'items.0.text.fr' });
    const duplicate = { ...smallTemplate, items: [first, first] };
    expect(parseChecklistTemplate(duplicate)).toMatchObject({ ok: false, field: 'items.1.id' });
    const autoWithoutCheck = { ...smallTemplate, items: [{ ...first, kind: 'auto' }] };
    expect(parseChecklistTemplate(autoWithoutCheck)).toMatchObject({ ok: false, field: 'items.0.check' });
    expect(parseChecklistTemplate({ ...smallTemplate, version: 2 })).toMatchObject({ ok: false, field: 'version' });
    expect(parseChecklistTemplate('nope')).toMatchObject({ ok: false, field: '' });
  });

  it('defaults allowNa to true', () => {
    const first = smallTemplate.items[0];
    if (first === undefined) throw new Error('fixture');
    const { allowNa: _, ...withoutNa } = first;
    const result = parseChecklistTemplate({ ...smallTemplate, items: [withoutNa] });
    expect(result.ok && result.value.items[0]?.allowNa).toBe(true);
  });
});

describe('checklist progress', () => {
  it('counts answered, met and failing items and says whether approval is blocked', () => {
    const progress = checklistProgress(checklist({ pillars: { value: 'fail' }, rhythm: { value: 'fail' } }));
    expect(progress).toEqual({
      total: 3,
      answered: 2,
      requiredTotal: 2,
      requiredMet: 0,
      requiredFailing: ['pillars'],
      requiredUnanswered: ['image_rights'],
      advisoryFailing: ['rhythm'],
      percentAnswered: 66,
      readyForApproval: false,
    });
    const done = checklistProgress(checklist({ pillars: { value: 'pass' }, image_rights: { value: 'na' } }));
    expect(done).toMatchObject({ requiredMet: 2, readyForApproval: true, percentAnswered: 66 });
  });

  it('counts n/a as met only where the item allows it', () => {
    expect(unmetRequiredItems(checklist({ pillars: { value: 'na' }, image_rights: { value: 'na' } }))).toEqual([
      'pillars',
    ]);
  });

  it('refuses an n/a answer to an item that does not accept it', () => {
    const [pillars, rights] = smallTemplate.items as [
      ChecklistTemplate['items'][number],
      ChecklistTemplate['items'][number],
    ];
    expect(checkAnswer(pillars, { value: 'na' })).toMatchObject({
      ok: false,
      messageKey: 'errors.checklist.naNotAllowed',
    });
    expect(checkAnswer(rights, { value: 'na' })).toMatchObject({ ok: true });
  });
});
