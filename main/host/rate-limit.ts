/**
 * Failed credential checks per client address in a sliding window: past the limit, the
 * address is refused (429) until the window has moved on, even with a right answer, so a
 * guesser learns nothing more.
 */
export function createFailureLimiter({
  limit,
  windowMs,
  now = Date.now,
}: {
  limit: number;
  windowMs: number;
  now?: () => number;
}) {
  const failures = new Map<string, number[]>();
  const recent = (address: string): number[] => {
    const cutoff = now() - windowMs;
    const kept = (failures.get(address) ?? []).filter((at) => at > cutoff);
    if (kept.length === 0) failures.delete(address);
    else failures.set(address, kept);
    return kept;
  };
  return {
    /** Whether this address has used up its failures. */
    blocked: (address: string): boolean => recent(address).length >= limit,
    /** Seconds until this address may try again. */
    retryAfterSeconds: (address: string): number => {
      const oldest = recent(address)[0];
      return oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + windowMs - now()) / 1000));
    },
    fail(address: string): void {
      recent(address).push(now());
      const list = failures.get(address);
      if (!list) failures.set(address, [now()]);
    },
  };
}
