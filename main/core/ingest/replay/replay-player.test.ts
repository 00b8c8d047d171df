import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ReplayPlayer, type ReplayedItem, type ReplayState } from './replay-player';
import { FakeClock } from './testing/fake-clock';
import type { RecordedItem, Recording } from '../../recordings/recording';

const EVENT_START = Date.UTC(2026, 6, 12, 18, 0, 0);
const WALL_START = Date.UTC(2030, 0, 1, 9, 0, 0);

function item(offsetMs: number, id = `i${offsetMs}`): RecordedItem {
  return {
    extId: id,
    url: null,
    authorHandle: null,
    authorName: null,
    text: `at ${offsetMs}`,
    html: null,
    language: 'fr',
    publishedAt: EVENT_START + offsetMs,
    engagement: {},
    mediaUrls: [],
    source: { kind: 'mastodon', label: 'test' },
  };
}

function recording(offsets: number[], durationMs = 3_600_000): Recording {
  return {
    header: {
      format: 'riposte-recording',
      version: 1,
      title: 'test',
      startsAt: EVENT_START,
      endsAt: EVENT_START + durationMs,
      timeZone: 'Europe/Paris',
      language: 'fr',
    },
    items: offsets.map((offset, index) => item(offset, `i${index}`)),
  };
}

function setup(offsets: number[], options: { durationMs?: number; speed?: 1 | 10 | 60 } = {}) {
  const clock = new FakeClock(WALL_START);
  const batches: { at: number; items: ReplayedItem[]; state: ReplayState }[] = [];
  const states: ReplayState[] = [];
  const player = new ReplayPlayer({
    recording: recording(offsets, options.durationMs),
    clock,
    speed: options.speed ?? 1,
    onBatch: (items, state) => batches.push({ at: clock.now(), items, state }),
    onState: (state) => states.push(state),
  });
  const emitted = () => batches.flatMap((b) => b.items);
  return { clock, player, batches, states, emitted };
}

describe('ReplayPlayer', () => {
  it('emits items in recording order when their event time comes, re-timestamped to wall time', () => {
    const { clock, player, emitted } = setup([0, 1_000, 1_000, 5_000, 60_000]);
    player.play();
    clock.advance(0);
    expect(emitted().map((i) => i.originalExtId)).toEqual(['i0']);
    clock.advance(4_999);
    expect(emitted().map((i) => i.originalExtId)).toEqual(['i0', 'i1', 'i2']);
    clock.advance(1);
    expect(emitted().map((i) => i.originalExtId)).toEqual(['i0', 'i1', 'i2', 'i3']);
    clock.advance(55_000);
    const all = emitted();
    expect(all.map((i) => i.extId)).toEqual(['i0', 'i1', 'i2', 'i3', 'i4']);
    expect(all.map((i) => i.publishedAt - WALL_START)).toEqual([0, 1_000, 1_000, 5_000, 60_000]);
    expect(all.map((i) => i.originalPublishedAt - EVENT_START)).toEqual([0, 1_000, 1_000, 5_000, 60_000]);
  });

  it.each([1, 10, 60] as const)('plays at %ix event time', (speed) => {
    const offsets = [0, 60_000, 600_000, 3_000_000];
    const { clock, player, emitted } = setup(offsets, { speed });
    player.play();
    clock.advance(Math.ceil(600_000 / speed));
    expect(emitted()).toHaveLength(3);
    expect(player.state().positionAt - EVENT_START).toBe(600_000);
    clock.advance(Math.ceil(2_400_000 / speed));
    const all = emitted();
    expect(all).toHaveLength(4);
    // Gaps in wall time are the event gaps divided by the speed.
    expect(all.map((i) => i.publishedAt - WALL_START)).toEqual(offsets.map((o) => Math.round(o / speed)));
  });

  it('keeps its position across pause and resume', () => {
    const { clock, player, emitted, states } = setup([0, 10_000, 20_000, 30_000]);
    player.play();
    clock.advance(15_000);
    player.pause();
    expect(player.state()).toMatchObject({ status: 'paused', positionAt: EVENT_START + 15_000, playedCount: 2 });
    clock.advance(3_600_000);
    expect(emitted()).toHaveLength(2);
    expect(player.state().positionAt).toBe(EVENT_START + 15_000);
    player.resume();
    clock.advance(4_999);
    expect(emitted()).toHaveLength(2);
    clock.advance(1);
    expect(emitted()).toHaveLength(3);
    // Fresh in wall time: the resumed item is stamped when it played, not an hour ago.
    expect(emitted()[2]?.publishedAt).toBe(clock.now());
    expect(states.map((s) => s.status)).toEqual(['playing', 'paused', 'playing']);
  });

  it('restarts from the beginning as a new pass with distinct extIds', () => {
    const { clock, player, emitted } = setup([0, 1_000, 2_000], { durationMs: 2_000 });
    player.play();
    clock.advance(2_000);
    expect(player.state().status).toBe('ended');
    expect(player.state().progress).toBe(1);
    player.restart();
    clock.advance(2_000);
    expect(emitted().map((i) => i.extId)).toEqual(['i0', 'i1', 'i2', 'i0~replay1', 'i1~replay1', 'i2~replay1']);
    expect(emitted().map((i) => i.originalExtId)).toEqual(['i0', 'i1', 'i2', 'i0', 'i1', 'i2']);
    expect(player.state()).toMatchObject({ status: 'ended', pass: 1, playedCount: 3 });
  });

  it('seeks forward without emitting skipped items, and back as a new pass', () => {
    const { clock, player, emitted } = setup([0, 10_000, 20_000, 30_000, 40_000]);
    player.play();
    clock.advance(0);
    player.seek(EVENT_START + 25_000);
    clock.advance(5_000);
    expect(emitted().map((i) => i.extId)).toEqual(['i0', 'i3']);
    expect(player.state().pass).toBe(0);
    player.seek(EVENT_START + 10_000);
    // i3 was handed over just now, so the next batch waits out the 100 ms bound.
    clock.advance(99);
    expect(emitted()).toHaveLength(2);
    clock.advance(1);
    expect(emitted().map((i) => i.extId)).toEqual(['i0', 'i3', 'i1~replay1']);
    expect(player.state().pass).toBe(1);
  });

  it('seeks while paused and plays from there on resume', () => {
    const { clock, player, emitted } = setup([0, 10_000, 20_000]);
    player.play();
    clock.advance(1);
    player.pause();
    player.seek(EVENT_START + 19_000);
    expect(player.state()).toMatchObject({ status: 'paused', positionAt: EVENT_START + 19_000, playedCount: 2 });
    player.resume();
    clock.advance(1_000);
    expect(emitted().map((i) => i.extId)).toEqual(['i0', 'i2']);
  });

  it('changes speed mid-play from the current position', () => {
    const { clock, player, emitted } = setup([0, 60_000, 120_000, 720_000]);
    player.play();
    clock.advance(60_000);
    player.setSpeed(60);
    clock.advance(1_000);
    expect(emitted()).toHaveLength(3);
    expect(player.state().positionAt).toBe(EVENT_START + 120_000);
    clock.advance(10_000);
    expect(emitted()).toHaveLength(4);
    expect(emitted()[3]?.publishedAt).toBe(WALL_START + 71_000);
  });

  it('hands over at most one batch per 100 ms even at 60x with dense items', () => {
    // One item every 50 ms of event time for 10 minutes: 12,000 items, 10 s of wall time at 60x.
    const offsets = Array.from({ length: 12_000 }, (_, i) => i * 50);
    const { clock, player, batches, emitted } = setup(offsets, { speed: 60, durationMs: 600_000 });
    player.play();
    for (let t = 0; t < 10_000; t += 7) clock.advance(7);
    clock.advance(100);
    expect(emitted()).toHaveLength(12_000);
    for (let i = 1; i < batches.length; i++) {
      const gap = (batches[i]?.at ?? 0) - (batches[i - 1]?.at ?? 0);
      expect(gap).toBeGreaterThanOrEqual(100);
    }
    expect(batches.length).toBeLessThanOrEqual(101);
    expect(player.state().status).toBe('ended');
  });

  it('keeps the batching bound and order under any mix of controls (property)', () => {
    const action = fc.oneof(
      fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 5_000 }) }),
      fc.record({ kind: fc.constant('pause' as const) }),
      fc.record({ kind: fc.constant('resume' as const) }),
      fc.record({ kind: fc.constant('speed' as const), speed: fc.constantFrom(1 as const, 10 as const, 60 as const) }),
      fc.record({ kind: fc.constant('seek' as const), to: fc.integer({ min: 0, max: 120_000 }) }),
      fc.record({ kind: fc.constant('restart' as const) }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 120_000 }), { maxLength: 200 }),
        fc.array(action, { maxLength: 40 }),
        (rawOffsets, actions) => {
          const offsets = [...rawOffsets].sort((a, b) => a - b);
          const { clock, player, batches } = setup(offsets, { durationMs: 120_000 });
          player.play();
          for (const step of actions) {
            switch (step.kind) {
              case 'advance':
                clock.advance(step.ms);
                break;
              case 'pause':
                player.pause();
                break;
              case 'resume':
                player.resume();
                break;
              case 'speed':
                player.setSpeed(step.speed);
                break;
              case 'seek':
                player.seek(EVENT_START + step.to);
                break;
              case 'restart':
                player.restart();
                break;
            }
            const state = player.state();
            expect(state.positionAt).toBeGreaterThanOrEqual(EVENT_START);
            expect(state.positionAt).toBeLessThanOrEqual(EVENT_START + 120_000);
          }
          let previousPublished = Number.NEGATIVE_INFINITY;
          for (let i = 0; i < batches.length; i++) {
            const batch = batches[i];
            if (batch === undefined) continue;
            if (i > 0) expect(batch.at - (batches[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(100);
            for (const emitted of batch.items) {
              expect(emitted.publishedAt).toBeGreaterThanOrEqual(previousPublished);
              expect(emitted.publishedAt).toBeLessThanOrEqual(batch.at);
              previousPublished = emitted.publishedAt;
            }
          }
          player.dispose();
          expect(clock.pending()).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses items out of order', () => {
    const bad = recording([0, 1_000]);
    bad.items.reverse();
    expect(() => new ReplayPlayer({ recording: bad, clock: new FakeClock(0), onBatch: () => {} })).toThrow(
      /sorted by publishedAt/,
    );
  });
});
