/** Items in one minute (start of the minute, ms UTC), as the volume chart plots them. */
export interface MinuteCount {
  minute: number;
  count: number;
}

const minuteMs = 60_000;

/**
 * `base` with `delta` added (sign 1) or taken away (sign -1), minute by minute, keeping only
 * minutes that overlap [from, to) and still have items, in time order. Both inputs are in time order.
 * Live charts add what arrived since their last answer; main takes away what arrived after
 * the `throughId` a column was asked to stop at.
 */
export function combineMinuteCounts(
  base: readonly MinuteCount[],
  delta: readonly MinuteCount[],
  sign: 1 | -1,
  range: { from: number; to: number },
): MinuteCount[] {
  const combined: MinuteCount[] = [];
  const keep = (minute: number, count: number) => {
    if (count > 0 && minute + minuteMs > range.from && minute < range.to) combined.push({ minute, count });
  };
  let d = 0;
  for (const { minute, count } of base) {
    for (; d < delta.length && (delta[d]?.minute ?? Infinity) < minute; d += 1) {
      const only = delta[d];
      if (only) keep(only.minute, sign * only.count);
    }
    const same = delta[d];
    if (same && same.minute === minute) {
      keep(minute, count + sign * same.count);
      d += 1;
    } else {
      keep(minute, count);
    }
  }
  for (; d < delta.length; d += 1) {
    const only = delta[d];
    if (only) keep(only.minute, sign * only.count);
  }
  return combined;
}
