import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { said, type SaidProblem } from '../../../shared/sources/health-problem';

export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`Body larger than ${maxBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export class BadEncodingError extends Error {
  readonly why: SaidProblem;
  constructor(why: SaidProblem, options?: { cause?: unknown }) {
    super(why.message, options);
    this.name = 'BadEncodingError';
    this.why = why;
  }
}

function decoderFor(coding: string): Transform | null {
  switch (coding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new BadEncodingError(said('unsupportedCompression', { coding }));
  }
}

/**
 * Reads a response body, undoing Content-Encoding as it streams and stopping the moment the
 * decoded size passes `maxBytes`: a compression bomb is never inflated in memory.
 */
export async function readBody(body: Readable, contentEncoding: string | null, maxBytes: number): Promise<Buffer> {
  const codings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length > 1) throw new BadEncodingError(said('stackedCompression'));
  const coding = codings[0] ?? '';
  const parts: Buffer[] = [];
  let total = 0;
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw new BodyTooLargeError(maxBytes);
      parts.push(chunk);
    }
  };
  let decoder: Transform | null;
  try {
    decoder = decoderFor(coding);
  } catch (error) {
    body.destroy();
    throw error;
  }
  try {
    if (decoder === null) {
      await pipeline(body, collect);
    } else {
      await pipeline(body, decoder, collect);
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError || error instanceof BadEncodingError) throw error;
    if (isZlibError(error)) throw new BadEncodingError(said('brokenCompression'), { cause: error });
    throw error;
  }
  return Buffer.concat(parts, total);
}

function isZlibError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR';
}
