// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { deferFeedImages } from './feed-images';
import { safeHighlightedHtml } from './highlight';

/**
 * The renderer's pass over HTML main already sanitized (main keeps the same structure: see
 * conformance-rss.test.ts), as an item's HTML reaches the screen.
 */
function onScreen(html: string, terms: readonly string[] = []): string {
  return safeHighlightedHtml(html, terms);
}

const labels = { short: 'Image unavailable', unavailable: (alt: string) => `${alt} (could not be loaded)` };

class FakeObserver {
  readonly watched = new Set<Element>();
  disconnected = false;
  constructor(private readonly callback: IntersectionObserverCallback) {}
  observe(target: Element) {
    this.watched.add(target);
  }
  unobserve(target: Element) {
    this.watched.delete(target);
  }
  disconnect() {
    this.disconnected = true;
    this.watched.clear();
  }
  /** The image scrolls into view. */
  show(target: Element) {
    const entry = { target, isIntersecting: true } as IntersectionObserverEntry;
    this.callback([entry], this as unknown as IntersectionObserver);
  }
}

function mount(html: string) {
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  let observer: FakeObserver | null = null;
  const stop = deferFeedImages(container, labels, (callback) => {
    observer = new FakeObserver(callback);
    return observer;
  });
  return { container, stop, observer: (): FakeObserver => observer ?? new FakeObserver(() => undefined) };
}

describe('feed HTML on screen', () => {
  it('keeps headings, lists, tables and sup/sub after both sanitizers', () => {
    const html = onScreen(
      '<h2>Results</h2><ul><li>One</li></ul><table><tr><th>Seat</th><td>12<sup>th</sup> H<sub>2</sub>O</td></tr></table>',
    );
    expect(html).toContain('<h2>Results</h2>');
    expect(html).toContain('<ul><li>One</li></ul>');
    expect(html).toMatch(
      /<table><tbody><tr><th>Seat<\/th><td>12<sup>th<\/sup> H<sub>2<\/sub>O<\/td><\/tr><\/tbody><\/table>/,
    );
  });

  it('still removes anything that runs or styles', () => {
    const html = onScreen(
      '<p onclick="x()" style="color:red">a</p><script>alert(1)</script><img src="x" onerror="alert(1)"><svg><script>1</script></svg><a href="javascript:alert(1)">j</a>',
    );
    expect(html).not.toMatch(/onclick|onerror|style=|<script|<svg|javascript:/);
  });

  it('parks image addresses so nothing is fetched before the image is on screen', () => {
    const html = onScreen('<p>Photo:</p><img src="https://feed.test/pic.jpg" alt="Crowd" width="600" height="400">');
    expect(html).not.toMatch(/\ssrc=/);
    expect(html).toContain('data-feed-src="https://feed.test/pic.jpg"');
    expect(html).toContain('referrerpolicy="no-referrer"');
    expect(html).toContain('loading="lazy"');
  });

  it('drops data attributes a feed tried to smuggle through', () => {
    expect(onScreen('<p data-feed-src="https://tracker.test/p.gif">x</p>')).toBe('<p>x</p>');
    expect(onScreen('<img data-feed-src="https://tracker.test/p.gif">')).toBe('');
    expect(onScreen('<img src="/relative.gif">')).toBe('');
  });

  it('loads an image when it comes on screen, without a referrer', () => {
    const { container, observer } = mount(onScreen('<img src="https://cdn.test/a.jpg" alt="Stage">'));
    const image = container.querySelector('img');
    expect(image?.getAttribute('src')).toBeNull();
    if (!image) return;
    observer().show(image);
    expect(image.getAttribute('src')).toBe('https://cdn.test/a.jpg');
    expect(image.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(observer().watched.size).toBe(0);
  });

  it('gives way to the quiet placeholder when the image cannot load (offline)', () => {
    const { container, observer } = mount(onScreen('<img src="https://cdn.test/b.jpg" alt="Podium">'));
    const image = container.querySelector('img');
    if (!image) throw new Error('no image');
    observer().show(image);
    image.dispatchEvent(new Event('error'));
    expect(container.querySelector('img')).toBeNull();
    const placeholder = container.querySelector('.media-missing');
    expect(placeholder?.textContent).toBe('Image unavailable');
    expect(placeholder?.getAttribute('aria-label')).toBe('Podium (could not be loaded)');
  });

  it('stops watching when the card goes away', () => {
    const { stop, observer } = mount(onScreen('<img src="https://cdn.test/c.jpg">'));
    stop();
    expect(observer().disconnected).toBe(true);
  });

  it('marks search terms in the kept structure', () => {
    expect(onScreen('<h3>Final vote</h3><ul><li>vote counted</li></ul>', ['vote'])).toBe(
      '<h3>Final <mark>vote</mark></h3><ul><li><mark>vote</mark> counted</li></ul>',
    );
  });
});
