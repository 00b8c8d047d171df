import type { IncomingMessage, ServerResponse } from 'node:http';
import { cidOf } from './atproto-ids';
import { createPdsSessions, sendXrpcError as error } from './bluesky-pds-sessions';
import { listenOnLoopback, sendJson } from './listen';
import { PublishFaults, readBody, type RouteScript } from './publish-faults';

export interface StoredRecord {
  uri: string;
  cid: string;
  rkey: string;
  value: Record<string, unknown>;
  /** Our clock when it was written. */
  at: number;
}

export interface StoredBlob {
  cid: string;
  mimeType: string;
  size: number;
  bytes: Buffer;
}

export interface BlueskyPdsServerOptions {
  handle?: string;
  did?: string;
  appPassword?: string;
  /** The clock that ages tokens and rate windows. */
  now?: () => number;
  /** Access tokens live this long (2 hours on a real PDS); refresh exercises past it. */
  accessTtlMs?: number;
  /** Bytes an uploaded blob may have (1,000,000 for post images). */
  maxBlobBytes?: number;
  /** Write points per window (a real PDS: 5000 per hour; a create costs 3, a delete 1). */
  writeLimit?: { points: number; windowMs: number };
  /** Logins allowed per window before 429 (a real PDS: 30 per 5 minutes, 300 a day). */
  loginLimit?: { count: number; windowMs: number };
}

export interface FakeBlueskyPds {
  origin: string;
  handle: string;
  did: string;
  appPassword: string;
  /** The account's app.bsky.feed.post records by rkey. */
  records: Map<string, StoredRecord>;
  blobs: Map<string, StoredBlob>;
  /** "METHOD nsid" of each request, in order. */
  requests: string[];
  /** How many times createSession succeeded: a test asserts sessions are reused. */
  readonly logins: number;
  readonly refreshes: number;
  /** createRecord calls that stored a record under `rkey`: exactly one per entry. */
  createsPerKey(rkey: string): number;
  /** Another account `resolveHandle` knows, for mentions. */
  addUser(handle: string, did: string): void;
  /** A post by someone else that getPosts serves, as a reply target. */
  addForeignPost(handle: string, rkey: string, value: Record<string, unknown>): { uri: string; cid: string };
  /** Every access token given so far answers ExpiredToken from now on. */
  expireAccessTokens(): void;
  /** Every token (access and refresh) is refused: only a new login works. */
  revokeSessions(): void;
  scriptNext(...responses: RouteScript[]): void;
  stallNext(route?: string): void;
  /** The next `count` createRecord calls store the record, then the socket is destroyed unanswered. */
  dropAfterCommit(count?: number): void;
  close(): Promise<void>;
}

const postCollection = 'app.bsky.feed.post';

/**
 * An AT Protocol PDS subset on 127.0.0.1 speaking the documented XRPC shapes: sessions
 * (createSession / refreshSession / getSession, expiring access tokens), resolveHandle,
 * getProfile, uploadBlob with its size limit, createRecord with a caller-chosen rkey (an
 * existing rkey answers HTTP 500 as a real PDS does), getRecord, deleteRecord, getPosts,
 * and ratelimit-* headers on writes; faults scripted like the Mastodon server's.
 */
export async function startBlueskyPdsServer(options: BlueskyPdsServerOptions = {}): Promise<FakeBlueskyPds> {
  const handle = options.handle ?? 'ana.riposte.test';
  const did = options.did ?? 'did:plc:anariposte';
  const appPassword = options.appPassword ?? 'abcd-efgh-ijkl-mnop';
  const now = options.now ?? Date.now;
  const maxBlobBytes = options.maxBlobBytes ?? 1_000_000;
  const writeLimit = options.writeLimit ?? { points: 5000, windowMs: 60 * 60_000 };
  const faults = new PublishFaults();
  const records = new Map<string, StoredRecord>();
  const blobs = new Map<string, StoredBlob>();
  const creates = new Map<string, number>();
  const users = new Map<string, string>([[handle, did]]);
  const foreign = new Map<string, { uri: string; cid: string; handle: string; value: Record<string, unknown> }>();
  const requests: string[] = [];
  let writes = { startedAt: now(), used: 0 };
  let origin = '';
  const sessions = createPdsSessions(
    { handle, did, appPassword, origin: () => origin },
    {
      now,
      accessTtlMs: options.accessTtlMs ?? 2 * 60 * 60_000,
      loginLimit: options.loginLimit ?? { count: 30, windowMs: 5 * 60_000 },
    },
  );

  const writeHeaders = () => ({
    'ratelimit-limit': String(writeLimit.points),
    'ratelimit-remaining': String(Math.max(0, writeLimit.points - writes.used)),
    'ratelimit-reset': String(Math.ceil((writes.startedAt + writeLimit.windowMs) / 1000)),
    'ratelimit-policy': `${writeLimit.points};w=${Math.round(writeLimit.windowMs / 1000)}`,
  });
  /** Spends write points; false (and a 429 sent) when the window's budget is used up. */
  const spend = (response: ServerResponse, points: number): boolean => {
    if (now() - writes.startedAt >= writeLimit.windowMs) writes = { startedAt: now(), used: 0 };
    if (writes.used + points > writeLimit.points) {
      error(response, 429, 'RateLimitExceeded', 'Rate Limit Exceeded', writeHeaders());
      return false;
    }
    writes.used += points;
    return true;
  };

  const createRecord = (request: IncomingMessage, body: Record<string, unknown>, response: ServerResponse) => {
    if (body.repo !== did && body.repo !== handle) return error(response, 400, 'InvalidRequest', 'Invalid repo');
    if (body.collection !== postCollection) return error(response, 400, 'InvalidRequest', 'Unsupported collection');
    const rkey = typeof body.rkey === 'string' ? body.rkey : String(now());
    const value = (typeof body.record === 'object' && body.record !== null ? body.record : {}) as Record<
      string,
      unknown
    >;
    const invalid = invalidPost(value, blobs);
    if (invalid) return error(response, 400, 'InvalidRequest', `Invalid app.bsky.feed.post record: ${invalid}`);
    // A real PDS fails the commit on an existing key: a 500, not a conflict nor the first answer.
    if (records.has(rkey)) return error(response, 500, 'InternalServerError', 'Internal Server Error');
    if (!spend(response, 3)) return;
    const record: StoredRecord = {
      uri: `at://${did}/${postCollection}/${rkey}`,
      cid: cidOf(JSON.stringify(value), 'dagCbor'),
      rkey,
      value,
      at: now(),
    };
    records.set(rkey, record);
    creates.set(rkey, (creates.get(rkey) ?? 0) + 1);
    if (faults.dropThisAnswer(request)) return;
    const commit = { cid: cidOf(`commit:${record.cid}`, 'dagCbor'), rev: rkey };
    sendJson(response, { uri: record.uri, cid: record.cid, commit, validationStatus: 'valid' }, writeHeaders());
  };

  const uploadBlob = (request: IncomingMessage, bytes: Buffer, response: ServerResponse) => {
    if (bytes.length > maxBlobBytes) {
      return error(response, 400, 'BlobTooLarge', `This file is too large. It is ${bytes.length} bytes.`);
    }
    const mimeType = request.headers['content-type'] ?? 'application/octet-stream';
    const cid = cidOf(bytes, 'raw');
    blobs.set(cid, { cid, mimeType, size: bytes.length, bytes });
    sendJson(response, { blob: { $type: 'blob', ref: { $link: cid }, mimeType, size: bytes.length } });
  };

  const getPosts = (url: URL, response: ServerResponse) => {
    const posts = url.searchParams.getAll('uris').flatMap((uri) => {
      const own = [...records.values()].find((r) => r.uri === uri);
      const post = own ? { ...own, handle } : foreign.get(uri);
      if (!post) return [];
      const author = { did: /^at:\/\/([^/]+)/.exec(post.uri)?.[1] ?? did, handle: post.handle };
      return [{ uri: post.uri, cid: post.cid, author, record: post.value, indexedAt: new Date(now()).toISOString() }];
    });
    sendJson(response, { posts });
  };

  async function route(request: IncomingMessage, response: ServerResponse, nsid: string, url: URL): Promise<void> {
    const method = request.method ?? 'GET';
    const raw = method === 'POST' ? await readBody(request) : Buffer.alloc(0);
    const json = (): Record<string, unknown> => {
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8'));
        return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
      } catch {
        return {};
      }
    };
    switch (`${method} ${nsid}`) {
      case 'POST com.atproto.server.createSession':
        return sessions.createSession(json(), response);
      case 'POST com.atproto.server.refreshSession':
        return sessions.refreshSession(request, response);
      case 'GET com.atproto.identity.resolveHandle': {
        const found = users.get((url.searchParams.get('handle') ?? '').toLowerCase());
        if (!found) return error(response, 400, 'InvalidRequest', 'Unable to resolve handle');
        return sendJson(response, { did: found });
      }
      case 'GET com.atproto.repo.getRecord': {
        const record = url.searchParams.get('repo') === did ? records.get(url.searchParams.get('rkey') ?? '') : null;
        if (!record) return error(response, 400, 'RecordNotFound', `Could not locate record: ${url.search}`);
        return sendJson(response, { uri: record.uri, cid: record.cid, value: record.value });
      }
    }
    if (sessions.refuseAccess(request, response)) return;
    switch (`${method} ${nsid}`) {
      case 'GET com.atproto.server.getSession':
        return sendJson(response, { handle, did, didDoc: sessions.didDoc(), active: true, emailConfirmed: true });
      case 'GET app.bsky.actor.getProfile':
        if (url.searchParams.get('actor') !== did && url.searchParams.get('actor') !== handle) {
          return error(response, 400, 'InvalidRequest', 'Profile not found');
        }
        return sendJson(response, { did, handle, displayName: 'Ana Example', avatar: `${origin}/avatar/ana.jpeg` });
      case 'POST com.atproto.repo.uploadBlob':
        return uploadBlob(request, raw, response);
      case 'POST com.atproto.repo.createRecord':
        return createRecord(request, json(), response);
      case 'POST com.atproto.repo.deleteRecord': {
        const body = json();
        if (body.repo !== did && body.repo !== handle) return error(response, 400, 'InvalidRequest', 'Invalid repo');
        if (!spend(response, 1)) return;
        const rkey = typeof body.rkey === 'string' ? body.rkey : '';
        // Deleting a record that is not there is not an error: the answer just carries no commit.
        const existed = records.delete(rkey);
        return sendJson(response, existed ? { commit: { cid: cidOf(`delete:${rkey}`, 'dagCbor'), rev: rkey } } : {});
      }
      case 'GET app.bsky.feed.getPosts':
        return getPosts(url, response);
    }
    error(response, 501, 'MethodNotImplemented', `Method Not Implemented: ${nsid}`);
  }

  const listening = await listenOnLoopback((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const nsid = url.pathname.replace(/^\/xrpc\//, '');
    const routeName = `${request.method ?? 'GET'} ${nsid}`;
    requests.push(routeName);
    if (faults.intercept(routeName, response)) return;
    route(request, response, nsid, url).catch(() => error(response, 500, 'InternalServerError', 'Internal error'));
  });
  origin = listening.origin;

  return {
    origin,
    handle,
    did,
    appPassword,
    records,
    blobs,
    requests,
    get logins() {
      return sessions.logins;
    },
    get refreshes() {
      return sessions.refreshes;
    },
    createsPerKey: (rkey) => creates.get(rkey) ?? 0,
    addUser: (other, otherDid) => void users.set(other.toLowerCase(), otherDid),
    addForeignPost(author, rkey, value) {
      const authorDid = users.get(author) ?? `did:plc:${author.replace(/[^a-z0-9]/g, '')}`;
      const post = { uri: `at://${authorDid}/${postCollection}/${rkey}`, cid: cidOf(JSON.stringify(value), 'dagCbor') };
      foreign.set(post.uri, { ...post, handle: author, value });
      return post;
    },
    expireAccessTokens: () => sessions.expireAccessTokens(),
    revokeSessions: () => sessions.revokeSessions(),
    scriptNext: (...responses) => faults.scriptNext(...responses),
    stallNext: (routeName) => faults.stallNext(routeName),
    dropAfterCommit: (count) => faults.dropAfterCommit(count),
    close: async () => {
      faults.releaseHeld();
      await listening.close();
    },
  };
}

/** The lexicon checks a real PDS runs on a post, as its error messages word them. */
function invalidPost(value: Record<string, unknown>, blobs: Map<string, StoredBlob>): string | null {
  const text = typeof value.text === 'string' ? value.text : null;
  if (text === null) return 'Record/text must be a string';
  if ([...new Intl.Segmenter().segment(text)].length > 300) return 'Record/text must not be longer than 300 graphemes';
  if (Buffer.byteLength(text, 'utf8') > 3000) return 'Record/text must not be longer than 3000 characters';
  if (typeof value.createdAt !== 'string' || Number.isNaN(Date.parse(value.createdAt))) {
    return 'Record/createdAt must be an valid atproto datetime';
  }
  const embed = value.embed as { images?: { image?: { ref?: { $link?: string } } }[] } | undefined;
  const images = embed?.images ?? [];
  if (images.length > 4) return 'Record/embed/images must not have more than 4 elements';
  const missing = images.find((image) => !blobs.has(image.image?.ref?.$link ?? ''));
  return missing ? 'Could not find blob' : null;
}
