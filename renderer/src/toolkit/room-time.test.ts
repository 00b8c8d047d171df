import { describe, expect, it } from 'vitest';
import { formatRoomTime } from './room-time';

const at = Date.UTC(2026, 6, 14, 18, 5);

describe('formatRoomTime', () => {
  it('shows the time in the room’s zone, not the machine’s', () => {
    expect(formatRoomTime(at, { timeZone: 'Europe/Paris' }, 'en-GB')).toBe('14 Jul 2026, 20:05');
    expect(formatRoomTime(at, { timeZone: 'America/New_York' }, 'en-GB')).toBe('14 Jul 2026, 14:05');
    expect(formatRoomTime(at, { timeZone: 'UTC' }, 'en-GB')).toBe('14 Jul 2026, 18:05');
  });

  it('speaks the person’s language', () => {
    expect(formatRoomTime(at, { timeZone: 'Europe/Paris' }, 'fr')).toBe('14 juil. 2026, 20:05');
  });

  it('keeps zones and languages apart when it reuses formatters', () => {
    const paris = formatRoomTime(at, { timeZone: 'Europe/Paris' }, 'fr');
    formatRoomTime(at, { timeZone: 'Asia/Tokyo' }, 'fr');
    formatRoomTime(at, { timeZone: 'Europe/Paris' }, 'en-GB');
    expect(formatRoomTime(at, { timeZone: 'Europe/Paris' }, 'fr')).toBe(paris);
    expect(formatRoomTime(at, { timeZone: 'Asia/Tokyo' }, 'fr')).toBe('15 juil. 2026, 03:05');
  });
});
