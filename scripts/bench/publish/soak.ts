/**
 * The crash soak: the core runs in a child process (soak-child.ts, bundled once so each
 * restart is quick) against the local Mastodon server and the local Bluesky PDS living
 * here, each behind a kill proxy; every draft goes to both accounts.
 * Each life of the child is SIGKILLed at a seeded random moment or around a send (request
 * arrived, post stored, answer relayed, on either network), while the servers drop answers
 * after storing the post, stall, answer 503 and (Mastodon) rate-limit; between lives the clock sometimes jumps past
 * Mastodon's one-hour key memory so unknown outcomes are settled by reading back. Restarts
 * go on on the same data dir until `kills` kills were made and every entry is settled.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createCore } from '../../../main/core/create-core';
import { startBlueskyPdsServer } from '../../../main/core/networks/testing/bluesky-pds-server';
import { startMastodonPublishServer } from '../../../main/core/networks/testing/mastodon-publish-server';
import { approve, createBenchRoom, idleIngest, submittedDraft } from './bench-room';
import { blueskyCreateRecord, startKillProxy, type SendPhase } from './kill-proxy';
import type { ChildConfig, ChildMessage } from './soak-child';
import { bundleSoakChild } from './soak-bundle';
import { seededRandom, soakNow, type SoakClock } from './soak-clock';
import { tallySoak, type SoakTally } from './soak-tally';

const SPEED = 20;
const HOUR = 3_600_000;
/** Past the end, no more kills: the child runs until everything is settled. */
const MAX_SOAK_MS = 8 * 60_000;

type KillPlan = { at: 'timer'; afterMs: number } | { at: SendPhase; nth: number; fallbackMs: number };

export interface SoakResult extends SoakTally {
  kills: number;
  context: Record<string, unknown>;
}

export async function runCrashSoak(options: { kills: number; seed: number; drafts?: number }): Promise<SoakResult> {
  const random = seededRandom(options.seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low));
  const clock: SoakClock = { base: Date.now(), speed: SPEED, offsetMs: 0 };
  const server = await startMastodonPublishServer({
    now: () => soakNow(clock)(),
    // Mastodon allows 300 posts per 5 minutes; a tighter budget makes the soak meet 429s.
    rateLimit: { limit: 40, windowMs: 5 * 60_000 },
  });
  const pds = await startBlueskyPdsServer({ now: () => soakNow(clock)() });
  let onPhase: (phase: SendPhase) => boolean = () => false;
  const proxy = await startKillProxy(server.origin, (phase) => onPhase(phase));
  const pdsProxy = await startKillProxy(pds.origin, (phase) => onPhase(phase), blueskyCreateRecord);
  const dataDir = mkdtempSync(join(tmpdir(), 'riposte-bench-soak-'));
  const kinds: Record<string, number> = { timer: 0, arrived: 0, committed: 0, relayed: 0 };
  let jumps = 0;
  try {
    const childScript = await bundleSoakChild();
    // The room and its approved drafts, made once by a core in this process.
    const setup = createCore({
      dataDir,
      shell: 'serve',
      version: 'soak',
      seedDemo: false,
      startIngest: false,
      startOutbox: false,
      ingestRuntime: idleIngest,
      now: soakNow(clock),
    });
    const room = await createBenchRoom(setup, {
      at: soakNow(clock)(),
      instance: proxy.origin,
      token: server.token,
      publishHoldMs: 2_000,
      freshnessWindowMs: 24 * HOUR,
      bluesky: { service: pdsProxy.origin, identifier: pds.handle, appPassword: pds.appPassword },
    });
    const accountIds = [room.accountId, ...(room.blueskyAccountId ? [room.blueskyAccountId] : [])];
    const draftIds: string[] = [];
    for (let i = 0; i < (options.drafts ?? 110); i += 1) {
      const id = await submittedDraft(setup, room, `Réponse ${i} du soak : on s’en occupe, merci ! #riposte`);
      await approve(setup, room, id);
      draftIds.push(id);
    }
    await setup.close();

    const queued = new Map<string, string[]>();
    const started = Date.now();
    let kills = 0;
    let lastKill: KillPlan['at'] | null = null;
    for (let life = 0; ; life += 1) {
      const killing = kills < options.kills && Date.now() - started < MAX_SOAK_MS;
      // Between lives: sometimes the app stays down past Mastodon's hour (more often right
      // after a kill in the middle of a send), so only a read-back can settle what was sent.
      const midSend = lastKill === 'committed' || lastKill === 'arrived';
      if (life > 0 && random() < (midSend ? 0.5 : 0.05)) {
        clock.offsetMs += 61 * 60_000;
        jumps += 1;
      }
      if (random() < 0.15) server.dropAfterCommit(1);
      if (random() < 0.08) server.stallNext('POST /api/v1/statuses');
      if (random() < 0.05) server.scriptNext({ route: 'POST /api/v1/statuses', status: 503, body: '{}' });
      if (random() < 0.03) server.scriptNext({ route: 'GET /api/v1/accounts/42/statuses', status: 503, body: '{}' });
      if (random() < 0.15) pds.dropAfterCommit(1);
      if (random() < 0.08) pds.stallNext('POST com.atproto.repo.createRecord');
      if (random() < 0.05) pds.scriptNext({ route: 'POST com.atproto.repo.createRecord', status: 503, body: '{}' });
      if (random() < 0.03) pds.scriptNext({ route: 'GET com.atproto.repo.getRecord', status: 503, body: '{}' });
      const plan: KillPlan | null = !killing
        ? null
        : random() < 0.4
          ? { at: 'timer', afterMs: between(20, 600) }
          : {
              at: (['arrived', 'committed', 'relayed'] as const)[between(0, 3)] ?? 'arrived',
              nth: 1,
              fallbackMs: between(300, 900),
            };
      const config: ChildConfig = {
        dataDir,
        clock,
        roomId: room.roomId,
        writerId: room.writerId,
        accountIds,
        draftIds,
        publish: killing ? between(0, 2) : Number.MAX_SAFE_INTEGER,
        cancel: killing && random() < 0.05,
        requestTimeoutMs: 1_500,
        seed: between(0, 2 ** 31),
      };
      const outcome = await runLife(childScript, config, plan, queued, (killer) => {
        onPhase = killer;
      });
      onPhase = () => false;
      if (outcome.kind === 'killed') {
        kills += 1;
        lastKill = outcome.at;
        kinds[outcome.at] = (kinds[outcome.at] ?? 0) + 1;
        continue;
      }
      if (outcome.kind === 'settled' && !killing) break;
      if (outcome.kind === 'crashed') throw new Error(`the child failed on its own: ${outcome.detail}`);
    }
    const tally = await tallySoak({ dataDir, roomId: room.roomId, queued, server, pds, now: soakNow(clock) });
    const posts = server.requests.filter((r) => r.route === 'POST /api/v1/statuses');
    return {
      ...tally,
      kills,
      context: {
        entries: tally.entries,
        cancelled: tally.cancelled,
        failedVisibly: tally.failedVisibly,
        remotePosts: tally.remotePosts,
        killsAt: kinds,
        clockJumpsPastTheHour: jumps,
        statusPosts: posts.length,
        resendsWithTheSameKey: posts.length - new Set(posts.map((p) => p.idempotencyKey)).size,
        readBacks: server.requests.filter((r) => r.route.startsWith('GET /api/v1/accounts/42/statuses')).length,
        perNetwork: tally.perNetwork,
        blueskyCreates: pds.requests.filter((r) => r === 'POST com.atproto.repo.createRecord').length,
        blueskyReadBacks: pds.requests.filter((r) => r === 'GET com.atproto.repo.getRecord').length,
        // Sessions, not logins: one login when the account was added, refreshes after.
        blueskyLogins: pds.logins,
        blueskyRefreshes: pds.refreshes,
        seconds: Math.round((Date.now() - started) / 1000),
        note: `core in a child process SIGKILLed and restarted on one data dir; clock ×${SPEED}`,
      },
    };
  } finally {
    await proxy.close();
    await pdsProxy.close();
    await server.close();
    await pds.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type LifeOutcome = { kind: 'killed'; at: KillPlan['at'] } | { kind: 'settled' } | { kind: 'crashed'; detail: string };

/** Runs one life of the child until it is killed (by plan) or says everything is settled. */
function runLife(
  script: string,
  config: ChildConfig,
  plan: KillPlan | null,
  queued: Map<string, string[]>,
  armProxy: (killer: (phase: SendPhase) => boolean) => void,
): Promise<LifeOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let outcome: LifeOutcome | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const kill = (at: KillPlan['at']) => {
      if (outcome) return;
      outcome = { kind: 'killed', at };
      if (timer) clearTimeout(timer);
      child.kill('SIGKILL');
    };
    let posts = 0;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as ChildMessage;
      if (message.kind === 'queued') queued.set(message.draftId, message.entryIds);
      if (message.kind === 'settled' && !plan && !outcome) {
        outcome = { kind: 'settled' };
        child.kill('SIGTERM');
      }
      if (message.kind !== 'ready' || !plan) return;
      if (plan.at === 'timer') {
        timer = setTimeout(() => kill('timer'), plan.afterMs);
        return;
      }
      timer = setTimeout(() => kill('timer'), plan.fallbackMs);
      armProxy((phase) => {
        if (phase === 'arrived') posts += 1;
        if (outcome || phase !== plan.at || posts !== plan.nth) return false;
        if (phase === 'relayed') {
          // Just after the answer went back: the core is writing it down, or about to.
          setTimeout(() => kill('relayed'), Math.floor(Math.random() * 15));
          return false;
        }
        kill(phase);
        return true;
      });
    });
    child.once('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve(outcome ?? { kind: 'crashed', detail: `exit ${code}: ${stderr.slice(-2000)}` });
    });
  });
}
