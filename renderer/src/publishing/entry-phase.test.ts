import { describe, expect, it } from 'vitest';
import type { EntryView } from '../../../shared/publishing/outbox';
import { entryPhase, secondsLeft } from './entry-phase';

const entry = (over: Partial<EntryView>): Pick<EntryView, 'state' | 'network' | 'notBefore' | 'waitReason'> => ({
  state: 'queued',
  network: 'mastodon',
  notBefore: 10_000,
  waitReason: null,
  ...over,
});

describe('what a channel says it is doing', () => {
  it('is held with a countdown inside the undo window, then leaves', () => {
    expect(entryPhase(entry({}), 5_000, false)).toBe('held');
    expect(entryPhase(entry({}), 10_000, false)).toBe('leaving');
    expect(secondsLeft(10_000, 5_001)).toBe(5);
    expect(secondsLeft(10_000, 12_000)).toBe(0);
  });

  it('says it is held by the freeze before anything else that is still to go', () => {
    expect(entryPhase(entry({}), 5_000, true)).toBe('frozen');
    expect(entryPhase(entry({ state: 'unknown' }), 50_000, true)).toBe('frozen');
    expect(entryPhase(entry({ state: 'published' }), 50_000, true)).toBe('published');
  });

  it('names what a due entry waits for', () => {
    expect(entryPhase(entry({ waitReason: 'offline' }), 50_000, false)).toBe('offline');
    expect(entryPhase(entry({ waitReason: 'rate_limited' }), 50_000, false)).toBe('rate_limited');
    expect(entryPhase(entry({ waitReason: 'stale' }), 50_000, false)).toBe('stale');
    expect(entryPhase(entry({ network: 'manual', waitReason: 'manual' }), 50_000, false)).toBe('manual');
    expect(entryPhase(entry({ state: 'unknown', waitReason: 'retrying' }), 50_000, false)).toBe('reconciling');
    expect(entryPhase(entry({ state: 'unknown', waitReason: 'offline' }), 50_000, false)).toBe('offline');
  });

  it('tells a manual deletion from one Riposte does itself', () => {
    expect(entryPhase(entry({ state: 'retracting', network: 'manual' }), 0, false)).toBe('retracting_manual');
    expect(entryPhase(entry({ state: 'retracting' }), 0, false)).toBe('retracting');
  });
});
