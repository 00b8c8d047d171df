/**
 * A teammate's session is for one room: of the files the host serves beside the app (room
 * images at /assets/<roomId>/…, report exports at /exports/report-<roomId>-…), it gets only
 * its own room's. The host's own windows own every room and fetch anything.
 */
export function teammateMayFetch(urlPath: string, roomId: string): boolean {
  // /assets/<file> alone is the app's own code and styles; a room's image has the room in between.
  const imageRoom = /^\/assets\/([^/]+)\/[^/]+$/.exec(urlPath)?.[1];
  if (imageRoom !== undefined) return imageRoom === encodeURIComponent(roomId);
  if (urlPath.startsWith('/exports/')) return urlPath.startsWith(`/exports/report-${roomId}-`);
  return true;
}
