import { readFileSync } from 'node:fs';
import type { Logger } from '../log/rotating-log';
import { recordingPath } from '../ingest/replay/replay-runner';
import { RecordingHeader } from '../ingest/sources/replay/recording';
import type { SettingsStore } from '../settings/settings-store';
import type { SourceService } from '../sources/source-service';
import type { RoomService } from './room-service';

export const demoRecording = 'demo-final';
export const demoSpeed = 10;

/** The demo opens with columns a team would set up for such a night. */
export const demoColumns = [
  { name: 'Tout le direct', query: '' },
  { name: 'Incidents et VAR', query: 'blackout OR panne OR VAR OR arbitre OR penalty' },
  { name: 'Marques', query: 'Pétillo OR "Onda Mobile" OR Strydo OR "Vortex Cola"' },
  { name: 'Mèmes', query: '#ChaussetteGate OR chaussette OR mème' },
];

interface DemoDeps {
  rooms: RoomService;
  addColumn: (roomId: string, name: string, query: string) => void;
  sources: SourceService;
  settings: SettingsStore;
  resourcesDir: string;
  now: () => number;
  log: Logger;
}

/**
 * A first start, offline, lands in a ready war room: the recorded demo final replaying at
 * 10×, scheduled from now for as long as the replay lasts. Only on an empty store.
 */
export function seedDemoRoomIfEmpty({ rooms, addColumn, sources, settings, resourcesDir, now, log }: DemoDeps): void {
  if (rooms.list({ includeArchived: true }).length > 0) return;
  let header: RecordingHeader;
  try {
    const text = readFileSync(recordingPath(resourcesDir, demoRecording), 'utf8');
    header = RecordingHeader.parse(JSON.parse(text.slice(0, text.indexOf('\n'))));
  } catch (error) {
    log.warn('The demo recording is missing: starting without a demo room', { error });
    return;
  }
  const startsAt = now();
  const room = rooms.create({
    name: header.title,
    startsAt,
    endsAt: startsAt + Math.ceil((header.endsAt - header.startsAt) / demoSpeed),
    timeZone: header.timeZone,
    language: header.language,
  });
  sources.add({
    roomId: room.id,
    label: header.language === 'fr' ? 'Rediffusion de la finale (démo)' : 'Final replay (demo)',
    config: { kind: 'replay', recording: demoRecording, speed: demoSpeed },
    allied: false,
  });
  for (const column of demoColumns) addColumn(room.id, column.name, column.query);
  settings.update({ lastRoomId: room.id });
  log.info('Seeded the demo war room', { roomId: room.id });
}
