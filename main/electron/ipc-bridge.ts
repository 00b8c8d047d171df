import { BrowserWindow, ipcMain } from 'electron';
import { callNames } from '../../shared/contract';
import type { Core } from '../core/create-core';
import { appOrigin } from './hardening';

export const eventChannel = (name: string) => `event:${name}`;

/**
 * One `ipcMain.handle` per contract call; the core validates every input. Calls from any
 * frame other than our own renderer are refused.
 */
export function bridgeCoreToIpc(core: Core): () => void {
  for (const name of callNames) {
    ipcMain.handle(name, (event, input: unknown) => {
      const sender = event.senderFrame?.url ?? '';
      if (!sender.startsWith(`${appOrigin}/`)) {
        return { ok: false, code: 'forbidden', message: 'Calls are only accepted from the Riposte window.' };
      }
      return core.dispatch(name, input);
    });
  }
  const unsubscribe = core.events.subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(eventChannel(event), payload);
    }
  });
  return () => {
    unsubscribe();
    for (const name of callNames) ipcMain.removeHandler(name);
  };
}
