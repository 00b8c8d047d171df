import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendScripted, type ScriptedResponse } from './listen';

/** A scripted answer for the next request on `route` ("POST /api/v1/statuses"; every request when omitted). */
export interface RouteScript extends ScriptedResponse {
  route?: string;
}

/**
 * The fault hooks both publishing servers share: scripted answers, answers that never come
 * (`stallNext`: the client's deadline fires) and posts stored then left unanswered
 * (`dropAfterCommit`: the server keeps the post and destroys the socket, the client sees
 * a reset after sending). Routes are "METHOD /path".
 */
export class PublishFaults {
  private readonly scripted: RouteScript[] = [];
  private readonly stalls: { route: string | undefined }[] = [];
  private drops = 0;
  /** Requests held open by `stallNext`, ended on close so tests never hang. */
  private readonly held = new Set<ServerResponse>();

  scriptNext(...responses: RouteScript[]): void {
    this.scripted.push(...responses);
  }

  stallNext(route?: string): void {
    this.stalls.push({ route });
  }

  dropAfterCommit(count = 1): void {
    this.drops += count;
  }

  /** True when a scripted answer or a stall took the request. */
  intercept(route: string, response: ServerResponse): boolean {
    const stall = this.stalls.findIndex((s) => s.route === undefined || s.route === route);
    if (stall >= 0) {
      this.stalls.splice(stall, 1);
      this.held.add(response);
      response.on('close', () => this.held.delete(response));
      return true;
    }
    const index = this.scripted.findIndex((s) => s.route === undefined || s.route === route);
    if (index < 0) return false;
    const [next] = this.scripted.splice(index, 1);
    if (next) sendScripted(response, next);
    return true;
  }

  /** Called after a post is stored: true when the answer must be dropped instead of sent. */
  dropThisAnswer(request: IncomingMessage): boolean {
    if (this.drops === 0) return false;
    this.drops -= 1;
    request.socket.destroy();
    return true;
  }

  releaseHeld(): void {
    for (const response of this.held) response.socket?.destroy();
    this.held.clear();
  }
}

/** The whole request body, then parsed the way a browser's Request would (JSON or multipart). */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function asWebRequest(request: IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  return new Request('http://127.0.0.1/', { method: 'POST', headers, body: new Uint8Array(body) });
}
