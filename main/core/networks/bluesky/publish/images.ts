import type { AppBskyEmbedImages } from '@atproto/api';
import sharp from 'sharp';
import { publishProblem, type PublishProblem } from '../../../../../shared/publishing/publish-problem';
import type { PublishImage } from '../../publishing/publisher';
import type { NotPublished } from './outcomes';
import type { Attempt, SessionKeeper } from './session-keeper';

/** A post image blob may be at most this many bytes (app.bsky.embed.images). */
export const BLUESKY_MAX_IMAGE_BYTES = 1_000_000;

export interface PreparedImage {
  bytes: Buffer;
  mimeType: string;
  width: number;
  height: number;
}

/** Ever smaller JPEGs, tried in order until one fits: the long side first, then the quality. */
const steps: [longSide: number, quality: number][] = [
  [2000, 85],
  [2000, 75],
  [1600, 75],
  [1200, 70],
  [1000, 65],
  [800, 60],
  [600, 55],
];

/**
 * The image as it is uploaded: turned upright (EXIF orientation) and stripped of its
 * metadata (a photo's GPS position has no place on a public post), kept as it is when it
 * fits, else downscaled as JPEG keeping its aspect ratio until it fits, else refused.
 */
export async function prepareImage(image: PublishImage, maxBytes: number): Promise<PreparedImage | PublishProblem> {
  let format: string | undefined;
  try {
    format = (await sharp(image.bytes).metadata()).format;
  } catch {
    return publishProblem('imageUnreadable', { fileName: image.fileName });
  }
  const upright = () => sharp(image.bytes).rotate();
  const kept = format === 'jpeg' || format === 'webp' ? format : 'png';
  const asIs = await upright().toFormat(kept).toBuffer({
    resolveWithObject: true,
  });
  if (asIs.data.length <= maxBytes) {
    return {
      bytes: asIs.data,
      mimeType: `image/${asIs.info.format}`,
      width: asIs.info.width,
      height: asIs.info.height,
    };
  }
  for (const [longSide, quality] of steps) {
    const smaller = await upright()
      .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    if (smaller.data.length <= maxBytes) {
      return { bytes: smaller.data, mimeType: 'image/jpeg', width: smaller.info.width, height: smaller.info.height };
    }
  }
  return publishProblem('imageTooHeavy', { fileName: image.fileName, maxBytes });
}

/** Each image prepared and uploaded as a blob, in order, as the post's images embed. */
export async function uploadImages(
  images: PublishImage[],
  keeper: SessionKeeper,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Attempt<AppBskyEmbedImages.Image[]>> {
  const embedded: AppBskyEmbedImages.Image[] = [];
  for (const image of images) {
    const prepared = await prepareImage(image, maxBytes);
    if (!('bytes' in prepared)) {
      const outcome: NotPublished = { kind: 'rejected', status: 0, problem: prepared };
      return { ok: false, outcome };
    }
    const uploaded = await keeper.run({ step: 'uploading', params: { fileName: image.fileName } }, () =>
      keeper.agent.uploadBlob(new Uint8Array(prepared.bytes), { encoding: prepared.mimeType, signal }),
    );
    if (!uploaded.ok) return uploaded;
    embedded.push({
      image: uploaded.value.data.blob,
      alt: image.altText,
      aspectRatio: { width: prepared.width, height: prepared.height },
    });
  }
  return { ok: true, value: embedded };
}
