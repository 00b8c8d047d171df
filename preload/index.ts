/**
 * Exposes the contract's named methods as `window.riposte`, and nothing else: no
 * ipcRenderer, no way to pick a channel. Runs sandboxed, bundled into one CommonJS file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi, type CallName, type EventName } from '../shared/contract/build-api';
import type { Result } from '../shared/contract/result';

const api = buildApi(
  (name: CallName, input: unknown) => ipcRenderer.invoke(name, input) as Promise<Result<unknown>>,
  (name: EventName, listener: (payload: unknown) => void) => {
    const channel = `event:${name}`;
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
);

contextBridge.exposeInMainWorld('riposte', api);
