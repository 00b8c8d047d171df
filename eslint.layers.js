/**
 * Who may import whom, checked by `import-x/no-restricted-paths` (paths from the repo root).
 * The core is plain Node that both shells carry; shared/ is the contract both sides read;
 * infrastructure knows no feature, so a feature can be moved or removed without touching it.
 */
const infrastructure = ['db', 'contract', 'events', 'log', 'session'];

/** Files that may use test helpers and Node freely. */
export const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**'];

export const layerZones = [
  {
    target: './shared',
    from: ['./main', './renderer', './preload', './scripts', './e2e'],
    message: 'shared/ is the contract and pure domain code: it imports nothing from the app around it.',
  },
  {
    target: './renderer',
    from: ['./main', './preload', './scripts'],
    message: 'The renderer reaches main only through the contract (renderer/src/api.ts).',
  },
  {
    target: './preload',
    from: ['./main', './renderer'],
    message: 'The preload only carries the contract: it imports shared/ and electron.',
  },
  {
    target: './main/core',
    from: ['./main/host', './main/electron'],
    message: 'main/core runs under any shell: the shells import the core, never the other way round.',
  },
  {
    target: './main/host',
    from: ['./main/electron'],
    message: 'Serve mode runs without Electron.',
  },
  {
    target: './main/core/ingest',
    from: './main/core/sources',
    message:
      'ingest reads source records through its port (ingest/pipeline/source-records.ts): the sources area hands in its repository.',
  },
  ...infrastructure.map((folder) => ({
    target: `./main/core/${folder}`,
    from: './main/core',
    except: [...infrastructure.map((other) => `./${other}`), './errors.ts', './testing'],
    message: `main/core/${folder} is infrastructure: it must not import a feature area (features import it).`,
  })),
];

/**
 * The network clients are leaves that ingest now and publishing next both use: they know
 * HTTP, each network's protocol, HTML sanitizing and the recording format, never an area.
 * Applied to the app's files only: a client's test may drive it through ingest's feed servers.
 */
const clients = ['net', 'networks', 'sanitize', 'recordings'];

export const clientZones = clients.map((folder) => ({
  target: `./main/core/${folder}`,
  from: './main/core',
  except: [...clients.map((other) => `./${other}`), './errors.ts'],
  message: `main/core/${folder} is a client that ingest and publishing use: it must not import ingest or an area.`,
}));
