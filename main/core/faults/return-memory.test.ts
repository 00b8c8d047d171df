import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryReturn, returnMemoryNow } from './return-memory';

const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('returning memory after huge work', () => {
  it.runIf(process.platform === 'linux')(
    'gives a thread’s garbage back to the system, not only to V8',
    () => {
      // Built and dropped inside a function: garbage once it returns.
      const grown = (() => {
        const entries = Array.from({ length: 400_000 }, (_, index) => ({
          id: `entry ${index}`,
          text: `Wire ${index} `.repeat(4),
        }));
        expect(entries).toHaveLength(400_000);
        return rssMb();
      })();
      expect(returnMemoryNow()).toBe(true);
      // ~100 MiB of entries: most of it leaves the process (an ordinary GC leaves it all in RSS).
      expect(grown - rssMb()).toBeGreaterThan(40);
    },
    30_000,
  );

  it('runs once the thread is idle after large work, never after small work, and waits while busy', async () => {
    let busy = false;
    const returned: number[] = [];
    const memory = createMemoryReturn({
      minItems: 1_000,
      heapBytes: Number.MAX_SAFE_INTEGER,
      idleMs: 20,
      busy: () => busy,
      onReturned: ({ ms }) => returned.push(ms),
    });
    memory.workDone(10);
    await idle(60);
    expect(returned).toHaveLength(0);

    busy = true;
    memory.workDone(5_000);
    await idle(60);
    expect(returned).toHaveLength(0);
    busy = false;
    await idle(60);
    expect(returned).toHaveLength(1);

    // Counted again from zero after it ran.
    memory.workDone(10);
    await idle(60);
    expect(returned).toHaveLength(1);
    memory.close();
  });
});
