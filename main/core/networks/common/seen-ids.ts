/**
 * A bounded set of recently seen ids (status ids, did+rkey, Reddit fullnames).
 * Streams replay an overlap after a reconnect; remembering the last `capacity` ids is
 * enough to drop that overlap without memory growing for a long live event.
 */
export class SeenIds {
  private readonly ids = new Set<string>();

  constructor(readonly capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('SeenIds capacity must be a positive integer');
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Records the id; answers false when it was already seen (the caller should drop it). */
  addIfNew(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      // A Set iterates in insertion order, so the first key is the oldest one.
      const oldest = this.ids.values().next();
      if (!oldest.done) this.ids.delete(oldest.value);
    }
    return true;
  }

  get size(): number {
    return this.ids.size;
  }
}
