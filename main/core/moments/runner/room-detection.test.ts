import { describe, expect, it } from 'vitest';
import { createRoomDetection, type DetectedMoment, type RoomDetectionOptions } from './room-detection';

const t0 = Date.UTC(2026, 6, 19, 19, 0, 0);
const minute = (n: number) => t0 + n * 60_000;
const chatter = ['tir corner', 'passe arbitre', 'tribune ballon', 'défense attaque', 'milieu public'];

/** 30 calm minutes (20 posts a minute), then a blackout at 80 posts a minute; advanced every 15 s. */
function replay(options: Partial<RoomDetectionOptions> = {}): Array<DetectedMoment & { knownAt: number }> {
  const detection = createRoomDetection(options);
  const found: Array<DetectedMoment & { knownAt: number }> = [];
  let id = 0;
  for (let at = t0; at < minute(36); at += 15_000) {
    const burst = at >= minute(30);
    const perStep = burst ? 20 : 5;
    for (let k = 0; k < perStep; k += 1) {
      id += 1;
      const text = burst ? 'Coupure générale, #Blackout' : (chatter[id % chatter.length] ?? 'match');
      detection.addItem(id, at + Math.floor((k * 15_000) / perStep), text);
    }
    for (const moment of detection.advance(at + 15_000)) found.push({ ...moment, knownAt: at + 15_000 });
  }
  return found;
}

describe('room detection', () => {
  it('catches a sharp rise from the running window, long before its minute closes', () => {
    const spikes = replay().filter((m) => m.kind === 'spike');
    expect(spikes).toHaveLength(1);
    const [spike] = spikes;
    expect(spike?.onsetAt).toBe(minute(30));
    expect(spike?.detectedAt).toBe(spike?.knownAt);
    expect((spike?.knownAt ?? 0) - minute(30)).toBeLessThanOrEqual(30_000);
    const terms = replay().filter((m) => m.kind === 'emerging');
    expect(terms.map((m) => m.term).sort()).toEqual(['#blackout', 'coupure', 'generale']);
    for (const term of terms) expect(term.knownAt - minute(30)).toBeLessThanOrEqual(30_000);
  });

  it('judges closed minutes only when asked to', () => {
    const spikes = replay({ checkEveryMs: 0 }).filter((m) => m.kind === 'spike');
    expect(spikes.map((m) => [m.onsetAt, m.detectedAt])).toEqual([[minute(30), minute(31)]]);
  });
});
