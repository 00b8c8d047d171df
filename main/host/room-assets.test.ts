import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempCore, tempDir } from '../core/testing/temp-core';
import { startHost, type RunningHost } from './start-host';

/** One transparent pixel. */
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(): Promise<{ host: RunningHost; get: (path: string, cookie?: boolean) => Promise<Response> }> {
  const core = createTempCore(undefined, { startIngest: false });
  cleanups.push(() => core.dispose());
  const renderer = tempDir();
  cleanups.push(() => renderer.dispose());
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>Riposte</title>');
  mkdirSync(join(renderer.path, 'assets'));
  writeFileSync(join(renderer.path, 'assets', 'index-abc.js'), 'console.log(1)');

  const folder = join(core.dataDir, 'assets', 'room-1');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'goal.png'), tinyPng);
  writeFileSync(join(folder, 'notes.txt'), 'private');
  writeFileSync(join(folder, '.hidden.png'), tinyPng);
  writeFileSync(join(core.dataDir, 'outside.png'), tinyPng);

  const host = await startHost({ core, rendererDir: renderer.path, token: 'test-token-123' });
  cleanups.push(() => host.close());
  const get = (path: string, cookie = true) =>
    fetch(new URL(path, host.url), {
      headers: cookie ? { cookie: 'riposte_session=test-token-123' } : {},
      redirect: 'manual',
    });
  return { host, get };
}

describe('serve mode /assets/<roomId>/<name>', () => {
  it('serves an image from the room folder with its type, the security headers and no long cache', async () => {
    const { get } = await setUp();
    const response = await get('/assets/room-1/goal.png');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(tinyPng);
  });

  it('needs the session cookie', async () => {
    const { get } = await setUp();
    expect((await get('/assets/room-1/goal.png', false)).status).toBe(401);
  });

  it('answers 404 (never the page) for missing, hidden, non-image and escaping paths', async () => {
    const { get } = await setUp();
    for (const path of [
      '/assets/room-1/missing.png',
      '/assets/room-1/notes.txt',
      '/assets/room-1/.hidden.png',
      '/assets/room-1/..%2F..%2Foutside.png',
      '/assets/..%2Foutside.png/x.png',
      '/assets/room-1/%00.png',
      '/assets/room-1/%E0%A4%A.png',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('<title>');
    }
  });

  it('still serves the renderer, its built files included', async () => {
    const { get } = await setUp();
    const script = await get('/assets/index-abc.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toBe('console.log(1)');
    expect(await (await get('/')).text()).toContain('<title>Riposte</title>');
  });
});
