import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { Redactor } from './redactor.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
  child(scope: string): Logger;
  flush(): Promise<void>;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
  redactor: Redactor;
  /** Append log lines to this file (created with its folder). */
  file?: string;
  /** Also echo to stderr (development). */
  echo?: boolean;
  level?: LogLevel;
}

interface Sink {
  write(line: string): void;
  flush(): Promise<void>;
}

function fileSink(file: string): Sink {
  mkdirSync(dirname(file), { recursive: true });
  const stream: WriteStream = createWriteStream(file, { flags: 'a' });
  // A log that cannot be written must never take the app down.
  stream.on('error', () => undefined);
  return {
    write: (line) => void stream.write(line),
    // Writes complete in order, so an empty write's callback means all earlier lines are out.
    flush: () => new Promise((resolve) => stream.write('', () => resolve())),
  };
}

/** Serialises meta without throwing on cycles or exotic values. */
function describe(meta: Record<string, unknown> | undefined): string {
  if (!meta || Object.keys(meta).length === 0) return '';
  const seen = new WeakSet<object>();
  try {
    return (
      ' ' +
      JSON.stringify(meta, (_key, value: unknown) => {
        if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
        if (typeof value === 'bigint') return value.toString();
        if (value && typeof value === 'object') {
          if (seen.has(value)) return '[cycle]';
          seen.add(value);
        }
        return value;
      })
    );
  } catch {
    return ' [unserialisable meta]';
  }
}

export function createLogger(options: LoggerOptions): Logger {
  const sinks: Sink[] = [];
  if (options.file) sinks.push(fileSink(options.file));
  if (options.echo) sinks.push({ write: (line) => void process.stderr.write(line), flush: async () => {} });
  const threshold = ORDER[options.level ?? 'info'];

  const make = (scope: string): Logger => {
    const log = (level: LogLevel, message: string, meta?: Record<string, unknown>): void => {
      if (ORDER[level] < threshold) return;
      const line = options.redactor.redact(
        `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${scope}] ${message}${describe(meta)}\n`,
      );
      for (const sink of sinks) sink.write(line);
    };
    return {
      debug: (m, meta) => log('debug', m, meta),
      info: (m, meta) => log('info', m, meta),
      warn: (m, meta) => log('warn', m, meta),
      error: (m, meta) => log('error', m, meta),
      child: (sub) => make(`${scope}/${sub}`),
      flush: async () => {
        await Promise.all(sinks.map((s) => s.flush()));
      },
    };
  };
  return make('studio');
}
