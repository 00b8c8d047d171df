#!/usr/bin/env node
/**
 * `npm run bench -- NAME [--json]`: runs scripts/bench/NAME.ts. Benchmarks are not tests:
 * each prints one JSON object per line with its figure and the peer or limit it is
 * compared with, measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const available = existsSync(benchDir)
  ? readdirSync(benchDir)
      .filter((file) => file.endsWith('.ts') && !file.includes('.test.'))
      .map((file) => file.replace(/\.ts$/, ''))
  : [];
const [name, ...rest] = process.argv.slice(2);

if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- NAME [--json]\nAvailable: ${available.join(', ') || '(none)'}`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, `${name}.ts`), ...rest], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
