const trackingParameter = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|igshid|ref|ref_src|s|si)$/i;

/**
 * The form of a URL used to spot the same article arriving from several sources: https,
 * lower-case host without "www.", no fragment, no tracking parameters, no trailing slash.
 */
export function canonicalUrl(url: string | null): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const kept = [...parsed.searchParams].filter(([name]) => !trackingParameter.test(name));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = kept.length > 0 ? `?${new URLSearchParams(kept).toString()}` : '';
  const path = parsed.pathname.replace(/\/+$/, '');
  const port = parsed.port ? `:${parsed.port}` : '';
  return `https://${host}${port}${path}${query}`;
}
