import type { Result } from '../../../shared/contract/result';
import { maxSourcesPage, type Source } from '../../../shared/sources/source';

/**
 * Every source of the room, a page at a time: an agency may watch thousands, and a source
 * that is polled must also be seen.
 */
export async function loadAllSources(
  roomId: string,
  list: (input: {
    roomId: string;
    after?: { createdAt: number; id: string };
    limit: number;
  }) => Promise<Result<Source[]>>,
  pageSize = maxSourcesPage,
): Promise<Result<Source[]>> {
  const all: Source[] = [];
  let after: { createdAt: number; id: string } | undefined;
  for (;;) {
    const page = await list(after === undefined ? { roomId, limit: pageSize } : { roomId, after, limit: pageSize });
    if (!page.ok) return page;
    all.push(...page.value);
    const last = page.value.at(-1);
    if (page.value.length < pageSize || last === undefined) return { ok: true, value: all };
    after = { createdAt: last.createdAt, id: last.id };
  }
}
