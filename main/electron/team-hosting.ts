import { app, dialog, Menu } from 'electron';
import enTeam from '../../shared/i18n/locales/en/team.json';
import frTeam from '../../shared/i18n/locales/fr/team.json';
import type { Core } from '../core/create-core';
import { loadOrCreateCertificate } from '../host/certificate';
import { lanAddresses } from '../host/cli-options';
import { startHost, type RunningHost } from '../host/start-host';

/**
 * The desktop app hosting its room for teammates: the same HTTPS host as
 * `npm run serve -- --team`, on the interface the person picks, from a "Team" menu.
 */
export function addTeamHostingMenu(core: Core, rendererDir: string): void {
  const strings = app.getLocale().toLowerCase().startsWith('fr') ? frTeam.desktop : enTeam.desktop;
  let running: RunningHost | null = null;

  const start = async () => {
    const addresses = lanAddresses();
    if (addresses.length === 0) addresses.push('127.0.0.1');
    const { response } = await dialog.showMessageBox({
      type: 'question',
      message: strings.pick,
      buttons: [...addresses, strings.cancel],
      cancelId: addresses.length,
    });
    const bindHost = addresses[response];
    if (!bindHost) return;
    try {
      running = await startHost({
        core,
        rendererDir,
        port: 4477,
        bindHost,
        team: { certificate: await loadOrCreateCertificate(core.dataDir) },
      });
      await dialog.showMessageBox({
        type: 'info',
        message: strings.started
          .replace('{{addresses}}', running.addresses.join(', '))
          .replace('{{fingerprint}}', running.fingerprint ?? ''),
      });
    } catch (error) {
      dialog.showErrorBox('Riposte', strings.failed.replace('{{message}}', String(error)));
    }
    build();
  };
  const stop = async () => {
    await running?.close();
    running = null;
    build();
  };
  const build = () => {
    const current = Menu.getApplicationMenu();
    const others = (current?.items ?? []).filter((item) => item.id !== 'team-hosting');
    Menu.setApplicationMenu(
      Menu.buildFromTemplate([
        ...others.map((item) => ({ label: item.label, role: item.role, submenu: item.submenu ?? undefined })),
        {
          id: 'team-hosting',
          label: strings.menu,
          submenu: [
            { label: strings.start, enabled: running === null, click: () => void start() },
            { label: strings.stop, enabled: running !== null, click: () => void stop() },
          ],
        },
      ]),
    );
  };
  build();
  app.on('will-quit', () => void running?.close());
}
