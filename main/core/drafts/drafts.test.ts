import { describe, expect, it } from 'vitest';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { tempCoresPerTest, createTestRoom, valueOf } from '../testing/temp-core';

const T0 = Date.UTC(2026, 6, 14, 20, 0, 0);
const createTempCore = tempCoresPerTest();

const value = valueOf;

async function setUp() {
  let clock = T0;
  const core = createTempCore(() => clock, { startIngest: false });
  const call = <T>(name: string, input: unknown) => core.dispatch(name, input).then((r) => value<T>(r));
  const room = await createTestRoom(core, T0);
  const add = (name: string, role: string) => call<RoomMember>('members.add', { roomId: room.id, name, role });
  const lead = await add('Léa', 'lead');
  const writer = await add('Walid', 'writer');
  const approver = await add('Anna', 'approver');
  const analyst = await add('Ali', 'analyst');
  await core.as(lead).call('playbook.update', {
    roomId: room.id,
    playbook: { bannedTerms: [{ term: 'cheap', reason: 'we are premium' }] },
  });
  const create = (body = '') =>
    core.as(writer).call<DraftView>('drafts.create', {
      roomId: room.id,
      trigger: { kind: 'scratch' },
      body,
      networks: ['x'],
    });
  const answerAll = async (draft: DraftView) => {
    const template = await call<{ items: { id: string; kind: string; level: string }[] }>('checklist.get', {
      roomId: room.id,
    });
    for (const item of template.items.filter((i) => i.kind === 'question' && i.level === 'required')) {
      await core.as(writer).call('drafts.answer', { id: draft.id, itemId: item.id, value: 'pass' });
    }
  };
  return {
    core,
    call,
    room,
    lead,
    writer,
    approver,
    analyst,
    create,
    answerAll,
    tick: (ms: number) => {
      clock += ms;
    },
  };
}

describe('drafts through the contract', () => {
  it('goes from scratch to published, recording the stopwatch and every step in the audit log', async () => {
    const { core, call, room, writer, approver, create, answerAll, tick } = await setUp();
    const draft = await create();
    expect(draft.state).toBe('draft');
    expect(draft.stopwatch.firstEditAt).toBeNull();
    tick(30_000);
    const saved = await core.as(writer).call<DraftView>('drafts.save', {
      id: draft.id,
      body: 'Quelle finale ! Bravo aux Bleus.',
      baseVersion: draft.version,
    });
    expect(saved.version).toBe(draft.version + 1);
    expect(saved.stopwatch.firstEditAt).toBe(T0 + 30_000);
    // Committed before the call returned: a fresh read sees it.
    expect((await call<DraftView>('drafts.get', { id: draft.id })).body).toBe('Quelle finale ! Bravo aux Bleus.');
    await answerAll(saved);
    tick(60_000);
    await core.as(writer).call('drafts.transition', { id: draft.id, action: { type: 'submit' } });
    tick(60_000);
    const approved = await core.as(approver).call<DraftView>('drafts.transition', {
      id: draft.id,
      action: { type: 'approve' },
    });
    expect(approved.state).toBe('approved');
    expect(approved.progress.readyForApproval).toBe(true);
    const published = await core.as(writer).call<DraftView>('drafts.transition', {
      id: draft.id,
      action: { type: 'publish' },
    });
    expect(published.stopwatch).toEqual({
      triggerAt: T0,
      firstEditAt: T0 + 30_000,
      submittedAt: T0 + 90_000,
      approvedAt: T0 + 150_000,
      publishedAt: T0 + 150_000,
    });
    const audit = await call<{ type: string; doneByName: string }[]>('audit.list', {
      roomId: room.id,
      draftId: draft.id,
    });
    expect(audit.map((e) => e.type).reverse()).toEqual([
      'created',
      'edited',
      ...Array(10).fill('checklist_answered'),
      'submitted',
      'approved',
      'published',
    ]);
    const onlyApprovals = await call<{ doneByName: string }[]>('audit.list', { roomId: room.id, type: 'approved' });
    expect(onlyApprovals.map((e) => e.doneByName)).toEqual(['Anna']);
  });

  it('fails the automatic banned-terms check and blocks approval until a lead overrides with a reason', async () => {
    const { core, writer, approver, lead, create, answerAll } = await setUp();
    const draft = await create('Nos billets cheap pour la finale');
    await answerAll(draft);
    await core.as(writer).call('drafts.transition', { id: draft.id, action: { type: 'submit' } });
    const blocked = await core
      .as(approver)
      .call('drafts.transition', { id: draft.id, action: { type: 'approve' } })
      .catch((e: Error) => e.message);
    expect(blocked).toMatch(/^invalid_transition: Required checklist items are not passed: auto_banned_terms/);
    await core.as(lead).call('drafts.transition', {
      id: draft.id,
      action: { type: 'override_checklist', reason: 'Quoting the rival ad on purpose' },
    });
    const approved = await core.as(approver).call<DraftView>('drafts.transition', {
      id: draft.id,
      action: { type: 'approve' },
    });
    expect(approved.state).toBe('approved');
    expect(approved.override?.itemIds).toEqual(['auto_banned_terms']);
  });

  it('refuses an approval by a member without the role, and the draft stays in review', async () => {
    const { core, call, writer, analyst, create, answerAll } = await setUp();
    const draft = await create('Bravo');
    await answerAll(draft);
    await core.as(writer).call('drafts.transition', { id: draft.id, action: { type: 'submit' } });
    const result = await core.as(analyst).dispatch('drafts.transition', { id: draft.id, action: { type: 'approve' } });
    expect(result).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: 'As analyst, you cannot approve this draft.',
    });
    expect((await call<DraftView>('drafts.get', { id: draft.id })).state).toBe('in_review');
  });

  it('refuses an unknown transition and an actor from outside the room', async () => {
    const { core, room, create, writer } = await setUp();
    const draft = await create('Bravo');
    const unknown = await core.as(writer).dispatch('drafts.transition', { id: draft.id, action: { type: 'teleport' } });
    expect(unknown).toMatchObject({ ok: false, code: 'invalid_input', field: 'action.type' });
    const wrongState = await core
      .as(writer)
      .dispatch('drafts.transition', { id: draft.id, action: { type: 'publish' } });
    expect(wrongState).toMatchObject({ ok: false, code: 'invalid_transition' });
    const stranger = await core
      .as({ id: 'nobody', roomId: room.id })
      .dispatch('drafts.save', { id: draft.id, body: 'x', baseVersion: 1 });
    expect(stranger).toMatchObject({ ok: false, code: 'forbidden', messageKey: 'errors.team.pickYourself' });
  });

  it('refuses a draft from a connection where nobody is picked, and creates nothing', async () => {
    const { core, call, room } = await setUp();
    const anonymous = await core.dispatch('drafts.create', {
      roomId: room.id,
      trigger: { kind: 'scratch' },
      body: 'Bravo',
      networks: ['x'],
    });
    expect(anonymous).toMatchObject({ ok: false, code: 'forbidden', messageKey: 'errors.team.pickYourself' });
    expect(await call<DraftView[]>('drafts.list', { roomId: room.id })).toEqual([]);
    expect(await call<unknown[]>('audit.list', { roomId: room.id, type: 'created' })).toEqual([]);
  });

  it('refuses a 1 MB body with a clear message and keeps the saved text', async () => {
    const { core, call, writer, create } = await setUp();
    const draft = await create('Texte sauvé');
    const result = await core.as(writer).dispatch('drafts.save', {
      id: draft.id,
      body: 'a'.repeat(1_000_000),
      baseVersion: 1,
    });
    expect(result).toMatchObject({ ok: false, code: 'too_large', field: 'body' });
    expect(result.ok ? '' : result.message).toContain('1,000,000 characters');
    const kept = await call<DraftView>('drafts.get', { id: draft.id });
    expect(kept.body).toBe('Texte sauvé');
    expect(kept.version).toBe(1);
  });

  it('answers a stale save with a conflict showing both texts, and overwrites nothing', async () => {
    const { core, call, writer, lead, create } = await setUp();
    const draft = await create('Départ');
    await core.as(lead).call('drafts.save', { id: draft.id, body: 'Version de Léa', baseVersion: 1 });
    const stale = await core.as(writer).dispatch('drafts.save', {
      id: draft.id,
      body: 'Version de Walid',
      baseVersion: 1,
    });
    expect(stale).toMatchObject({ ok: false, code: 'conflict', field: 'baseVersion' });
    expect(stale.ok ? '' : stale.message).toContain('Their text:\nVersion de Léa');
    expect(stale.ok ? '' : stale.message).toContain('Your text:\nVersion de Walid');
    expect((await call<DraftView>('drafts.get', { id: draft.id })).body).toBe('Version de Léa');
  });

  it('refuses a checklist template with no items and keeps the current one', async () => {
    const { core, call, room, lead } = await setUp();
    const before = await call<{ items: unknown[] }>('checklist.get', { roomId: room.id });
    const result = await core.as(lead).dispatch('checklist.update', {
      roomId: room.id,
      template: { format: 'riposte.checklist', version: 1, id: 'empty', name: { fr: 'Vide', en: 'Empty' }, items: [] },
    });
    expect(result).toMatchObject({ ok: false, code: 'invalid_input', field: 'template.items' });
    expect(result.ok ? '' : result.message).toContain('a checklist needs at least one item');
    expect((await call<{ items: unknown[] }>('checklist.get', { roomId: room.id })).items).toHaveLength(
      before.items.length,
    );
  });

  it('keeps the audit log append-only, even for SQL run by hand', async () => {
    const { core, create } = await setUp();
    await create('Bravo');
    expect(() => core.db.prepare("UPDATE audit_log SET message = 'x'").run()).toThrow(/append-only/);
    expect(() => core.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('coalesces autosaves into one revision per burst of typing', async () => {
    const { core, call, writer, create, tick } = await setUp();
    const draft = await create();
    const asWriter = core.as(writer);
    let version = draft.version;
    for (const body of ['B', 'Br', 'Bra', 'Bravo']) {
      tick(500);
      version = (await asWriter.call<DraftView>('drafts.save', { id: draft.id, body, baseVersion: version })).version;
    }
    tick(120_000);
    await asWriter.call('drafts.save', { id: draft.id, body: 'Bravo les Bleus', baseVersion: version });
    const revisions = await call<{ body: string }[]>('drafts.revisions', { id: draft.id });
    expect(revisions.map((r) => r.body)).toEqual(['Bravo les Bleus', 'Bravo']);
  });

  it('turns a pre-approved bank entry into an approved draft in one action, inside its window only', async () => {
    const { core, room, approver, writer, tick } = await setUp();
    const entry = await core.as(approver).call<{ id: string }>('bank.add', {
      roomId: room.id,
      title: 'Si on gagne',
      body: 'Champions !',
      networks: ['x', 'bluesky'],
      validFrom: T0,
      validUntil: T0 + 3_600_000,
    });
    const byWriter = await core.as(writer).dispatch('bank.add', {
      roomId: room.id,
      title: 'x',
      body: 'y',
      validFrom: T0,
      validUntil: T0 + 1,
    });
    expect(byWriter).toMatchObject({ ok: false, code: 'forbidden' });
    const draft = await core.as(writer).call<DraftView>('bank.use', { id: entry.id });
    expect(draft).toMatchObject({ state: 'approved', triggerKind: 'bank', body: 'Champions !' });
    const published = await core.as(writer).call<DraftView>('drafts.transition', {
      id: draft.id,
      action: { type: 'publish' },
    });
    expect(published.state).toBe('published');
    tick(2 * 3_600_000);
    expect(await core.as(writer).dispatch('bank.use', { id: entry.id })).toMatchObject({
      ok: false,
      code: 'invalid_transition',
    });
  });

  it('exports and imports a playbook file, and explains a bad one', async () => {
    const { core, call, room, lead } = await setUp();
    const file = await call<{ fileName: string; text: string }>('playbook.export', { roomId: room.id });
    expect(file.fileName).toBe('playbook-final.json');
    await core.as(lead).call('playbook.update', { roomId: room.id, playbook: {} });
    const imported = await core.as(lead).call<{ bannedTerms: { term: string }[] }>('playbook.import', {
      roomId: room.id,
      text: file.text,
    });
    expect(imported.bannedTerms.map((b) => b.term)).toEqual(['cheap']);
    const bad = await core.as(lead).dispatch('playbook.import', { roomId: room.id, text: '{"format":"other"}' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid_input', field: 'format' });
  });

  it('starts a response from an item at the item’s time, and refuses an unknown item', async () => {
    const { core, room, writer, tick } = await setUp();
    core.db
      .prepare(
        "INSERT INTO sources (id, room_id, kind, label, config, created_at, updated_at) VALUES ('s', ?, 'feed', 'S', '{}', 0, 0)",
      )
      .run(room.id);
    const { lastInsertRowid } = core.db
      .prepare(
        "INSERT INTO items (room_id, source_id, ext_id, text, published_at, fetched_at) VALUES (?, 's', 'e1', 'Blackout!', ?, ?)",
      )
      .run(room.id, T0 - 60_000, T0);
    tick(5_000);
    const draft = await core.as(writer).call<DraftView>('drafts.create', {
      roomId: room.id,
      trigger: { kind: 'item', itemId: Number(lastInsertRowid) },
    });
    expect(draft).toMatchObject({ triggerKind: 'item', triggerRef: String(lastInsertRowid) });
    expect(draft.stopwatch.triggerAt).toBe(T0 - 60_000);
    expect(draft.expiresAt).toBe(T0 - 60_000 + 20 * 60_000);
    const missing = await core.as(writer).dispatch('drafts.create', {
      roomId: room.id,
      trigger: { kind: 'item', itemId: 999 },
    });
    expect(missing).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('assigns a draft to a member of the room only, and records who did it', async () => {
    const { core, call, room, lead, approver, create } = await setUp();
    const draft = await create('Bravo');
    const assigned = await core.as(lead).call<DraftView>('drafts.assign', { id: draft.id, assigneeId: approver.id });
    expect(assigned.assigneeId).toBe(approver.id);
    const outsider = await core.as(lead).dispatch('drafts.assign', { id: draft.id, assigneeId: 'nobody' });
    // The error names the assignee, not the (valid) actor.
    expect(outsider).toMatchObject({
      ok: false,
      code: 'not_found',
      field: 'assigneeId',
      messageKey: 'errors.team.notMember',
    });
    const audit = await call<{ message: string }[]>('audit.list', { roomId: room.id, type: 'assigned' });
    expect(audit.map((e) => e.message)).toEqual(['Léa assigned the draft to Anna.']);
  });
});
