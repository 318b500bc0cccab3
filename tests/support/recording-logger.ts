import type { Logger } from '../../electron/core/logging/logger.ts';

/** A Logger that keeps its lines in memory, for assertions. */
export function recordingLogger(lines: string[] = []): Logger & { lines: string[] } {
  const make = (scope: string): Logger => {
    const log =
      (level: string) =>
      (message: string, meta?: Record<string, unknown>): void => {
        lines.push(`${level} [${scope}] ${message} ${meta ? JSON.stringify(meta) : ''}`);
      };
    return {
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      child: (sub) => make(`${scope}/${sub}`),
      flush: async () => {},
    };
  };
  return Object.assign(make('test'), { lines });
}
