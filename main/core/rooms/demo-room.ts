import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ColumnAlert } from '../../../shared/columns/column';
import type { Logger } from '../log/rotating-log';
import { recordingPath } from '../ingest/replay/replay-runner';
import { RecordingHeader } from '../recordings/recording';
import type { SettingsStore } from '../settings/settings-store';
import type { SourceService } from '../sources/source-service';
import type { RoomService } from './room-service';

export const demoRecording = 'demo-final';
export const demoSpeed = 10;

/** The demo opens with columns a team would set up for such a night. */
export interface DemoColumn {
  name: string;
  query: string;
  alert?: ColumnAlert;
}

export const demoColumns: readonly DemoColumn[] = [
  { name: 'Tout le direct', query: '' },
  { name: 'Incidents et VAR', query: 'blackout OR panne OR VAR OR arbitre OR penalty' },
  { name: 'Marques', query: 'Pétillo OR "Onda Mobile" OR Strydo OR "Vortex Cola"' },
  { name: 'Mèmes', query: '#ChaussetteGate OR chaussette OR mème' },
  // A watchlist: the words a brand fears beside a final, alerting from the first post.
  {
    name: 'Risques',
    query: 'raciste OR racisme OR racist OR scandale OR scandal OR boycott OR "bad buzz"',
    alert: { minPosts: 1, withinMinutes: 10 },
  },
];

/** The run of show shipped beside a recording (`NAME.cues.json`), in event time. */
const PlannedCues = z.array(
  z.object({ label_fr: z.string().min(1).max(200), label_en: z.string().min(1).max(200), at: z.number().int() }),
);

interface DemoDeps {
  rooms: RoomService;
  addColumn: (roomId: string, column: DemoColumn) => void;
  addCue: (roomId: string, label: string, at: number) => void;
  sources: SourceService;
  settings: SettingsStore;
  resourcesDir: string;
  now: () => number;
  log: Logger;
}

/**
 * A first start, offline, lands in a ready war room: the recorded demo final replaying at
 * 10×, scheduled from now for as long as the replay lasts, with its run of show (kick-off,
 * half-time…) placed where the replay will reach it. Only on an empty store.
 */
export function seedDemoRoomIfEmpty({
  rooms,
  addColumn,
  addCue,
  sources,
  settings,
  resourcesDir,
  now,
  log,
}: DemoDeps): void {
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
  for (const column of demoColumns) addColumn(room.id, column);
  for (const cue of plannedCues(resourcesDir, log)) {
    const label = header.language === 'fr' ? cue.label_fr : cue.label_en;
    addCue(room.id, label, startsAt + Math.round((cue.at - header.startsAt) / demoSpeed));
  }
  settings.update({ lastRoomId: room.id });
  log.info('Seeded the demo war room', { roomId: room.id });
}

/** The demo's run of show, or none (with a log line) when its file is missing or malformed. */
function plannedCues(resourcesDir: string, log: Logger): z.infer<typeof PlannedCues> {
  const path = recordingPath(resourcesDir, demoRecording).replace(/\.jsonl$/u, '.cues.json');
  if (!existsSync(path)) return [];
  try {
    return PlannedCues.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    log.warn('The demo run of show could not be read: the demo room starts without cues', { error });
    return [];
  }
}
