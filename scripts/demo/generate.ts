/**
 * Writes the demo recordings to resources/demo. Deterministic: run it twice, get the same
 * bytes. Run: node --import tsx scripts/demo/generate.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDemoFiles } from './render';

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../resources/demo');
mkdirSync(outDir, { recursive: true });
const { files, counts } = renderDemoFiles();
for (const [name, text] of files) {
  writeFileSync(join(outDir, name), text);
  const kib = (Buffer.byteLength(text) / 1024).toFixed(0);
  console.log(`${name}: ${kib} KiB`);
}
for (const [name, count] of counts) console.log(`${name}: ${count} items`);
