import { describe, expect, it } from 'vitest';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { ContractError, Result } from '../../../shared/contract/result';
import enErrors from '../../../shared/i18n/locales/en/errors.json';
import frErrors from '../../../shared/i18n/locales/fr/errors.json';
import { errorTemplate, placeholdersOf } from '../../../shared/i18n/english-errors';
import { tempCoresPerTest, createTestRoom } from '../testing/temp-core';

const T0 = Date.UTC(2026, 6, 14, 20, 0, 0);
const createTempCore = tempCoresPerTest();

/** The error as the UI gets it: a key both languages know, and a value for each of its placeholders. */
function expectTranslatable(result: Result<unknown>, expected: Partial<ContractError>): ContractError {
  expect(result).toMatchObject({ ok: false, ...expected });
  if (result.ok) throw new Error('expected an error');
  const key = result.messageKey ?? '';
  const en = errorTemplate(enErrors, key);
  const fr = errorTemplate(frErrors, key);
  expect(typeof en, key).toBe('string');
  expect(typeof fr, key).toBe('string');
  for (const name of placeholdersOf(String(fr))) {
    if (name === 'detail') continue; // Filled with the English message when params don't carry it.
    expect(result.params?.[name], `${key}: {{${name}}}`).toBeTypeOf('string');
  }
  return result;
}

describe('errors about drafts carry a translatable key and its params', () => {
  it('names the field that was wrong, with a key and params for the French text', async () => {
    const core = createTempCore(() => T0, { startIngest: false });
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const result = await core.dispatch(name, input);
      if (!result.ok) throw new Error(result.message);
      return result.value as T;
    };
    const room = await createTestRoom(core, T0, { hours: 1 });
    const add = (name: string, role: string) => call<RoomMember>('members.add', { roomId: room.id, name, role });
    const lead = await add('Léa', 'lead');
    const writer = await add('Walid', 'writer');
    const analyst = await add('Ali', 'analyst');
    const draft = await core.as(writer).call<DraftView>('drafts.create', {
      roomId: room.id,
      trigger: { kind: 'scratch' },
      body: 'Hello',
    });

    expectTranslatable(
      await core.as(analyst).dispatch('drafts.create', { roomId: room.id, trigger: { kind: 'scratch' } }),
      { code: 'forbidden', messageKey: 'errors.draft.createRole', params: { role: 'analyst' } },
    );
    expectTranslatable(
      await core.as({ id: 'ghost', roomId: room.id }).dispatch('drafts.create', {
        roomId: room.id,
        trigger: { kind: 'scratch' },
      }),
      { code: 'forbidden', messageKey: 'errors.team.pickYourself' },
    );
    expectTranslatable(await core.as(lead).dispatch('drafts.assign', { id: draft.id, assigneeId: 'ghost' }), {
      code: 'not_found',
      field: 'assigneeId',
    });
    expectTranslatable(await core.as(lead).dispatch('members.remove', { roomId: room.id, memberId: 'ghost' }), {
      code: 'not_found',
      field: 'memberId',
      messageKey: 'errors.team.notMember',
    });
    expectTranslatable(await core.as(writer).dispatch('members.remove', { roomId: room.id, memberId: lead.id }), {
      code: 'forbidden',
      messageKey: 'errors.team.leadOnly.removeMember',
    });
    await core.as(writer).call('drafts.save', { id: draft.id, body: 'Theirs', baseVersion: 1 });
    expectTranslatable(await core.as(writer).dispatch('drafts.save', { id: draft.id, body: 'Mine', baseVersion: 1 }), {
      code: 'conflict',
      messageKey: 'errors.draft.saveConflict',
      params: { base: '1', current: '2', theirs: 'Theirs', mine: 'Mine' },
    });
    const transition = expectTranslatable(
      await core.as(writer).dispatch('drafts.transition', { id: draft.id, action: { type: 'approve' } }),
      { code: 'invalid_transition', field: 'action', messageKey: 'errors.draft.transition' },
    );
    expect(transition.params).toEqual({ from: 'draft', action: 'approve' });
    expectTranslatable(
      await core.as(writer).dispatch('drafts.save', { id: draft.id, body: 'x'.repeat(1_000_000), baseVersion: 1 }),
      {
        code: 'too_large',
        field: 'body',
        messageKey: 'errors.draft.tooLong',
        params: { length: '1000000', max: '10000' },
      },
    );
    expectTranslatable(
      await core.as(lead).dispatch('checklist.update', {
        roomId: room.id,
        template: { format: 'riposte.checklist', version: 1, id: 'x', name: { fr: 'x', en: 'x' }, items: [] },
      }),
      { code: 'invalid_input', field: 'template.items', messageKey: 'errors.checklist.noItems' },
    );
    expectTranslatable(
      await core.as(writer).dispatch('bank.add', {
        roomId: room.id,
        title: 'If we win',
        body: 'Yes!',
        validFrom: T0,
        validUntil: T0 + 1,
      }),
      { code: 'forbidden', messageKey: 'errors.bank.cannotAdd', params: { role: 'writer' } },
    );
  });
});
