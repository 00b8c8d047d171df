import { deferredSrcAttribute } from './highlight';

/**
 * Inline images of feed HTML load only once they are on screen, never send a referrer, and
 * when one cannot load (offline, a dead link, venue Wi-Fi) it gives way to the same quiet
 * placeholder as a post's thumbnails. The sanitizer parked each address in data-feed-src;
 * until it is on screen there is nothing for the browser to fetch.
 */

export interface ImageLabels {
  /** The short text shown in the placeholder. */
  short: string;
  /** The placeholder's accessible name, from the image's alt text when it has one. */
  unavailable: (alt: string) => string;
}

type ObserverFactory = (
  callback: IntersectionObserverCallback,
) => Pick<IntersectionObserver, 'observe' | 'unobserve' | 'disconnect'>;

const browserObserver: ObserverFactory = (callback) => new IntersectionObserver(callback, { rootMargin: '0px' });

function placeholderFor(image: HTMLImageElement, labels: ImageLabels): HTMLSpanElement {
  const placeholder = image.ownerDocument.createElement('span');
  placeholder.className = 'media-missing inline-media-missing';
  placeholder.setAttribute('role', 'img');
  placeholder.setAttribute('aria-label', labels.unavailable(image.alt));
  placeholder.textContent = labels.short;
  return placeholder;
}

/** Watches the images under `container`; returns the cleanup that stops watching. */
export function deferFeedImages(
  container: HTMLElement,
  labels: ImageLabels,
  createObserver: ObserverFactory = browserObserver,
): () => void {
  const images = [...container.querySelectorAll<HTMLImageElement>(`img[${deferredSrcAttribute}]`)];
  if (images.length === 0) return () => undefined;
  const observer = createObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const image = entry.target as HTMLImageElement;
      observer.unobserve(image);
      const src = image.getAttribute(deferredSrcAttribute);
      image.removeAttribute(deferredSrcAttribute);
      if (src === null) continue;
      image.addEventListener('error', () => image.replaceWith(placeholderFor(image, labels)), { once: true });
      image.src = src;
    }
  });
  for (const image of images) observer.observe(image);
  return () => observer.disconnect();
}
