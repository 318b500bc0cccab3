/** Tunables of the poll schedule (tests shrink them; the defaults suit Aurora). */
export interface CadencePolicy {
  /** Wait before the first poll of a new task: nothing finishes sooner. */
  firstPollMs: number;
  /** Interval near the expected finish and after it. */
  nearMs: number;
  /** Longest interval while a task is far from done. */
  farMaxMs: number;
  /** After this long overdue, polls slow down to `overdueMaxMs`. */
  overdueSlowAfterMs: number;
  overdueMaxMs: number;
  /** Longest wait after failed polls (exponential from `nearMs`). */
  errorMaxMs: number;
}

export const DEFAULT_CADENCE: CadencePolicy = {
  firstPollMs: 2_000,
  nearMs: 1_500,
  farMaxMs: 30_000,
  overdueSlowAfterMs: 120_000,
  overdueMaxMs: 8_000,
  errorMaxMs: 60_000,
};

export interface TaskTiming {
  acceptedAt: number;
  expectedMs: number;
  lastPolledAt?: number;
}

/**
 * When a task next deserves a poll. Far from its expected finish it waits a third
 * of the remaining time (capped); within a few seconds of it, and once overdue, it
 * is polled every `nearMs`, so a finished take is noticed within about that long.
 */
export function nextPollAt(task: TaskTiming, now: number, policy: CadencePolicy): number {
  const due = task.acceptedAt + task.expectedMs;
  if (task.lastPolledAt === undefined) return Math.max(task.acceptedAt + Math.min(policy.firstPollMs, task.expectedMs / 2), now);
  const remaining = due - now;
  let interval: number;
  if (remaining > policy.nearMs * 4) interval = Math.min(policy.farMaxMs, remaining / 3);
  else if (remaining > -policy.overdueSlowAfterMs) interval = policy.nearMs;
  else interval = policy.overdueMaxMs;
  return Math.max(task.lastPolledAt + interval, now);
}

/** The delay before the next poll request, which asks about every active task at once. */
export function nextPollDelayMs(tasks: readonly TaskTiming[], now: number, policy: CadencePolicy, failuresInRow: number): number {
  if (tasks.length === 0) return Number.POSITIVE_INFINITY;
  const soonest = Math.min(...tasks.map((t) => nextPollAt(t, now, policy)));
  const delay = Math.max(0, soonest - now);
  if (failuresInRow === 0) return delay;
  return Math.max(delay, Math.min(policy.errorMaxMs, policy.nearMs * 2 ** failuresInRow));
}
