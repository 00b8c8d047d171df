/**
 * The soak restarts the child hundreds of times: bundled once with esbuild (which tsx
 * itself runs on) it starts in about half the time tsx takes to compile the core again.
 * The bundle lives in out/ (ignored by git) so its packages resolve from node_modules, and
 * the migrations are copied beside it, where the core reads them when not built by Vite.
 */
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

export async function bundleSoakChild(): Promise<string> {
  const dir = join(repoRoot, 'out', 'bench', 'publish-soak');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'soak-child.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'soak-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  cpSync(join(repoRoot, 'main', 'core', 'db', 'migrations'), join(dir, 'migrations'), { recursive: true });
  return outfile;
}
