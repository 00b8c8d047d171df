import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The same folder Electron uses as userData for "Riposte", so the desktop app and serve
 * mode open the same war rooms on one machine.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.RIPOSTE_DATA_DIR) return env.RIPOSTE_DATA_DIR;
  switch (platform) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Riposte');
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Riposte');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Riposte');
  }
}
