/** Tunables of the poll schedule (tests shrink them; the defaults suit Aurora). */
export interface CadencePolicy {
  /** Wait before the first poll of a new task (an early look: a refused or failed task shows at once). */
  firstPollMs: number;
  /** Interval once a task is due and not finished. */
  nearMs: number;
  /** Longest interval while a task is far from done. */
  farMaxMs: number;
  /** After this long overdue, polls slow down to `overdueMaxMs`. */
  overdueSlowAfterMs: number;
  overdueMaxMs: number;
  /** Longest wait after failed polls (exponential from `nearMs`). */
  errorMaxMs: number;
  /** The poll meant to see a task finish comes this long after its expected finish. */
  dueMarginMs: number;
  /** Tasks due within this long of one another are asked about in one poll. */
  coalesceMs: number;
  /**
   * When each task costs a request of its own (an endpoint that answers one task per
   * request), tasks expected to take less than this skip the early look.
   */
  earlyCheckMinMs: number;
}

export const DEFAULT_CADENCE: CadencePolicy = {
  firstPollMs: 2_000,
  nearMs: 1_000,
  farMaxMs: 30_000,
  overdueSlowAfterMs: 120_000,
  overdueMaxMs: 8_000,
  errorMaxMs: 60_000,
  dueMarginMs: 150,
  coalesceMs: 400,
  earlyCheckMinMs: 30_000,
};

export interface TaskTiming {
  acceptedAt: number;
  expectedMs: number;
  lastPolledAt?: number;
}

export interface CadenceMode {
  /** Every task costs a request (no batched polls): skip looks that are not needed. */
  solo?: boolean;
}

/**
 * When a task next deserves a poll. An early look shortly after acceptance; then, far
 * from its expected finish, at most every `farMaxMs`; the next one lands just after the
 * expected finish (so a take is seen within about `dueMarginMs`); a task running late is
 * polled every `nearMs`, and more slowly once it is very late.
 */
export function nextPollAt(task: TaskTiming, now: number, policy: CadencePolicy, mode: CadenceMode = {}): number {
  const due = task.acceptedAt + task.expectedMs + policy.dueMarginMs;
  if (task.lastPolledAt === undefined) {
    if (mode.solo && task.expectedMs < policy.earlyCheckMinMs) return Math.max(due, now);
    return Math.max(task.acceptedAt + Math.min(policy.firstPollMs, task.expectedMs / 2), now);
  }
  const last = task.lastPolledAt;
  let next: number;
  if (last < due) next = Math.min(due, last + policy.farMaxMs);
  else if (last - due < policy.overdueSlowAfterMs) next = last + policy.nearMs;
  else next = last + policy.overdueMaxMs;
  return Math.max(next, now);
}

/**
 * When the next poll request should go out: at the soonest task's time, held back a
 * little so tasks due right after it are asked in the same request.
 */
export function nextPollTime(tasks: readonly TaskTiming[], now: number, policy: CadencePolicy, mode: CadenceMode = {}): number {
  if (tasks.length === 0) return Number.POSITIVE_INFINITY;
  const times = tasks.map((t) => nextPollAt(t, now, policy, mode));
  const soonest = Math.min(...times);
  return Math.max(...times.filter((t) => t - soonest <= policy.coalesceMs));
}

/** The delay before the next poll request (which asks about every due task at once), backing off after failures. */
export function nextPollDelayMs(
  tasks: readonly TaskTiming[],
  now: number,
  policy: CadencePolicy,
  failuresInRow: number,
  mode: CadenceMode = {},
): number {
  if (tasks.length === 0) return Number.POSITIVE_INFINITY;
  const delay = Math.max(0, nextPollTime(tasks, now, policy, mode) - now);
  if (failuresInRow === 0) return delay;
  return Math.max(delay, Math.min(policy.errorMaxMs, policy.nearMs * 2 ** failuresInRow));
}
