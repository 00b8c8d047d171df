import { describe, expect, it } from 'vitest';
import { createColumnWatch } from './column-watch';

const t0 = Date.UTC(2026, 9, 17, 20, 38, 0);
const minute = 60_000;
const at = (minutes: number) => t0 + minutes * minute;

describe('column watch rules', () => {
  it('alerts at the first match when the rule asks for one post, and names where it began', () => {
    const watch = createColumnWatch();
    const rule = { minPosts: 1, withinMinutes: 10 };
    expect(watch.check('risks', rule, at(0))).toBeNull();
    watch.add('risks', at(0.5));
    expect(watch.check('risks', rule, at(0.75))).toEqual({
      columnId: 'risks',
      onsetMs: at(0.5),
      lastMs: at(0.5),
      count: 1,
    });
  });

  it('waits for minPosts within the window, counting only matches still inside it', () => {
    const watch = createColumnWatch();
    const rule = { minPosts: 3, withinMinutes: 5 };
    watch.add('c', at(0));
    watch.add('c', at(4));
    expect(watch.check('c', rule, at(4))).toBeNull();
    // The first match has left the window by the time the third arrives.
    watch.add('c', at(6));
    expect(watch.check('c', rule, at(6))).toBeNull();
    watch.add('c', at(7));
    expect(watch.check('c', rule, at(7))).toMatchObject({ onsetMs: at(4), lastMs: at(7), count: 3 });
  });

  it('is one alert for a story that keeps trickling in, and re-arms after a quiet window', () => {
    const watch = createColumnWatch();
    const rule = { minPosts: 1, withinMinutes: 5 };
    const hits: number[] = [];
    // A post every two minutes for 20 minutes, then silence, then a new post at minute 40.
    for (let m = 0; m <= 45; m += 0.25) {
      if (m <= 20 && m % 2 === 0) watch.add('c', at(m));
      if (m === 40) watch.add('c', at(m));
      if (watch.check('c', rule, at(m))) hits.push(m);
    }
    expect(hits).toEqual([0, 40]);
  });

  it('takes a late match in its place, and never counts a match from the future', () => {
    const watch = createColumnWatch();
    const rule = { minPosts: 2, withinMinutes: 5 };
    watch.add('c', at(3));
    watch.add('c', at(9));
    watch.add('c', at(2));
    expect(watch.check('c', rule, at(4))).toMatchObject({ onsetMs: at(2), lastMs: at(3), count: 2 });
  });

  it('stays quiet while dismissed, and each column has its own rule', () => {
    const watch = createColumnWatch();
    const rule = { minPosts: 1, withinMinutes: 10 };
    watch.suppress('a', at(30));
    watch.add('a', at(1));
    watch.add('b', at(1));
    expect(watch.check('a', rule, at(2))).toBeNull();
    expect(watch.check('b', rule, at(2))).toMatchObject({ columnId: 'b' });
    watch.add('a', at(31));
    expect(watch.check('a', rule, at(31))).toMatchObject({ columnId: 'a', onsetMs: at(31) });
  });
});
