import { describe, expect, it } from 'vitest';
import { formatLocalInput, parseLocalInput } from './zoned-time';

describe('zoned wall time', () => {
  it('reads a schedule typed in the room zone, whatever the machine zone', () => {
    expect(parseLocalInput('2026-07-19T21:00', 'Europe/Paris')).toBe(Date.UTC(2026, 6, 19, 19, 0));
    expect(parseLocalInput('2026-01-10T21:00', 'Europe/Paris')).toBe(Date.UTC(2026, 0, 10, 20, 0));
    expect(parseLocalInput('2026-07-19T21:00', 'America/New_York')).toBe(Date.UTC(2026, 6, 20, 1, 0));
    expect(parseLocalInput('2026-07-19T21:00', 'UTC')).toBe(Date.UTC(2026, 6, 19, 21, 0));
  });

  it('round-trips through the input format', () => {
    for (const zone of ['Europe/Paris', 'Asia/Kolkata', 'Pacific/Auckland', 'America/Sao_Paulo']) {
      const at = Date.UTC(2026, 2, 29, 3, 30);
      expect(parseLocalInput(formatLocalInput(at, zone), zone)).toBe(at);
    }
  });

  it('refuses values that are not datetime-local strings', () => {
    expect(parseLocalInput('', 'UTC')).toBeNull();
    expect(parseLocalInput('tomorrow', 'UTC')).toBeNull();
  });
});
