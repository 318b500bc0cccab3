import { checkProjectBudget } from './budget.ts';
import { ACTIVE, type EngineCore } from './engine-core.ts';
import type { JobHandle } from './job-handle.ts';
import type { PollOutcomes } from './poll-outcomes.ts';
import type { StepFailures } from './step-failures.ts';
import { downloadStep, prepareStep, submitStep, uploadStep } from './steps.ts';

/**
 * What runs when: new work up to the concurrency limit, in queue order, while the queue
 * is not paused; downloads at once (their links expire) up to their own limit; a step
 * that failed transiently again after its backoff. Called after every change.
 */
export class Scheduler {
  readonly #core: EngineCore;
  readonly #failures: StepFailures;
  readonly #outcomes: PollOutcomes;
  #retryTimer: NodeJS.Timeout | null = null;

  constructor(core: EngineCore, failures: StepFailures, outcomes: PollOutcomes) {
    this.#core = core;
    this.#failures = failures;
    this.#outcomes = outcomes;
  }

  pump(): void {
    const core = this.#core;
    if (core.stopped) return;
    const jobs = [...core.jobs.values()];
    const now = core.o.now().getTime();
    const ready = (j: JobHandle) => !j.busy && !j.blocked && !j.stalled && j.retryAt <= now;
    const needsDownload = (j: JobHandle) => j.record.takes.some((t) => (t.state === 'pending' || t.state === 'downloading') && t.remoteURL);
    let downloadSlots = core.o.downloads - jobs.filter((j) => j.busy && ['processing', 'downloading'].includes(j.record.state)).length;

    for (const job of jobs) {
      const state = job.record.state;
      if (state === 'processing' && !core.poller.has(job) && !job.stalled && !job.blocked) this.#outcomes.trackPoll(job);
      if (!ready(job)) continue;
      if ((state === 'processing' || state === 'downloading') && needsDownload(job) && downloadSlots > 0) {
        downloadSlots -= 1;
        this.#run(job, async () => {
          await downloadStep(core.ctx, job);
          await this.#outcomes.finishIfComplete(job);
        });
      } else if (state === 'downloading' && !needsDownload(job)) {
        this.#run(job, () => this.#outcomes.finishIfComplete(job));
      } else if (state === 'submitting') {
        this.#run(job, () => submitStep(core.ctx, job));
      } else if ((state === 'uploading' || state === 'preparing') && !core.paused) {
        // Only after a failure (a transient upload error, a full disk that was freed): the
        // steps resume from the record, which already counts against the concurrency limit.
        this.#run(job, () => this.#sendFrom(state === 'uploading' ? 'uploading' : 'queued', job));
      }
    }
    if (!core.paused) {
      let active = jobs.filter((j) => ACTIVE.has(j.record.state)).length;
      const queued = jobs.filter((j) => j.record.state === 'queued' && ready(j)).sort((a, b) => a.record.queueOrder - b.record.queueOrder);
      for (const job of queued) {
        if (active >= core.o.concurrency) break;
        active += 1;
        this.#run(job, () => this.#sendFrom('queued', job));
      }
    }
    core.emitQueue();
    this.#scheduleRetry();
  }

  stop(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  /** prepare → (budget check) → upload → submit, from wherever the record stands. */
  async #sendFrom(from: 'queued' | 'uploading', job: JobHandle): Promise<void> {
    const { ctx } = this.#core;
    const controller = new AbortController();
    job.abort = controller;
    try {
      if (from === 'queued') {
        await prepareStep(ctx, job, controller.signal);
        // The cap may have been lowered since it was queued: checked again before it can cost anything.
        await checkProjectBudget(job.project, this.#core.budgetCap(), job.record.estimateUSD, { except: job.record.id });
      }
      await uploadStep(ctx, job, controller.signal);
    } finally {
      job.abort = null;
    }
    await submitStep(ctx, job);
  }

  #run(job: JobHandle, work: () => Promise<void>): void {
    job.busy = true;
    void work()
      .then(() => {
        job.failures = 0;
        this.#failures.recovered(job);
      })
      .catch((error: unknown) => this.#failures.onStepError(job, error))
      .catch((error: unknown) => this.#core.o.logger?.error('a failed step could not be handled', { id: job.record.id, error }))
      .finally(() => {
        job.busy = false;
        this.#core.emitChanged(job);
        this.pump();
      });
  }

  #scheduleRetry(): void {
    this.stop();
    const now = this.#core.o.now().getTime();
    const next = Math.min(
      ...[...this.#core.jobs.values()].filter((j) => j.retryAt > now && !j.blocked && !j.stalled).map((j) => j.retryAt),
    );
    if (Number.isFinite(next) && !this.#core.stopped) this.#retryTimer = setTimeout(() => this.pump(), next - now);
  }
}
