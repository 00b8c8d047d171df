import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { roomTimeCells } from './exports/room-time-cells';

export const exportsFolder = (dataDir: string): string => {
  const dir = join(dataDir, 'exports');
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** `report-<room>-<what>-<20260719-210305>.<ext>`, stamped in the room's time zone. */
export function exportFileName(roomId: string, what: string, ext: string, now: number, timeZone: string): string {
  const stamp = roomTimeCells(timeZone)(now).replace(/[-:]/g, '').replace(' ', '-');
  return `report-${roomId}-${what}-${stamp}.${ext}`.replace(/[^\w.-]/g, '_');
}
