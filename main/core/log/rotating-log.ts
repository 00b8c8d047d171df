import { createWriteStream, existsSync, mkdirSync, renameSync, statSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  readonly file: string;
  log(level: LogLevel, message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
  close(): Promise<void>;
}

export interface RotatingLogOptions {
  dir: string;
  maxBytes?: number;
  keepFiles?: number;
  /** Also write lines to stderr (serve mode in a terminal). */
  echo?: boolean;
}

/** Errors keep their cause chain in the log, which is where a person looks for "why". */
function describe(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack, cause: describe(value.cause) };
  }
  return value;
}

/**
 * JSON lines in `<dir>/riposte.log`, rotated by size to riposte.1.log … riposte.N.log.
 * Writes go through a stream so logging never blocks the event loop on disk.
 */
export function createRotatingLog({
  dir,
  maxBytes = 5 * 1024 * 1024,
  keepFiles = 3,
  echo = false,
}: RotatingLogOptions): Logger {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'riposte.log');
  let size = existsSync(file) ? statSync(file).size : 0;
  let stream: WriteStream = createWriteStream(file, { flags: 'a' });

  const rotate = () => {
    stream.end();
    for (let index = keepFiles - 1; index >= 1; index--) {
      const from = index === 1 ? file : join(dir, `riposte.${index - 1}.log`);
      if (existsSync(from)) renameSync(from, join(dir, `riposte.${index}.log`));
    }
    stream = createWriteStream(file, { flags: 'a' });
    size = 0;
  };

  const log = (level: LogLevel, message: string, details: Record<string, unknown> = {}) => {
    const fields = Object.fromEntries(Object.entries(details).map(([key, value]) => [key, describe(value)]));
    const line = `${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`;
    if (size + line.length > maxBytes) rotate();
    stream.write(line);
    size += Buffer.byteLength(line);
    if (echo && level !== 'debug') process.stderr.write(`[${level}] ${message}\n`);
  };

  return {
    file,
    log,
    info: (message, details) => log('info', message, details),
    warn: (message, details) => log('warn', message, details),
    error: (message, details) => log('error', message, details),
    close: () => new Promise((resolve) => stream.end(resolve)),
  };
}
