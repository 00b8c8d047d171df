import type { z } from 'zod';

/**
 * A streamed frame read as JSON and checked against its schema; null when it is not JSON
 * or not that shape. Streams drop such frames: one garbled message must not end a stream.
 */
export function parseJsonFrame<S extends z.ZodType>(schema: S, text: string): z.infer<S> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
