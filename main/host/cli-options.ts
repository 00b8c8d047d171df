import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './default-data-dir';

export interface CliOptions {
  port: number;
  host: string;
  dataDir: string;
  open: boolean;
  /** Create the demo war room when the data directory is empty (the default). */
  demo: boolean;
  /** Host for teammates: HTTPS, invites, one session per person. */
  team: boolean;
  /** A backup file to make the data directory's store before starting. */
  restore: string | null;
  /** Team mode: still fetch feed addresses typed as private ones (LAN, this machine). */
  allowPrivateFeeds: boolean;
}

/** The machine's LAN addresses (IPv4, not loopback), for `--team` without `--host`. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((info) => (info && info.family === 'IPv4' && !info.internal ? [info.address] : []));
}

export const usage = `Usage: npm run serve -- [--team] [--port 4477] [--host ADDRESS] [--data-dir DIR] [--restore FILE] [--open] [--no-demo] [--allow-private-feeds]

  --team       host for teammates on this network: HTTPS, invites, one session per person
  --port       port to listen on (0 picks a free one; default 4477)
  --host       interface to bind (default 127.0.0.1: only this machine; with --team, this machine's first LAN address)
  --restore    make FILE (a riposte-backup-….sqlite) this data directory's store first; the old one is set aside
  --data-dir   where the war rooms are stored (default: $RIPOSTE_DATA_DIR or the app's data folder)
  --open       open the address in the default browser
  --no-demo    do not create the demo war room in an empty data directory
  --allow-private-feeds  with --team, still fetch feeds at addresses inside this machine or its network`;

export function parseCliOptions(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4477' },
      host: { type: 'string' },
      team: { type: 'boolean', default: false },
      restore: { type: 'string' },
      'data-dir': { type: 'string' },
      open: { type: 'boolean', default: false },
      'no-demo': { type: 'boolean', default: false },
      'allow-private-feeds': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new Error(usage);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a number between 0 and 65535, not "${values.port}".`);
  }
  const host = values.host ?? (values.team ? (lanAddresses()[0] ?? '127.0.0.1') : '127.0.0.1');
  return {
    port,
    host,
    team: values.team,
    restore: values.restore ?? null,
    dataDir: values['data-dir'] ?? defaultDataDir(),
    open: values.open,
    demo: !values['no-demo'],
    allowPrivateFeeds: values['allow-private-feeds'],
  };
}
