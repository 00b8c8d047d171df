import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../create-core';

/** A core on a fresh temporary data directory; `dispose` closes it and removes the files. */
export function createTempCore(now?: () => number): Core & { dispose(): Promise<void> } {
  const dataDir = mkdtempSync(join(tmpdir(), 'riposte-test-'));
  const core = createCore({ dataDir, shell: 'serve', version: 'test', ...(now ? { now } : {}) });
  return Object.assign(core, {
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export function tempDir(): { path: string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), 'riposte-test-'));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}
