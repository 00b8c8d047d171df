import { basename } from 'node:path';
import type { CallName, CallOutput, EventName, EventPayload } from '../../../shared/contract';
import type { BackupFile, BackupSettings } from '../../../shared/contract/calls/backups';
import type { ContractError } from '../../../shared/contract/result';
import type { Source } from '../../../shared/sources/source';

/**
 * What a teammate's session sees of the host machine: nothing of its disk. The host's own
 * windows get every answer as it is (the person there owns the store and its folders); a
 * teammate on another laptop gets the same answers without the host's paths (data folder,
 * backup copies, export files, a recording's location) and without paths inside error
 * sentences. Secrets never leave main for anyone (credentials are write-only, invites show
 * their secret once to the lead who made them), so nothing else needs hiding here.
 */

/**
 * An absolute path in a sentence: `/home/léa/...` or `C:\Users\...`. A slash that follows a
 * word character, a colon or a dot (an address like https://host/path, a ratio like 3/4) is
 * not the start of one.
 */
const absolutePath = /(?<![\w:/.~-])(?:\/|[A-Za-z]:\\)(?:[^\s'"`()<>,;]+)/g;

/** Keeps the last segment (a file's name says which file without saying where it sits). */
export function hideHostPaths(text: string): string {
  return text.replace(absolutePath, (path) => {
    const name = path.split(/[\\/]/).filter(Boolean).pop();
    return name ? `…/${name}` : '…';
  });
}

const hiddenBackup = (file: BackupFile): BackupFile => ({ ...file, paths: [] });
const hiddenBackupSettings = (settings: BackupSettings): BackupSettings => ({
  ...settings,
  folder: null,
  last: settings.last && hiddenBackup(settings.last),
  lastError: settings.lastError === null ? null : hideHostPaths(settings.lastError),
});

const hiddenSource = (source: Source): Source => ({
  ...source,
  config:
    source.config?.kind === 'replay'
      ? { ...source.config, recording: basename(source.config.recording) }
      : source.config,
  health: {
    ...source.health,
    lastError: source.health.lastError === null ? null : hideHostPaths(source.health.lastError),
    problem: source.health.problem && {
      code: source.health.problem.code,
      params: Object.fromEntries(
        Object.entries(source.health.problem.params).map(([name, value]) => [
          name,
          typeof value === 'string' ? hideHostPaths(value) : value,
        ]),
      ),
    },
  },
});

type AnswerViews = { [N in CallName]?: (value: CallOutput<N>) => CallOutput<N> };

/** The answers that carry something of the host's disk, and how a teammate sees each. */
const teammateAnswers: AnswerViews = {
  'app.info': (info) => ({ ...info, dataDir: null }),
  'assets.list': (listing) => ({ ...listing, folder: null }),
  'backups.create': hiddenBackup,
  'backups.list': (files) => files.map(hiddenBackup),
  'backups.settings': hiddenBackupSettings,
  'backups.setFolder': hiddenBackupSettings,
  'report.export': (done) => ({ ...done, path: null }),
  'report.openFolder': () => ({ path: null }),
  'rooms.exportRecording': (done) => ({ ...done, path: null }),
  'sources.list': (list) => list.map(hiddenSource),
  'sources.add': hiddenSource,
  'sources.update': hiddenSource,
  'sources.pause': hiddenSource,
  'sources.resume': hiddenSource,
  'sources.pollNow': hiddenSource,
};

type EventViews = { [E in EventName]?: (payload: EventPayload<E>) => EventPayload<E> };

const teammateEvents: EventViews = {
  'sources.changed': ({ source }) => ({ source: hiddenSource(source) }),
};

/** The answer `name` gives a teammate (the same object when nothing in it is the host's). */
export function teammateAnswer<N extends CallName>(name: N, value: CallOutput<N>): CallOutput<N> {
  const view = teammateAnswers[name] as ((value: CallOutput<N>) => CallOutput<N>) | undefined;
  return view ? view(value) : value;
}

/** The event payload a teammate's socket is sent. */
export function teammateEvent<E extends EventName>(event: E, payload: EventPayload<E>): EventPayload<E> {
  const view = teammateEvents[event] as ((payload: EventPayload<E>) => EventPayload<E>) | undefined;
  return view ? view(payload) : payload;
}

/** A refusal as a teammate reads it: the same code and key, no host path in its sentence or params. */
export function teammateFailure(error: ContractError): ContractError {
  const params = error.params
    ? Object.fromEntries(Object.entries(error.params).map(([key, value]) => [key, hideHostPaths(value)]))
    : undefined;
  return { ...error, message: hideHostPaths(error.message), ...(params ? { params } : {}) };
}
