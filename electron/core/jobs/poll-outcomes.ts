import { AppError } from '../../../shared/errors.ts';
import { audioSecondsOf, type Take } from '../../../shared/generation.ts';
import { outcomeOf, progressOf, type TaskPoll } from '../runware/poll-result.ts';
import type { EngineCore } from './engine-core.ts';
import type { JobHandle } from './job-handle.ts';
import type { StepFailures } from './step-failures.ts';
import { errorInfo, submitStep } from './steps.ts';

/**
 * What Runware's answers about a task mean for its generation: progress, each finished
 * take recorded at once (its URL expires), the end (downloading, or failed by Runware),
 * and a task Runware no longer knows.
 */
export class PollOutcomes {
  readonly #core: EngineCore;
  readonly #failures: StepFailures;

  constructor(core: EngineCore, failures: StepFailures) {
    this.#core = core;
    this.#failures = failures;
  }

  /** Starts polling a task Runware accepted, at the cadence its expected finish calls for. */
  trackPoll(job: JobHandle): void {
    const acceptedAt = Date.parse(job.record.acceptedAt ?? job.record.submittedAt ?? job.record.updatedAt);
    this.#core.poller.track({ job, acceptedAt, expectedMs: this.#core.throughput.expectedMs(audioSecondsOf(job.record)) });
  }

  async onPoll(job: JobHandle, poll: TaskPoll): Promise<void> {
    const core = this.#core;
    this.#failures.recovered(job);
    if (job.record.state !== 'processing') return;
    const expected = job.record.params.numberResults;
    if (!poll.known) {
      await this.#onUnknownTask(job);
      return;
    }
    job.unknownPolls = 0;
    const fresh = freshTakes(job, poll);
    const outcome = outcomeOf(poll, expected);
    const progress = progressOf(poll, expected);
    if (fresh.length > 0 || (progress !== null && progress !== job.record.progress && outcome === 'running')) {
      await job.patch((r) => {
        const takes = [...r.takes, ...fresh.map((t, i) => ({ ...t, index: r.takes.length + i + 1 }))];
        const cost = takes.reduce<number | undefined>((sum, t) => (t.costUSD === undefined ? sum : (sum ?? 0) + t.costUSD), undefined);
        return {
          takes,
          ...(cost !== undefined ? { costUSD: Math.round(cost * 10_000) / 10_000 } : {}),
          ...(progress !== null ? { progress } : {}),
        };
      });
    }
    core.emitProgress(job, outcome === 'running' ? progress : 100);
    if (outcome === 'running') {
      if (fresh.length > 0) core.parts.pump();
      return;
    }
    core.poller.untrack(job);
    const acceptedAt = Date.parse(job.record.acceptedAt ?? '');
    if (outcome !== 'failed' && Number.isFinite(acceptedAt))
      await core.throughput.observe(audioSecondsOf(job.record), core.o.now().getTime() - acceptedAt);
    const failure = poll.generations.find((g) => g.status === 'error');
    if (outcome === 'failed') {
      const info = errorInfo(
        failure?.status === 'error' ? failure.error : new AppError('task_failed', 'Runware reported the task failed.'),
        core.o.now(),
      );
      await job.fail('runware', { error: info, finishedAt: core.o.now().toISOString(), progress: undefined });
      this.#failures.forget(job);
      return;
    }
    await job.move('downloading', {
      progress: 100,
      ...(failure?.status === 'error' ? { error: errorInfo(failure.error, core.o.now()) } : {}),
    });
    core.parts.pump();
  }

  /** Done when no take is left to fetch: done with any take on disk, else failed by Runware. */
  async finishIfComplete(job: JobHandle): Promise<void> {
    const record = job.record;
    if (record.state !== 'downloading') return;
    if (record.takes.some((t) => t.state === 'pending' || t.state === 'downloading')) return;
    const now = this.#core.o.now().toISOString();
    // Every take failed for a reason of Runware's (a link that expired, a video that does not
    // decode); failures of this computer stopped the download before it got here.
    if (record.takes.some((t) => t.state === 'done')) await job.move('done', { finishedAt: now });
    else await job.fail('runware', (r) => ({ finishedAt: now, error: r.takes.find((t) => t.error)?.error ?? r.error }));
    this.#failures.forget(job);
  }

  /**
   * Runware says nothing about a task it accepted. Right after acceptance that can
   * be lag; much later it means the task was never registered (resend with the SAME
   * taskUUID: a duplicate answer means it was accepted) or its results expired.
   */
  async #onUnknownTask(job: JobHandle): Promise<void> {
    const core = this.#core;
    job.unknownPolls += 1;
    const since = core.o.now().getTime() - Date.parse(job.record.acceptedAt ?? job.record.updatedAt);
    if (job.unknownPolls < 3 || since < Math.min(core.throughput.expectedMs(audioSecondsOf(job.record)), 60_000)) return;
    if (!job.resubmitted) {
      job.resubmitted = true;
      job.unknownPolls = 0;
      await submitStep(core.ctx, job).catch((error: unknown) => core.o.logger?.warn('resubmit of an unknown task failed', { error }));
      return;
    }
    if (job.unknownPolls < 6) return;
    core.poller.untrack(job);
    const lost = new AppError(
      'task_lost',
      'Runware no longer knows this task, so its result cannot be fetched. Nothing more will be charged for it; generate it again.',
    );
    await job.fail('runware', { error: errorInfo(lost, core.o.now()), finishedAt: core.o.now().toISOString() });
    this.#failures.forget(job);
  }
}

/** Takes the poll reports finished that the record does not have yet. */
function freshTakes(job: JobHandle, poll: TaskPoll): Take[] {
  const known = new Set(job.record.takes.map((t) => t.videoUUID));
  const fresh: Take[] = [];
  for (const generation of poll.generations) {
    if (generation.status !== 'success' || known.has(generation.videoUUID)) continue;
    fresh.push({
      index: job.record.takes.length + fresh.length + 1,
      videoUUID: generation.videoUUID,
      remoteURL: generation.videoURL,
      state: 'pending',
      ...(generation.cost !== undefined ? { costUSD: generation.cost } : {}),
      ...(generation.seed !== undefined ? { seed: generation.seed } : {}),
    });
  }
  return fresh;
}
