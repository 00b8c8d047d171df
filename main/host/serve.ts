/**
 * Serve mode: the core plus an HTTP + WebSocket host on 127.0.0.1, for a browser tab and
 * the e2e tests; with --team, HTTPS on the interface the person picks, for teammates on
 * the venue's network. Entry point of `npm run serve`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AppError } from '../core/errors';
import { createCore, type Core } from '../core/create-core';
import { restoreBackup } from '../core/backup/restore-backup';
import { loadOrCreateCertificate } from './certificate';
import { lanAddresses, parseCliOptions, usage } from './cli-options';
import { startHost } from './start-host';

declare const __RIPOSTE_VERSION__: string;

function openInBrowser(url: string) {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(command, [url], { detached: true, stdio: 'ignore' })
    .on('error', () => {
      console.error('Could not open a browser: open the address above by hand.');
    })
    .unref();
}

async function main() {
  let options;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    if (!(error instanceof Error && error.message === usage)) console.error(`\n${usage}`);
    process.exit(2);
  }

  if (options.restore) {
    try {
      const { setAside } = restoreBackup(options.dataDir, options.restore);
      console.log(`Restored ${options.restore} into ${options.dataDir}.`);
      if (setAside) console.log(`The store that was there is kept in ${setAside}.`);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    }
  }

  let core: Core;
  try {
    core = createCore({
      dataDir: options.dataDir,
      shell: 'serve',
      version: __RIPOSTE_VERSION__,
      echoLog: true,
      seedDemo: options.demo,
      // Served to the network, a teammate's feed must not reach inside the host's network.
      allowPrivateFeeds: !options.team || options.allowPrivateFeeds,
      resourcesDir: fileURLToPath(new URL('../../resources', import.meta.url)),
      ingestWorkerUrl: new URL('./ingest-worker.js', import.meta.url),
      reportWorkerUrl: new URL('./report-worker.js', import.meta.url),
    });
  } catch (error) {
    console.error(
      error instanceof AppError
        ? error.message
        : `Riposte could not open its data in ${options.dataDir}: ${String(error)}`,
    );
    process.exit(1);
  }

  const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
  const team = options.team ? { certificate: await loadOrCreateCertificate(options.dataDir) } : undefined;
  const host = await startHost({
    core,
    rendererDir,
    port: options.port,
    bindHost: options.host,
    ...(team ? { team } : {}),
  });
  core.announceAddress(host.url);
  console.log(`Riposte is running. Open ${host.loginUrl}`);
  console.log(`Data: ${options.dataDir}`);
  if (team) {
    console.log(`Hosting for the team at ${host.addresses.join(' , ')}`);
    console.log(`Certificate SHA-256 fingerprint: ${host.fingerprint ?? ''}`);
    console.log('Teammates join with an invite (Team panel → Invite). The address above works on this machine only.');
    const others = lanAddresses().filter((address) => address !== options.host);
    if (others.length > 0) console.log(`Other interfaces of this machine: ${others.join(', ')} (pick one with --host)`);
  } else if (options.host !== '127.0.0.1') {
    console.log(`Listening on ${options.host}: anyone with the address and token can connect.`);
  }
  if (options.open) openInBrowser(host.loginUrl);

  const stop = async () => {
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void main().catch((error: unknown) => {
  console.error('Riposte stopped:', error);
  process.exit(1);
});
