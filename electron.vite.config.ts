import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const define = { __RIPOSTE_VERSION__: JSON.stringify(version) };

export default defineConfig({
  main: {
    define,
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          // The Electron shell and serve mode share one core bundle.
          electron: 'main/electron/main.ts',
          host: 'main/host/serve.ts',
          // Fetching and parsing run in this worker thread, off the main event loop.
          'ingest-worker': 'main/core/ingest/worker/ingest-worker.ts',
          // Item inserts (FTS merges, WAL checkpoints) run in this one, off the main event loop too.
          'item-writer': 'main/core/ingest/writer/item-writer-thread.ts',
          // The post-event report counts on its own read-only connection in this one.
          'report-worker': 'main/core/report/worker/report-worker.ts',
        },
        output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load modules: everything goes into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: 'preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    define,
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // The room must show its first posts fast on a cold load: a third of the bytes to fetch and
      // parse. RIPOSTE_NO_MINIFY=1 keeps the source's names, for reading a CPU profile.
      minify: process.env.RIPOSTE_NO_MINIFY !== '1',
      rolldownOptions: { input: 'renderer/index.html' },
    },
  },
});
