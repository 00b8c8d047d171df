/**
 * Where the page's main thread spends its time (the live phase, or a cold load): a V8
 * sampling profile (CDP Profiler) folded into self and inclusive time per function. Build
 * with RIPOSTE_NO_MINIFY=1 (then `--no-build`) for the source's names.
 */
import type { CDPSession, Page } from '@playwright/test';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  fn: string;
  selfMs: number;
  totalMs: number;
}

export async function startCpuProfile(page: Page): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 250 });
  await session.send('Profiler.start');
  return session;
}

const keyOf = (node: ProfileNode) =>
  `${node.callFrame.functionName || '(anonymous)'} @ ${node.callFrame.url.split('/').pop() ?? ''}:${node.callFrame.lineNumber + 1}`;

/** Stops the profile; the `count` functions with the most inclusive time (idle and program left out). */
export async function stopCpuProfile(session: CDPSession, count: number): Promise<FunctionTime[]> {
  const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: Profile };
  await session.detach();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(program)' || name === '(root)') return;
    self.set(keyOf(node), (self.get(keyOf(node)) ?? 0) + ms);
    // Each function once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame || frame.callFrame.functionName === '(root)') continue;
      const key = keyOf(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  });
  const round = (ms: number) => Math.round(ms);
  return [...total.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([fn, ms]) => ({ fn, selfMs: round(self.get(fn) ?? 0), totalMs: round(ms) }));
}
