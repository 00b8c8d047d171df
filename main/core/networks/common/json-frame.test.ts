import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJsonFrame } from './json-frame';

describe('streamed JSON frames', () => {
  const Frame = z.object({ kind: z.string(), n: z.number() });

  it('reads a frame of the expected shape, and drops garbage or the wrong shape', () => {
    expect(parseJsonFrame(Frame, '{"kind":"commit","n":1}')).toEqual({ kind: 'commit', n: 1 });
    expect(parseJsonFrame(Frame, '{"kind":"commit"')).toBeNull();
    expect(parseJsonFrame(Frame, '{"kind":"commit","n":"1"}')).toBeNull();
    expect(parseJsonFrame(Frame, '')).toBeNull();
  });
});
