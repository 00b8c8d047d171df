import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

/** Only images: a draft's media is what a post can carry, and nothing the browser would run. */
export const imageTypes: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/** More than a room will ever use by hand; keeps one listing bounded if a folder is misused. */
export const MAX_LISTED_ASSETS = 500;

export interface AssetFile {
  name: string;
  size: number;
  type: string;
}

/**
 * One plain file name: no separators, no parent or hidden names, no control characters.
 * Used for room ids too, since both become path segments.
 */
export function isSafeSegment(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 255 &&
    !name.startsWith('.') &&
    !/[/\\:]/.test(name) &&
    // Control characters (NUL included) never belong in a name a person dropped in a folder.
    ![...name].some((char) => {
      const code = char.charCodeAt(0);
      return code < 0x20 || code === 0x7f;
    })
  );
}

export function imageType(name: string): string | undefined {
  return imageTypes[extname(name).toLowerCase()];
}

/** `<dataDir>/assets/<roomId>`, or null when the room id could not be one folder. */
export function assetFolder(dataDir: string, roomId: string): string | null {
  return isSafeSegment(roomId) ? join(resolve(dataDir), 'assets', roomId) : null;
}

/**
 * The file for `<roomId>/<name>` when both are safe segments, the name is an image and the
 * result stays inside the room's folder; null otherwise. Says nothing about existence.
 */
export function assetPath(dataDir: string, roomId: string, name: string): string | null {
  const folder = assetFolder(dataDir, roomId);
  if (!folder || !isSafeSegment(name) || !imageType(name)) return null;
  const file = resolve(folder, name);
  return file.startsWith(folder + sep) ? file : null;
}

/** The folder, created when missing, so the team always has a place to drop images. */
export function ensureAssetFolder(dataDir: string, roomId: string): string | null {
  const folder = assetFolder(dataDir, roomId);
  if (folder) mkdirSync(folder, { recursive: true });
  return folder;
}

/** The room's images, by name; other files, folders and unsafe names are left out. */
export function listAssets(folder: string): AssetFile[] {
  const files: AssetFile[] = [];
  const names = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && isSafeSegment(entry.name) && imageType(entry.name))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
  for (const name of names.slice(0, MAX_LISTED_ASSETS)) {
    const type = imageType(name);
    if (!type) continue;
    try {
      files.push({ name, size: statSync(join(folder, name)).size, type });
    } catch {
      // Removed between the listing and the stat: simply not there any more.
    }
  }
  return files;
}

/** True when `name` is an image file in the room's folder right now. */
export function assetExists(dataDir: string, roomId: string, name: string): boolean {
  const file = assetPath(dataDir, roomId, name);
  if (!file) return false;
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

const assetRoute = /^\/assets\/([^/]+)\/([^/]+)$/;

/**
 * For both shells' `/assets/<roomId>/<name>` route: undefined when the path is not that
 * route (the renderer's own built files live in /assets/<file>), null when it is but names
 * no servable image, else the file. Segments are decoded one by one, so an encoded
 * separator or `..` is refused rather than walked.
 */
export function assetForUrlPath(dataDir: string, pathname: string): string | null | undefined {
  const match = assetRoute.exec(pathname);
  if (!match?.[1] || !match[2]) return undefined;
  try {
    return assetPath(dataDir, decodeURIComponent(match[1]), decodeURIComponent(match[2]));
  } catch {
    return null;
  }
}
