import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPoliteFetcher, type ClosablePoliteFetcher } from './polite-fetcher';
import { isPrivateAddress, type Lookup } from './private-addresses';

const servers: Server[] = [];
const fetchers: ClosablePoliteFetcher[] = [];
afterEach(async () => {
  for (const fetcher of fetchers.splice(0)) await fetcher.close();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

const feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>';

/** A loopback server: `/secret` is what must never be read; `/to?u=` redirects anywhere. */
async function listen(): Promise<{ port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    hits.push(url.pathname);
    if (url.pathname === '/to') {
      response.writeHead(302, { location: url.searchParams.get('u') ?? '/' });
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    response.end(url.pathname === '/secret' ? 'internal secret' : feed);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, hits };
}

/** Names that resolve like a hostile DNS would: to loopback. */
const hostileDns: Lookup = (hostname, options, callback) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

const fetcher = (options: Parameters<typeof createPoliteFetcher>[0] = {}) => {
  const created = createPoliteFetcher(options);
  fetchers.push(created);
  return created;
};

describe('private addresses', () => {
  it('are told apart from public ones, IPv6 and mapped forms included', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd12::1',
      '::ffff:127.0.0.1',
      '[::1]',
      '100.64.0.1',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700::1111', '172.32.0.1', 'example.com']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });

  it('are fetched when the person typed one (a feed on the LAN), but a redirect into another is refused', async () => {
    const { port, hits } = await listen();
    const typed = await fetcher().get({ url: `http://127.0.0.1:${port}/feed` });
    expect(typed).toMatchObject({ status: 'ok' });
    // Same typed host: followed. Another private host, or the metadata address: refused before a request is made.
    expect(await fetcher().get({ url: `http://127.0.0.1:${port}/to?u=/feed` })).toMatchObject({ status: 'ok' });
    for (const target of [
      `http://127.0.0.2:${port}/secret`,
      'http://169.254.169.254/latest/meta-data/',
      `http://localhost:${port}/secret`,
    ]) {
      const result = await fetcher().get({ url: `http://127.0.0.1:${port}/to?u=${encodeURIComponent(target)}` });
      expect(result, target).toMatchObject({
        status: 'failed',
        kind: 'bad_response',
        message: expect.stringContaining('inside this machine or its network'),
      });
    }
    expect(hits).not.toContain('/secret');
  });

  it('are never reached through a public-looking name that resolves inside (checked at connect time)', async () => {
    const { port, hits } = await listen();
    const result = await fetcher({ lookup: hostileDns }).get({ url: `http://feeds.example:${port}/secret` });
    expect(result).toMatchObject({ status: 'failed', message: expect.stringContaining('inside this machine') });
    expect(hits).toEqual([]);
  });

  it('are refused even when typed, where the host does not allow them (team mode)', async () => {
    const { port, hits } = await listen();
    const result = await fetcher({ allowTypedPrivate: false }).get({ url: `http://127.0.0.1:${port}/feed` });
    expect(result).toMatchObject({ status: 'failed', message: expect.stringContaining('inside this machine') });
    expect(hits).toEqual([]);
  });
});
