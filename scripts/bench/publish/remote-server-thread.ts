/**
 * The local Mastodon server in a thread of its own: a real instance does its work on
 * another machine, not on the core's event loop, so the latency figure must not include
 * the server's request handling queued behind the outbox's (and the reverse).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  startMastodonPublishServer,
  type MastodonPublishServerOptions,
} from '../../../main/core/networks/testing/mastodon-publish-server';

export interface RemoteServer {
  origin: string;
  token: string;
  close(): Promise<void>;
}

/** Starts the server in a worker thread; resolves once it listens on 127.0.0.1. */
export function startMastodonServerThread(options: MastodonPublishServerOptions): Promise<RemoteServer> {
  // The bench runs under tsx, whose loader the worker inherits through execArgv.
  const worker = new Worker(new URL(import.meta.url), { workerData: options });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (ready: { origin: string; token: string }) => {
      resolve({
        ...ready,
        close: async () => {
          worker.postMessage('close');
          await new Promise((done) => worker.once('exit', done));
        },
      });
    });
  });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const server = await startMastodonPublishServer(workerData as MastodonPublishServerOptions);
  port.once('message', () => {
    void server.close().then(() => process.exit(0));
  });
  port.postMessage({ origin: server.origin, token: server.token });
}
