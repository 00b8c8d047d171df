import { BrowserWindow, ipcMain } from 'electron';
import { callNames } from '../../shared/contract';
import type { Core } from '../core/create-core';
import { createSession, type Session } from '../core/session/session';
import { appOrigin } from './hardening';

export const eventChannel = (name: string) => `event:${name}`;

/**
 * One `ipcMain.handle` per contract call; the core validates every input. Calls from any
 * frame other than our own renderer are refused. Each window (its webContents) is one
 * connection with its own session, dropped when the window goes.
 */
export function bridgeCoreToIpc(core: Core): () => void {
  const sessions = new Map<number, Session>();
  const sessionOf = (contents: Electron.WebContents): Session => {
    let session = sessions.get(contents.id);
    if (!session) {
      session = createSession();
      sessions.set(contents.id, session);
      const created = session;
      contents.once('destroyed', () => {
        sessions.delete(contents.id);
        core.forgetSession(created);
      });
    }
    return session;
  };
  for (const name of callNames) {
    ipcMain.handle(name, (event, input: unknown) => {
      const sender = event.senderFrame?.url ?? '';
      if (!sender.startsWith(`${appOrigin}/`)) {
        return { ok: false, code: 'forbidden', message: 'Calls are only accepted from the Riposte window.' };
      }
      return core.dispatch(name, input, sessionOf(event.sender));
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
