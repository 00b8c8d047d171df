import { describe, expect, it } from 'vitest';
import type { RiposteApi } from '../../../shared/contract';
import type { Result } from '../../../shared/contract/result';
import { prefetchKeepMs, withSharedReads } from './shared-reads';

/** A stand-in transport: counts the calls main would answer, each answered when `answer()` runs. */
function countingApi() {
  const sent: string[] = [];
  const waiting: Array<() => void> = [];
  const reply =
    (name: string) =>
    (input: unknown): Promise<Result<unknown>> => {
      const n = sent.push(`${name} ${JSON.stringify(input)}`);
      return new Promise((resolve) => waiting.push(() => resolve({ ok: true, value: { name, n } })));
    };
  const api = {
    members: { list: reply('members.list') },
    drafts: { transition: reply('drafts.transition') },
    columns: { list: reply('columns.list') },
    session: { identify: reply('session.identify') },
    on: () => () => {},
  } as unknown as RiposteApi;
  return { api, sent, answer: () => waiting.splice(0).forEach((resolve) => resolve()) };
}

describe('shared reads', () => {
  it('asks main once for a read asked twice while the first answer is on its way, whatever the key order', async () => {
    const { api, sent, answer } = countingApi();
    const shared = withSharedReads(api, ['members.list']).api;
    // Same question, keys written in another order (the contract's inputs are plain objects).
    const first = shared.members.list({ roomId: 'r1', since: 5 } as { roomId: string });
    const second = shared.members.list({ since: 5, roomId: 'r1' } as { roomId: string });
    const other = shared.members.list({ roomId: 'r2' });
    answer();
    expect(await first).toEqual(await second);
    expect(await other).not.toEqual(await first);
    expect(sent).toEqual(['members.list {"roomId":"r1","since":5}', 'members.list {"roomId":"r2"}']);

    // Once answered, the next ask is a new question (the value may have changed).
    const later = shared.members.list({ roomId: 'r2' });
    answer();
    await later;
    expect(sent).toHaveLength(3);
  });

  it('never shares a call that changes something', async () => {
    const { api, sent, answer } = countingApi();
    const shared = withSharedReads(api, ['members.list']).api;
    const input = { id: 'd1', action: { type: 'approve' } } as const;
    const both = [shared.drafts.transition(input), shared.drafts.transition(input)];
    answer();
    await Promise.all(both);
    expect(sent).toHaveLength(2);
  });

  it('hands a prefetched answer to the first component that asks in time, and only to it', async () => {
    let clock = 0;
    const { api, sent, answer } = countingApi();
    const reads = withSharedReads(api, ['members.list'], () => clock);
    const fetched = reads.prefetch('members.list', { roomId: 'r1' });
    answer();
    await fetched;
    clock += prefetchKeepMs - 1;
    expect(await reads.api.members.list({ roomId: 'r1' })).toEqual(await fetched);
    expect(sent).toHaveLength(1);
    const again = reads.api.members.list({ roomId: 'r1' });
    answer();
    await again;
    expect(sent).toHaveLength(2);
  });

  it('drops a prefetched answer nobody asked for in time', async () => {
    let clock = 0;
    const { api, sent, answer } = countingApi();
    const reads = withSharedReads(api, ['members.list'], () => clock);
    const fetched = reads.prefetch('members.list', { roomId: 'r1' });
    answer();
    await fetched;
    clock += prefetchKeepMs + 1;
    const late = reads.api.members.list({ roomId: 'r1' });
    answer();
    await late;
    expect(sent).toHaveLength(2);
  });
});

describe('peeking at a prefetched answer', () => {
  it('shows it once it has arrived, leaves it for the component’s own call, and never past a write or its time', async () => {
    let clock = 0;
    const { api, sent, answer } = countingApi();
    const reads = withSharedReads(api, ['members.list'], () => clock);
    const fetched = reads.prefetch('members.list', { roomId: 'r1' });
    expect(reads.peek('members.list', { roomId: 'r1' })).toBeUndefined();
    answer();
    const value = await fetched;
    expect(reads.peek('members.list', { roomId: 'r1' })).toBe(value);
    expect(reads.peek('members.list', { roomId: 'r2' })).toBeUndefined();
    // Not used up: the component that rendered with it still gets it from its call, without a second ask.
    expect(await reads.api.members.list({ roomId: 'r1' })).toBe(value);
    expect(sent).toHaveLength(1);

    void reads.prefetch('members.list', { roomId: 'r2' });
    answer();
    await Promise.resolve();
    clock += prefetchKeepMs + 1;
    expect(reads.peek('members.list', { roomId: 'r2' })).toBeUndefined();

    clock = 0;
    const again = reads.prefetch('members.list', { roomId: 'r3' });
    answer();
    await again;
    void reads.api.drafts.transition({ id: 'd1', action: { type: 'approve' } });
    expect(reads.peek('members.list', { roomId: 'r3' })).toBeUndefined();
  });
});

describe('shared reads and the calls between them', () => {
  it('do not share an answer across a call that may change it (a write, a new person for this window)', async () => {
    const { api, sent, answer } = countingApi();
    const reads = withSharedReads(api, ['members.list']);
    const before = reads.api.members.list({ roomId: 'r1' });
    void reads.prefetch('members.list', { roomId: 'r2' });
    void reads.api.drafts.transition({ id: 'd1', action: { type: 'approve' } });
    const after = reads.api.members.list({ roomId: 'r1' });
    const prefetchedBefore = reads.api.members.list({ roomId: 'r2' });
    answer();
    expect(await after).not.toEqual(await before);
    await prefetchedBefore;
    expect(sent.filter((line) => line.startsWith('members.list'))).toHaveLength(4);
  });
});

describe('calls that change only some reads', () => {
  it('keep the room’s prefetched columns across picking who this window is, not the person’s reads', async () => {
    const { api, sent, answer } = countingApi();
    const reads = withSharedReads(api, ['members.list', 'columns.list']);
    void reads.prefetch('columns.list', { roomId: 'r1' });
    void reads.prefetch('members.list', { roomId: 'r1' });
    void reads.api.session.identify({ roomId: 'r1', memberId: 'm1' });
    void reads.api.columns.list({ roomId: 'r1' });
    void reads.api.members.list({ roomId: 'r1' });
    answer();
    expect(sent.filter((line) => line.startsWith('columns.list'))).toHaveLength(1);
    expect(sent.filter((line) => line.startsWith('members.list'))).toHaveLength(2);
  });
});
