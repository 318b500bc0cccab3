import { isRunwareError } from '../core/runware/runware-error.ts';

/** What a command gets from the process it runs in, and what it answers with. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** stderr is a terminal: draw a live progress bar. */
  isTTY?: boolean;
  /** Resolves when the user interrupts (Ctrl+C / SIGTERM). */
  interrupted?: Promise<void>;
  /** `--demo`: the built-in stand-in answers instead of Runware, at $0, in the demo's own folder. */
  demo?: boolean;
}

export const EXIT = {
  ok: 0,
  /** The generation failed at Runware or after (the message says why). */
  failed: 1,
  /** Invalid input or usage, or a full disk before anything billable was sent: nothing was sent. */
  usage: 2,
  refused: 3,
  gaveUp: 4,
  interrupted: 130,
} as const;

/**
 * Exit code for a request Runware refused or could not answer: 3 when it refused (key,
 * balance, validation), 4 when trying again later may work. Anything else is rethrown.
 */
export function runwareExit(error: unknown, io: CliIo): number {
  if (!isRunwareError(error)) throw error;
  io.stderr(`${error.message}\n`);
  return error.retryable ? EXIT.gaveUp : EXIT.refused;
}
