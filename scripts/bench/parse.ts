/**
 * Feed parsing throughput against rss-parser, same corpus, same run. Both sides start from the
 * response bytes: rss-parser is handed them decoded as UTF-8 (what its parseURL does) and
 * builds its item objects (fields, a text snippet of the content), without sanitizing;
 * parseFeed detects the encoding, reads the feed and, in "full" (a first poll), normalizes and
 * sanitizes every entry into an item's HTML and text; in "repoll" entries already stored are
 * left out by id and fingerprint before their bodies are decoded or sanitized (the steady
 * state: the keys are the ones the ingest worker keeps from the poll before).
 * The budget: repoll at least 2x rss-parser, full at least 1x.
 *
 * The machine is shared, so what is timed is this process's CPU time (user + system, every
 * thread, so the garbage collector's helpers count too), not the wall clock that other work
 * on the same cores stretches; the three are timed feed by feed, interleaved, in several
 * attempts, and each side keeps its least disturbed attempt.
 * Usage: node --import tsx scripts/bench/parse.ts [--json] [--rounds N] [--attempts N]
 */
import { loadavg } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import Parser from 'rss-parser';
import { parseFeed, type KnownEntries } from '../../main/core/ingest/feeds/parse-feed';

const TARGET_RATIO: Readonly<Record<'full' | 'repoll', number>> = { full: 1, repoll: 2 };
const WORK: Readonly<Record<'full' | 'repoll', string>> = {
  full: 'decode, read, normalize and sanitize every entry (HTML and text)',
  repoll: 'decode, read, fingerprint every entry, leave out the stored unchanged ones before decoding or sanitizing',
};
const PEER_WORK = 'decode UTF-8, parse (xml2js), build items and content snippets; no sanitizing';
const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = process.env.RIPOSTE_CORPUS ?? join(here, '../../main/core/ingest/testing/corpus/feeds');
const args = process.argv.slice(2);
const json = args.includes('--json');
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1] ?? fallback);
};
const rounds = option('--rounds', 5);
const attempts = option('--attempts', 5);
const NOW = Date.UTC(2026, 0, 1);

interface Sample {
  name: string;
  body: Buffer;
  /** Every entry of the feed, as the ingest worker remembers them after storing a first poll. */
  known: KnownEntries;
}

function loadCorpus(): Sample[] {
  const samples: Sample[] = [];
  for (const dir of readdirSync(corpusDir)) {
    for (const name of readdirSync(join(corpusDir, dir))) {
      let body = readFileSync(join(corpusDir, dir, name));
      // Two corpus files are gzip bodies (served with Content-Encoding: gzip in real life).
      if (body[0] === 0x1f && body[1] === 0x8b) body = gunzipSync(body);
      const parsed = parseFeed(body, {
        url: `https://corpus.test/${name}`,
        contentType: null,
        now: NOW,
        known: new Map(),
      });
      if (!parsed.ok) continue;
      const known = new Map(parsed.keys.map(({ extId, ...key }) => [extId, key] as const));
      samples.push({ name, body, known });
    }
  }
  return samples;
}

/** Milliseconds of CPU this process spent since `since` (a process.cpuUsage() reading). */
function cpuMsSince(since: NodeJS.CpuUsage): number {
  const spent = process.cpuUsage(since);
  return (spent.user + spent.system) / 1000;
}

function ours(sample: Sample, known: boolean): number {
  const started = process.cpuUsage();
  parseFeed(sample.body, {
    url: `https://corpus.test/${sample.name}`,
    contentType: null,
    now: NOW,
    ...(known ? { known: sample.known } : {}),
  });
  return cpuMsSince(started);
}

async function peer(sample: Sample, parser: Parser): Promise<number> {
  const started = process.cpuUsage();
  try {
    await parser.parseString(sample.body.toString('utf8'));
  } catch {
    // A feed rss-parser rejects still cost it the time spent.
  }
  return cpuMsSince(started);
}

interface Attempt {
  fullMs: number;
  repollMs: number;
  peerMs: number;
}

/** Every sample through all three, in an order that rotates so none always runs first. */
async function attempt(samples: Sample[], parser: Parser): Promise<Attempt> {
  const spent: Attempt = { fullMs: 0, repollMs: 0, peerMs: 0 };
  let turn = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const sample of samples) {
      turn += 1;
      for (let step = 0; step < 3; step += 1) {
        switch ((turn + step) % 3) {
          case 0:
            spent.fullMs += ours(sample, false);
            break;
          case 1:
            spent.repollMs += ours(sample, true);
            break;
          default:
            spent.peerMs += await peer(sample, parser);
        }
      }
    }
  }
  return spent;
}

interface BenchLine {
  bench: string;
  mode: string;
  does: string;
  feeds: number;
  rounds: number;
  feedsPerSec: number;
  peer: string;
  peerFeedsPerSec: number;
  peerDoes: string;
  /** feedsPerSec counts feeds per second of this process's CPU time. */
  clock: string;
  ratio: number;
  target: number;
  pass: boolean;
  /** The machine's 1-minute load average when the run ended: other work on the same cores. */
  loadAverage: number;
}

function line(mode: 'full' | 'repoll', feeds: number, oursMs: number, peerMs: number): BenchLine {
  const count = feeds * rounds;
  const feedsPerSec = (count / oursMs) * 1000;
  const peerFeedsPerSec = (count / peerMs) * 1000;
  const ratio = feedsPerSec / peerFeedsPerSec;
  return {
    bench: 'parse',
    mode,
    does: WORK[mode],
    feeds,
    rounds,
    feedsPerSec: Math.round(feedsPerSec * 10) / 10,
    peer: 'rss-parser',
    peerFeedsPerSec: Math.round(peerFeedsPerSec * 10) / 10,
    peerDoes: PEER_WORK,
    clock: 'process CPU time',
    ratio: Math.round(ratio * 100) / 100,
    target: TARGET_RATIO[mode],
    pass: ratio >= TARGET_RATIO[mode],
    loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  };
}

async function main(): Promise<void> {
  const samples = loadCorpus();
  const parser = new Parser();
  // Warm up the JIT for both parsers before measuring.
  await attempt(samples, parser);
  let best: Attempt = { fullMs: Infinity, repollMs: Infinity, peerMs: Infinity };
  for (let count = 0; count < attempts; count += 1) {
    const spent = await attempt(samples, parser);
    best = {
      fullMs: Math.min(best.fullMs, spent.fullMs),
      repollMs: Math.min(best.repollMs, spent.repollMs),
      peerMs: Math.min(best.peerMs, spent.peerMs),
    };
  }
  const lines = [
    line('full', samples.length, best.fullMs, best.peerMs),
    line('repoll', samples.length, best.repollMs, best.peerMs),
  ];
  for (const result of lines) {
    if (json) console.log(JSON.stringify(result));
    else {
      console.log(
        `${result.mode}: parseFeed ${result.feedsPerSec} feeds/s (${result.does}), rss-parser ` +
          `${result.peerFeedsPerSec} feeds/s (${result.peerDoes}), ratio ${result.ratio} ` +
          `(target >= ${result.target}): ${result.pass ? 'pass' : 'FAIL'}; load average ${result.loadAverage}`,
      );
    }
  }
}

await main();
