import { parseArgs } from 'node:util';
import { defaultDataDir } from './default-data-dir';

export interface CliOptions {
  port: number;
  host: string;
  dataDir: string;
  open: boolean;
  /** Create the demo war room when the data directory is empty (the default). */
  demo: boolean;
}

export const usage = `Usage: npm run serve -- [--port 4477] [--host 127.0.0.1] [--data-dir DIR] [--open] [--no-demo]

  --port       port to listen on (0 picks a free one; default 4477)
  --host       interface to bind (default 127.0.0.1: only this machine)
  --data-dir   where the war rooms are stored (default: $RIPOSTE_DATA_DIR or the app's data folder)
  --open       open the address in the default browser
  --no-demo    do not create the demo war room in an empty data directory`;

export function parseCliOptions(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4477' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      open: { type: 'boolean', default: false },
      'no-demo': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new Error(usage);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a number between 0 and 65535, not "${values.port}".`);
  }
  return {
    port,
    host: values.host,
    dataDir: values['data-dir'] ?? defaultDataDir(),
    open: values.open,
    demo: !values['no-demo'],
  };
}
