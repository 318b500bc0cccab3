import { AppError } from '../../../shared/errors.ts';
import { audioSecondsOf, type Take } from '../../../shared/generation.ts';
import { outcomeOf, progressOf, type TaskPoll } from '../runware/poll-result.ts';
import type { TaskDetails } from '../runware/task-details.ts';
import { reportedTaskCost } from '../../../shared/spend.ts';
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
    settleTransient(job, poll);
    const fresh = freshTakes(job, poll);
    const outcome = outcomeOf(poll, expected);
    const progress = progressOf(poll, expected);
    if (fresh.length > 0 || (progress !== null && progress !== job.record.progress && outcome === 'running')) {
      await job.patch((r) => {
        const takes = [...r.takes, ...fresh.map((t, i) => ({ ...t, index: r.takes.length + i + 1 }))];
        const cost = reportedTaskCost(takes, r.estimateUSD, r.params.numberResults);
        return {
          takes,
          ...(cost ? { costUSD: cost.costUSD, costReported: cost.basis } : {}),
          ...(progress !== null ? { progress } : {}),
        };
      });
    }
    core.emitProgress(job, outcome === 'running' ? progress : 100);
    if (outcome === 'running') {
      this.#showTransient(job, poll);
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

  /** A retryable error Runware reported for the task: the row says it is asking again, not stuck. */
  #showTransient(job: JobHandle, poll: TaskPoll): void {
    const error = poll.transient;
    if (!error && job.retrying?.code !== TRANSIENT_MARK) return;
    job.retrying = error
      ? {
          kind: 'retrying',
          code: TRANSIENT_MARK,
          message: `Runware is busy (${String(error.code)}) but still has the task; Avatar Studio keeps asking for the result.`,
          what: 'busy',
          attempt: job.transientPolls + 1,
        }
      : null;
    this.#core.emitChanged(job);
  }

  /**
   * Runware says nothing about a task it accepted. Right after acceptance that can be
   * lag; later, getTaskDetails is asked: it may hold the result getResponse no longer
   * has. Only when it does not know the task either is it resent, once, with the SAME
   * taskUUID (a duplicate answer means it was accepted); when it cannot be asked, nothing
   * is resent (that would rest on `conflictTaskUUID` alone to avoid a double charge).
   */
  async #onUnknownTask(job: JobHandle): Promise<void> {
    const core = this.#core;
    job.unknownPolls += 1;
    const since = core.o.now().getTime() - Date.parse(job.record.acceptedAt ?? job.record.updatedAt);
    if (job.unknownPolls < 3 || since < Math.min(core.throughput.expectedMs(audioSecondsOf(job.record)), 60_000)) return;
    job.unknownPolls = 0;
    job.detailChecks += 1;
    const details = await core.o.runware.taskDetails(job.record.taskUUID as string).catch((error: unknown) => {
      core.o.logger?.warn('getTaskDetails could not be asked', { id: job.record.id, error });
      return null;
    });
    if (details?.known && job.detailChecks <= MAX_DETAIL_CHECKS) {
      await this.onPoll(job, details.poll);
      return;
    }
    if (details && !details.known && !job.resubmitted) {
      job.resubmitted = true;
      core.o.logger?.info('resending a task Runware does not know, with the same taskUUID', { id: job.record.id });
      await submitStep(core.ctx, job).catch((error: unknown) => core.o.logger?.warn('resubmit of an unknown task failed', { error }));
      return;
    }
    if (job.detailChecks < MAX_DETAIL_CHECKS && !(details && !details.known)) return;
    core.poller.untrack(job);
    await job.fail('runware', { error: errorInfo(lostTask(details), core.o.now()), finishedAt: core.o.now().toISOString() });
    this.#failures.forget(job);
  }
}

/** Times getTaskDetails is asked about one task before the app stops waiting for it. */
const MAX_DETAIL_CHECKS = 5;
/** Answers in a row with an error code this app does not know before the task counts as failed. */
const UNKNOWN_CODE_POLLS = 5;
const TRANSIENT_MARK = 'runware_busy';

/**
 * A retryable task error (rate limit, busy provider) means "ask again later", for as long as
 * Runware keeps working; a code this app does not know is asked about again a few times,
 * then ends the task with its raw code shown.
 */
function settleTransient(job: JobHandle, poll: TaskPoll): void {
  const error = poll.transient;
  if (!error) {
    job.transientPolls = 0;
    return;
  }
  job.transientPolls += 1;
  if (error.category === 'unknown' && job.transientPolls >= UNKNOWN_CODE_POLLS) {
    poll.generations.push({ status: 'error', error });
    delete poll.transient;
  }
}

function lostTask(details: TaskDetails | null): AppError {
  if (details === null) {
    return new AppError(
      'task_unconfirmed',
      'Runware no longer reports this task and could not say whether it ran, so it was not sent again (that could charge twice). Check your usage at my.runware.ai before generating it again.',
    );
  }
  if (details.known) {
    return new AppError(
      'task_result_gone',
      'Runware has this task but no longer gives its result. Check your usage at my.runware.ai; if it was charged without a video, contact Runware support.',
    );
  }
  return new AppError(
    'task_lost',
    'Runware no longer knows this task, so its result cannot be fetched. Nothing more will be charged for it; generate it again.',
  );
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
      ...(generation.nsfw ? { nsfw: true } : {}),
    });
  }
  return fresh;
}
