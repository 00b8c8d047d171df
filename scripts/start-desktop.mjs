#!/usr/bin/env node
/**
 * `npm start`: build, then open the desktop app. Electron's binary is fetched on first
 * start (installs skip it: see .npmrc). Where it cannot be had, say so plainly and point
 * to serve mode, which runs the same app in a browser tab.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

let binary = electronBinary();
if (!binary) {
  console.log('Fetching the Electron binary (first start only)…');
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  binary = electronBinary();
}
if (!binary) {
  console.log(
    'The Electron desktop binary cannot be downloaded on this machine, so the desktop window cannot open: run `npm run serve` to use Riposte in your browser instead.',
  );
  process.exit(1);
}

const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const app = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
app.on('exit', (code) => process.exit(code ?? 0));
