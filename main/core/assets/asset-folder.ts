import { closeSync, mkdirSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
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

/** The image type the file's first bytes say (PNG, JPEG, GIF, WebP), whatever its name claims. */
export function sniffImageType(file: string): string | undefined {
  const head = Buffer.alloc(12);
  let read: number;
  try {
    const fd = openSync(file, 'r');
    try {
      read = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const bytes = head.subarray(0, read);
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const ascii = bytes.toString('latin1');
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return 'image/gif';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

/**
 * A link (or a linked folder) must not lead out of the room's folder: the real path of an
 * existing file has to stay inside the real folder. A missing file passes: callers check existence.
 */
function staysInside(folder: string, file: string): boolean {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return true;
  }
  try {
    return real.startsWith(realpathSync(folder) + sep);
  } catch {
    return false;
  }
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
  return file.startsWith(folder + sep) && staysInside(folder, file) ? file : null;
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

/** True when `name` is an image file in the room's folder right now (its bytes, not only its name). */
export function assetExists(dataDir: string, roomId: string, name: string): boolean {
  const file = assetPath(dataDir, roomId, name);
  if (!file) return false;
  try {
    return statSync(file).isFile() && sniffImageType(file) !== undefined;
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
