/**
 * Publishing benchmark (issue 14): `npm run bench -- publish --json [--kills N] [--rounds N] [--seed N]`.
 * Prints the issue's fixed figures, each with its limit:
 * - publish.latency_p95: approve → acknowledged by the local Mastodon server, beyond the
 *   undo window, with 50 drafts in flight, through the real core, sender and client;
 * - publish.posts_per_entry, publish.entries_lost, publish.crash_points: a crash soak that
 *   publishes each draft to a Mastodon and a Bluesky account, SIGKILLs a child process
 *   running the core (at random moments and around each send) and restarts it on the same
 *   data dir until every entry is settled, then counts both servers' posts per entry (per
 *   network in publish.soak_context) and the entries lost.
 */
import { measureLatency } from './publish/latency';
import { runCrashSoak } from './publish/soak';

const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const kills = Number(argValue('--kills') ?? 200);
const rounds = Number(argValue('--rounds') ?? 3);
const seed = Number(argValue('--seed') ?? 14);
const holdMs = 1_000;
const inFlight = 50;

const log = (record: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(record)}\n`);
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};

async function main() {
  const latency = await measureLatency({ rounds, inFlight, holdMs });
  log({
    name: 'publish.latency_p95',
    value: Math.round(percentile(latency.latencies, 95)),
    unit: 'ms',
    limit: 300,
    beyond: `the undo window (${holdMs} ms, subtracted exactly)`,
  });
  log({
    name: 'publish.latency_context',
    inFlight,
    samples: latency.latencies.length,
    p50: Math.round(percentile(latency.latencies, 50)),
    max: Math.round(Math.max(...latency.latencies)),
    directPostP95: Math.round(percentile(latency.directPostMs, 95) * 10) / 10,
    note: 'directPostP95: one status POST straight to the same local server, without the outbox (the floor)',
  });

  const soak = await runCrashSoak({ kills, seed });
  // Two decimals, as the issue reads it ("1.00"): still a valid JSON number.
  process.stdout.write(
    `{"name":"publish.posts_per_entry","value":${soak.postsPerEntry.toFixed(2)},"limit":1.00,"entries":${soak.entries - soak.cancelled}}\n`,
  );
  log({ name: 'publish.entries_lost', value: soak.entriesLost, limit: 0 });
  log({ name: 'publish.crash_points', value: soak.kills, min: 200 });
  log({ name: 'publish.soak_context', ...soak.context });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
