import { describe, expect, it } from 'vitest';
import { createRoomDetection, type DetectedMoment, type RoomDetectionOptions } from './room-detection';

const t0 = Date.UTC(2026, 6, 19, 19, 0, 0);
const minute = (n: number) => t0 + n * 60_000;
/** Columns watched for spikes only, with no watch rule. */
const unwatched = (...ids: string[]) => ids.map((id) => ({ id, alert: null }));
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

describe('column volumes', () => {
  /**
   * 40 minutes of 60 posts a minute, 6 of them about the referee. From minute 30 the referee
   * takes 36 of the 60: the room stays flat, the column triples and more.
   */
  function refereeStorm(watch: (detection: ReturnType<typeof createRoomDetection>) => void = () => {}) {
    const detection = createRoomDetection();
    detection.watchColumns(unwatched('col-referee', 'col-new-tag'));
    watch(detection);
    const found: Array<DetectedMoment & { knownAt: number }> = [];
    let id = 0;
    for (let m = 0; m < 40; m += 1) {
      const referee = m >= 30 ? 36 : 6;
      for (let k = 0; k < 60; k += 1) {
        id += 1;
        const aboutReferee = k < referee;
        detection.addItem(
          id,
          minute(m) + k * 1000,
          aboutReferee ? 'arbitre' : (chatter[k % chatter.length] ?? 'match'),
          aboutReferee ? ['col-referee'] : [],
        );
      }
      for (const moment of detection.advance(minute(m + 1) + 10_000)) found.push({ ...moment, knownAt: minute(m + 1) });
    }
    return found;
  }

  it('catches a column that spikes while the room as a whole stays flat', () => {
    const spikes = refereeStorm().filter((m) => m.kind === 'spike');
    expect(spikes.map((m) => m.columnId)).toEqual(['col-referee']);
    const [spike] = spikes;
    expect(spike?.onsetAt).toBe(minute(30));
    expect((spike?.knownAt ?? 0) - minute(30)).toBeLessThanOrEqual(60_000);
    expect(spike?.term).toBeNull();
    // Samples come from the column, not from the room.
    expect(spike?.sampleIds.length).toBe(3);
    for (const sample of spike?.sampleIds ?? []) expect((sample - 1) % 60).toBeLessThan(36);
  });

  it('keeps a dismissed column quiet, and a column dismissal leaves the room and terms alone', () => {
    const found = refereeStorm((detection) => detection.suppress({ term: null, columnId: 'col-referee' }, minute(60)));
    expect(found.filter((m) => m.columnId !== null)).toEqual([]);
  });

  it('gives a column that was empty until its moment a baseline of zeros', () => {
    const detection = createRoomDetection({ checkEveryMs: 0 });
    detection.watchColumns(unwatched('col-tag'));
    let id = 0;
    const found: DetectedMoment[] = [];
    for (let m = 0; m < 25; m += 1) {
      const tagged = m >= 20 ? 30 : 0;
      for (let k = 0; k < 40; k += 1) {
        id += 1;
        detection.addItem(
          id,
          minute(m) + k * 1000,
          k < tagged ? '#Chaussettegate' : 'tir corner',
          k < tagged ? ['col-tag'] : [],
        );
      }
      found.push(...detection.advance(minute(m + 1) + 10_000));
    }
    const columnSpikes = found.filter((m) => m.columnId === 'col-tag');
    expect(columnSpikes.map((m) => m.onsetAt)).toEqual([minute(20)]);
  });
});

describe('watch rules', () => {
  /**
   * 40 minutes of 10 posts a minute; from minute 30 a leak builds slowly: one post, then
   * one more every other minute. Two columns see the leak: one with a watch rule, one without.
   */
  function slowBuild(before: (detection: ReturnType<typeof createRoomDetection>) => void = () => {}) {
    const detection = createRoomDetection();
    detection.watchColumns([
      { id: 'col-risks', alert: { minPosts: 1, withinMinutes: 10 } },
      { id: 'col-leak', alert: null },
    ]);
    before(detection);
    const found: Array<DetectedMoment & { knownAt: number }> = [];
    let id = 0;
    for (let at = t0; at < minute(40); at += 15_000) {
      const m = (at - t0) / 60_000;
      id += 1;
      detection.addItem(id, at, chatter[id % chatter.length] ?? 'match');
      if (at % 30_000 === 0) {
        id += 1;
        detection.addItem(id, at + 1_000, chatter[id % chatter.length] ?? 'match');
      }
      if (m >= 30 && (m - 30) % 2 === 0) {
        id += 1;
        detection.addItem(id, at + 5_000, 'Le palmarès a fuité ? #FuitePalmarès', ['col-risks', 'col-leak']);
      }
      for (const moment of detection.advance(at + 15_000)) found.push({ ...moment, knownAt: at + 15_000 });
    }
    return found;
  }

  it('alerts from the first post of a slow build, once, where a baseline sees nothing', () => {
    const found = slowBuild();
    // Neither the columns' volumes nor the leak's words rise enough for a baseline to notice.
    expect(found.filter((m) => m.kind !== 'watch')).toEqual([]);
    const watches = found.filter((m) => m.kind === 'watch');
    expect(watches).toHaveLength(1);
    expect(watches[0]).toMatchObject({
      columnId: 'col-risks',
      onsetAt: minute(30) + 5_000,
      peakCount: 1,
      baseline: null,
    });
    expect(watches[0]?.knownAt).toBe(minute(30) + 15_000);
    expect(watches[0]?.sampleIds).toHaveLength(1);
  });

  it('keeps a dismissed watch quiet', () => {
    const found = slowBuild((detection) => detection.suppress({ term: null, columnId: 'col-risks' }, minute(60)));
    expect(found.filter((m) => m.kind === 'watch')).toEqual([]);
  });
});
