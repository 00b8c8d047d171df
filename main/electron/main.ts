/**
 * The Electron shell: the only code that imports 'electron' (with the preload). It opens
 * a hardened window on the built renderer and carries the contract over IPC to the core.
 */
import { app, BrowserWindow, dialog, safeStorage } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core/create-core';
import { restoreBackup } from '../core/backup/restore-backup';
import { DamagedStoreError } from '../core/faults/damaged-store';
import { damagedStoreDialog, startFailure, systemLocale } from './damaged-store-dialog';
import { appOrigin, hardenSessions } from './hardening';
import { bridgeCoreToIpc } from './ipc-bridge';
import { notifyMomentsNatively } from './moment-notifications';
import { registerAppScheme, serveRenderer } from './renderer-protocol';
import { electronReportShell } from './report-printer';
import { addTeamHostingMenu } from './team-hosting';

const here = fileURLToPath(new URL('.', import.meta.url));
let core: Core | undefined;

registerAppScheme();

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Riposte',
    show: false,
    backgroundColor: '#14161a',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}

async function start() {
  await app.whenReady();
  hardenSessions();
  const dataDir = process.env.RIPOSTE_DATA_DIR ?? app.getPath('userData');
  const open = () =>
    createCore({
      dataDir,
      shell: 'electron',
      version: app.getVersion(),
      // Packaged: electron-builder copies resources/demo beside the app; in development, the repo's.
      resourcesDir: app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources'),
      ingestWorkerUrl: new URL('./ingest-worker.js', import.meta.url),
      reportWorkerUrl: new URL('./report-worker.js', import.meta.url),
      reportShell: electronReportShell,
      keyProtector: {
        protect: (key) => safeStorage.encryptString(key.toString('base64')),
        unprotect: (stored) => Buffer.from(safeStorage.decryptString(stored), 'base64'),
      },
    });
  try {
    try {
      core = open();
    } catch (error) {
      // A damaged store: offer the latest backup that passes its check instead of only failing.
      if (!(error instanceof DamagedStoreError) || !error.backup) throw error;
      const choice = dialog.showMessageBoxSync({
        type: 'error',
        ...damagedStoreDialog(error, systemLocale(app.getLocale())),
        defaultId: 0,
        cancelId: 1,
      });
      if (choice !== 0) throw error;
      restoreBackup(dataDir, error.backup.path);
      core = open();
    }
  } catch (error) {
    const failure = startFailure(dataDir, error, systemLocale(app.getLocale()));
    dialog.showErrorBox(failure.title, failure.detail);
    app.exit(1);
    return;
  }
  serveRenderer(join(here, '../renderer'), core.dataDir);
  bridgeCoreToIpc(core);
  notifyMomentsNatively(core);
  addTeamHostingMenu(core, join(here, '../renderer'));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  void core?.close();
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  void start();
}
