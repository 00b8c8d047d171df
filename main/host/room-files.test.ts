import { describe, expect, it } from 'vitest';
import { teammateMayFetch } from './room-files';

describe('what a teammate may fetch beside the app', () => {
  const room = '3f2c9a1e-0000-4000-8000-000000000001';
  it('gets its own room’s images and report exports', () => {
    expect(teammateMayFetch(`/assets/${room}/goal.png`, room)).toBe(true);
    expect(teammateMayFetch(`/exports/report-${room}-volume-20260719-2100.csv`, room)).toBe(true);
    expect(teammateMayFetch('/', room)).toBe(true);
    // The app's own code sits in /assets/ too.
    expect(teammateMayFetch('/assets/index-abc.js', room)).toBe(true);
  });

  it('not another room’s, nor the exports folder’s other files', () => {
    expect(teammateMayFetch('/assets/other-room/goal.png', room)).toBe(false);
    expect(teammateMayFetch('/exports/report-other-room-volume-20260719-2100.csv', room)).toBe(false);
    expect(teammateMayFetch('/exports/final-recording.jsonl', room)).toBe(false);
  });
});
