import type { TaskPoll } from '../runware/poll-result.ts';
import type { RetryListener, RunwareClient } from '../runware/runware-client.ts';
import type { JobHandle } from './job-handle.ts';
import { nextPollAt, nextPollDelayMs, type CadencePolicy } from './poll-cadence.ts';

export interface PollTarget {
  job: JobHandle;
  acceptedAt: number;
  expectedMs: number;
}

export interface PollerHooks {
  onPoll(job: JobHandle, poll: TaskPoll): Promise<void>;
  /** Handling one task's answer failed (e.g. its record could not be written): that task only. */
  onPollFailed(job: JobHandle, error: unknown): Promise<void>;
  /** The poll request itself failed, after the client's own tries. */
  onError(error: unknown, failuresInRow: number): void;
  /** The client is about to try the poll again. */
  onRetry(jobs: readonly JobHandle[]): RetryListener;
}

/**
 * Polls the tasks Runware is working on at the cadence their expected finish times call
 * for, backing off after failures: every task in ONE getResponse request where the
 * endpoint answers batches (asking about one more costs nothing), else only the tasks
 * that are due, one request each.
 */
export class TaskPoller {
  readonly #targets = new Map<string, PollTarget>();
  readonly #runware: RunwareClient;
  readonly #cadence: CadencePolicy;
  readonly #hooks: PollerHooks;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | null = null;
  #inFlight = false;
  #failures = 0;
  #stopped = false;

  constructor(runware: RunwareClient, cadence: CadencePolicy, hooks: PollerHooks, now: () => number = Date.now) {
    this.#runware = runware;
    this.#cadence = cadence;
    this.#hooks = hooks;
    this.#now = now;
  }

  track(target: PollTarget): void {
    this.#targets.set(target.job.key, target);
    this.#schedule();
  }

  untrack(job: JobHandle): void {
    this.#targets.delete(job.key);
    this.#schedule();
  }

  has(job: JobHandle): boolean {
    return this.#targets.has(job.key);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #schedule(): void {
    if (this.#stopped || this.#inFlight) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const timings = [...this.#targets.values()].map(timingOf);
    const delay = nextPollDelayMs(timings, this.#now(), this.#cadence, this.#failures, { solo: this.#runware.pollsOneTaskPerRequest });
    if (!Number.isFinite(delay)) return;
    this.#timer = setTimeout(() => void this.#tick(), delay);
  }

  async #tick(): Promise<void> {
    this.#timer = null;
    const targets = this.#dueTargets();
    if (targets.length === 0 || this.#stopped) {
      this.#schedule();
      return;
    }
    this.#inFlight = true;
    try {
      const jobs = targets.map((t) => t.job);
      const polls = await this.#runware.poll(
        jobs.map((job) => job.record.taskUUID as string),
        { onRetry: this.#hooks.onRetry(jobs) },
      );
      this.#failures = 0;
      const at = this.#now();
      for (const target of targets) {
        target.job.lastPolledAt = at;
        const poll = polls.get(target.job.record.taskUUID as string);
        if (!poll || !this.#targets.has(target.job.key)) continue;
        // One task's answer that cannot be recorded stops that task, not the poll of the others;
        // and the request having worked does not hide that failure behind a reset count.
        await this.#hooks.onPoll(target.job, poll).catch((error: unknown) => this.#hooks.onPollFailed(target.job, error));
      }
    } catch (error) {
      this.#failures += 1;
      this.#hooks.onError(error, this.#failures);
    } finally {
      this.#inFlight = false;
      this.#schedule();
    }
  }

  /** Every target when one request asks about them all; else only those due now. */
  #dueTargets(): PollTarget[] {
    const all = [...this.#targets.values()];
    if (!this.#runware.pollsOneTaskPerRequest) return all;
    const now = this.#now();
    return all.filter((t) => nextPollAt(timingOf(t), now, this.#cadence, { solo: true }) <= now + 1);
  }
}

function timingOf(target: PollTarget): { acceptedAt: number; expectedMs: number; lastPolledAt?: number } {
  return { acceptedAt: target.acceptedAt, expectedMs: target.expectedMs, lastPolledAt: target.job.lastPolledAt };
}
