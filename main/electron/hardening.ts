import { app, session, shell, type WebContents } from 'electron';

/** The scheme the renderer is served from: a standard, secure origin of its own. */
export const appScheme = 'riposte';
export const appOrigin = `${appScheme}://app`;

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Only web addresses leave the app, and only through the system browser. */
export function openExternalSafely(url: string): void {
  try {
    const { protocol } = new URL(url);
    if (protocol === 'https:' || protocol === 'http:') void shell.openExternal(url);
  } catch {
    // Not a URL: nothing to open.
  }
}

/**
 * The window shows other people's posts: a link or a script in one must never navigate the
 * app, open a window, embed a webview or be granted a permission (camera, notifications…).
 */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${appOrigin}/`)) {
      event.preventDefault();
      openExternalSafely(url);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${appOrigin}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    // Desktop notifications are the one permission the war room needs (moment alerts).
    callback(permission === 'notifications');
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => permission === 'notifications');
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
