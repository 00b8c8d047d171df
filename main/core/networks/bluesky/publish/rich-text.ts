import { AppBskyRichtextFacet, RichText, XRPCError, type Facet } from '@atproto/api';
import { beforePosting } from './outcomes';
import type { Attempt, SessionKeeper } from './session-keeper';

/**
 * Links, mentions and hashtags as facets with UTF-8 byte offsets (RichText counts them).
 * Mentions are resolved here rather than by RichText.detectFacets, which turns every failure
 * into "no such handle": a handle the PDS says does not exist loses its facet (the text stays
 * as written), but a PDS that could not be asked stops the send, which is safe to try again.
 */
export async function facetsOf(text: string, keeper: SessionKeeper, signal: AbortSignal): Promise<Attempt<Facet[]>> {
  const rich = new RichText({ text });
  rich.detectFacetsWithoutResolution();
  const facets = rich.facets ?? [];
  const handles = new Set<string>();
  for (const facet of facets) {
    for (const feature of facet.features) if (AppBskyRichtextFacet.isMention(feature)) handles.add(feature.did);
  }
  const dids = new Map<string, string | null>();
  for (const handle of handles) {
    const resolved = await keeper.run({ step: 'resolving', params: { handle } }, async () => {
      try {
        const answer = await keeper.agent.com.atproto.identity.resolveHandle({ handle }, { signal });
        return answer.data.did;
      } catch (error) {
        // "Unable to resolve handle": the account does not exist; anything else is not an answer.
        if (error instanceof XRPCError && error.status === 400 && error.error === 'InvalidRequest') return null;
        throw error;
      }
    });
    if (!resolved.ok) return { ok: false, outcome: beforePosting(resolved.outcome) };
    dids.set(handle, resolved.value);
  }
  const kept: Facet[] = [];
  for (const facet of facets) {
    const features = facet.features.flatMap((feature) => {
      if (!AppBskyRichtextFacet.isMention(feature)) return [feature];
      const did = dids.get(feature.did);
      return did ? [{ ...feature, did }] : [];
    });
    if (features.length > 0) kept.push({ ...facet, features });
  }
  return { ok: true, value: kept };
}
