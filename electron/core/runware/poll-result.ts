import type { RunwareError } from './runware-error.ts';

/** One generation (one take) of a task, as `getResponse` reports it. */
export type Generation =
  | { status: 'processing'; progress?: number }
  | {
      status: 'success';
      videoUUID: string;
      videoURL: string;
      cost?: number;
      seed?: number;
      nsfw?: boolean;
    }
  | { status: 'error'; error: RunwareError };

export interface TaskPoll {
  taskUUID: string;
  /**
   * False when Runware said nothing about the task (`data: []`) or called it not
   * found/expired. Not proof the task never existed: the caller decides (resubmit
   * with the same taskUUID is safe, `conflictTaskUUID` means it was accepted).
   */
  known: boolean;
  generations: Generation[];
  /**
   * Runware named the task with an error that passes by asking again (a rate limit, a
   * busy provider, a code this app does not know): the task is not over.
   */
  transient?: RunwareError;
}

export type TaskOutcome = 'running' | 'succeeded' | 'failed' | 'partial';

/**
 * Where a task stands for `expected` takes: running until every take has
 * succeeded or failed; `partial` when some takes succeeded and the rest failed
 * (the successes are still paid for and must be kept).
 */
export function outcomeOf(poll: TaskPoll, expected: number): TaskOutcome {
  const successes = poll.generations.filter((g) => g.status === 'success').length;
  const failures = poll.generations.filter((g) => g.status === 'error').length;
  if (successes >= expected) return 'succeeded';
  if (successes + failures < expected && poll.generations.some((g) => g.status === 'processing')) return 'running';
  if (failures > 0 && successes + failures >= Math.min(expected, poll.generations.length)) {
    return successes > 0 ? 'partial' : 'failed';
  }
  return 'running';
}

/** Overall progress 0–100 when Runware reports it, else null. */
export function progressOf(poll: TaskPoll, expected: number): number | null {
  const values = poll.generations.map((g) => (g.status === 'success' ? 100 : g.status === 'processing' ? g.progress : undefined));
  if (values.every((v) => v === undefined)) return null;
  const total = values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  return Math.min(100, Math.round(total / Math.max(expected, values.length)));
}
