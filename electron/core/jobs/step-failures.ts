import { CANCELABLE_STATES, isTerminal, type GenerationState, type Wait } from '../../../shared/generation.ts';
import { isAppError } from '../../../shared/errors.ts';
import { asLocalWriteError, isLocalWriteError } from '../fs/local-write-error.ts';
import type { RetryListener } from '../runware/runware-client.ts';
import { isRunwareError, type RunwareError } from '../runware/runware-error.ts';
import type { EngineCore } from './engine-core.ts';
import type { JobHandle } from './job-handle.ts';
import { bytesStillNeeded, projectFolder } from './space-needed.ts';
import { errorInfo } from './steps.ts';
import { mayFail, type Verdict } from './transitions.ts';

/** Runware refused the account: only the person can fix these. */
const BLOCKING = new Set(['auth', 'credits']);

/**
 * Tries of a step (or polls in a row) that met an error code this app does not know,
 * before it is shown with its raw code: it may pass, but it is not retried forever.
 */
export const UNKNOWN_CODE_TRIES = 3;

function isUnknownCode(error: unknown): error is RunwareError {
  return isRunwareError(error) && error.category === 'unknown';
}

function isAbort(error: unknown): boolean {
  return (error instanceof Error && error.name === 'AbortError') || (isRunwareError(error) && error.category === 'canceled');
}

/**
 * What a failed step means for its generation: canceled, failed (only by Runware once it
 * may hold the task, rule 7), stopped where it is (a full disk, a fault of this app),
 * waiting on the person (key, credit), or retried later. Retries in progress are shown.
 */
export class StepFailures {
  readonly #core: EngineCore;

  constructor(core: EngineCore) {
    this.#core = core;
  }

  /** Never throws: when deciding needs a write that fails too (a full disk), the generation still stops resumable. */
  async onStepError(job: JobHandle, error: unknown): Promise<void> {
    // Stopping (app quit, Ctrl+C) aborts work in flight; the journal keeps it resumable.
    if (this.#core.stopped) return;
    job.retrying = null;
    try {
      await this.#decide(job, error);
    } catch (secondary) {
      await this.hold(job, secondary);
    }
  }

  /**
   * Stops a generation where it is, in memory only (the disk may refuse every write): it is
   * not retried until the person resumes the queue, and its record stays resumable.
   */
  async hold(job: JobHandle, error: unknown): Promise<void> {
    const local = isLocalWriteError(error)
      ? error
      : await asLocalWriteError(error, projectFolder(job.project, bytesStillNeeded(job.record))).catch(() => null);
    if (!local) this.#core.o.logger?.error('generation stopped by an internal error', { id: job.record.id, error });
    const reason = local
      ? { code: String(local.code), message: local.message }
      : {
          code: 'internal',
          message: isAppError(error)
            ? `${error.message} Fix that, then Resume.`
            : 'Something went wrong inside Avatar Studio (the log file has the details). The generation stopped where it was; Resume to carry on.',
        };
    job.retrying = null;
    job.stalled = reason;
    this.#core.poller.untrack(job);
    this.#core.events.emit('stalled', job.project, job.record, reason);
    this.#core.emitChanged(job);
  }

  /** Shows the client's own retries on the generations they are for, and the connection as lost at the first failed try. */
  retryListener(jobs: readonly JobHandle[], what: 'busy' | 'upload' | 'download'): RetryListener {
    return ({ attempt, delayMs, error }) => {
      if (error.category === 'network' || error.category === 'timeout') this.#core.setOnline(false);
      const at = this.#core.o.now().getTime() + delayMs;
      for (const job of jobs) {
        job.retrying = {
          kind: 'retrying',
          code: String(error.code),
          message: error.message,
          what: error.category === 'network' ? 'offline' : what,
          retryAt: new Date(at).toISOString(),
          attempt: attempt + 2,
          attempts: this.#core.o.runware.maxAttempts,
        };
        this.#core.emitChanged(job);
      }
    };
  }

  /** A step or poll went through: whatever it was retrying is over. */
  recovered(job: JobHandle): void {
    this.#core.setOnline(true);
    if (!job.retrying) return;
    job.retrying = null;
    this.#core.emitChanged(job);
  }

  /** The poll request failed after the client's own tries: every task it was for waits, retries or stops. */
  onPollError(error: unknown, failures: number): void {
    const core = this.#core;
    const runwareError = isRunwareError(error) ? error : null;
    core.o.logger?.warn('poll failed', { failures, code: runwareError?.code });
    if (runwareError && (runwareError.category === 'network' || runwareError.category === 'timeout')) core.setOnline(false);
    const info = errorInfo(error, core.o.now());
    const blocking = runwareError !== null && BLOCKING.has(runwareError.category);
    if (blocking) core.paused = true;
    const stop = blocking || failures >= core.o.maxStepFailures || (isUnknownCode(error) && failures >= UNKNOWN_CODE_TRIES);
    for (const job of core.jobs.values()) {
      if (job.record.state !== 'processing' || job.blocked || job.stalled) continue;
      if (!stop) {
        // The poller tries again after a pause; the row says so instead of looking stuck.
        job.retrying = {
          kind: 'retrying',
          code: info.code,
          message: info.message,
          what: runwareError?.category === 'network' ? 'offline' : 'busy',
          attempt: failures + 1,
        };
        core.emitChanged(job);
        continue;
      }
      // The tasks keep running at Runware; polling resumes when the person resumes the queue.
      core.poller.untrack(job);
      job.retrying = null;
      const reason = { code: info.code, message: info.message };
      if (blocking && runwareError) job.blocked = { ...reason, category: runwareError.category };
      else job.stalled = reason;
      core.events.emit(blocking ? 'blocked' : 'stalled', job.project, job.record, reason);
      core.emitChanged(job);
    }
    core.emitQueue();
  }

  async #decide(job: JobHandle, error: unknown): Promise<void> {
    const now = this.#core.o.now();
    if (isAbort(error) && job.record.state !== 'submitting') {
      await job.move('canceled', {}, { onlyFrom: CANCELABLE_STATES });
      if (job.record.state === 'canceled') this.forget(job);
      return;
    }
    const local = await asLocalWriteError(error, projectFolder(job.project, bytesStillNeeded(job.record)));
    if (local) return this.hold(job, local);
    if (isRunwareError(error) && BLOCKING.has(error.category)) return this.#refused(job, error);
    if (isRunwareError(error) && error.retryable) return this.#retryLater(job, error, now);
    if (isUnknownCode(error) && job.failures + 1 < UNKNOWN_CODE_TRIES) return this.#retryLater(job, error, now);
    const verdict: Verdict = isRunwareError(error) ? 'runware' : 'local';
    // Runware may hold the task: only Runware can end it, so a local failure stops it resumable.
    if (!mayFail(job.record, verdict)) return this.hold(job, error);
    if (!isRunwareError(error)) this.#core.o.logger?.error('generation step failed', { id: job.record.id, error });
    // Before acceptance nothing was billed; from processing on, the takes that exist are kept.
    const info = errorInfo(error, now);
    if (!isTerminal(job.record.state)) await job.fail(verdict, { error: info, finishedAt: now.toISOString() });
    this.forget(job);
  }

  /** A finished job stays listed for the session's counts; it no longer runs or polls. */
  forget(job: JobHandle): void {
    this.#core.poller.untrack(job);
    this.#core.emitChanged(job);
  }

  /** Runware refused the account (key, credit): the person must act, so the queue pauses. */
  async #refused(job: JobHandle, error: RunwareError): Promise<void> {
    this.#core.paused = true;
    this.#core.o.logger?.warn('queue paused: Runware refused the account', { code: error.code });
    // Refused, so not accepted: it waits in the queue (same taskUUID, inputs kept) until the
    // person fixes the account and resumes; it costs nothing meanwhile. [UNK] whether Runware
    // keeps a refused taskUUID: if it does, the resend's duplicate answer is read as accepted
    // and the poll settles it, so this can never bill twice.
    await job.move('queued', {}, { note: `refused by Runware: ${error.category}`, onlyFrom: SUBMITTING });
    job.blocked = { code: String(error.code), message: error.message, category: error.category };
    this.#core.events.emit('blocked', job.project, job.record, job.blocked);
    this.#core.emitChanged(job);
  }

  /** A transient failure after the client's own tries: the step runs again later, with backoff. */
  #retryLater(job: JobHandle, error: RunwareError, now: Date): void {
    const { o } = this.#core;
    job.failures += 1;
    if (error.category === 'network' || error.category === 'timeout') this.#core.setOnline(false);
    const info = errorInfo(error, now);
    if (job.failures >= o.maxStepFailures) {
      job.stalled = { code: info.code, message: info.message };
      this.#core.events.emit('stalled', job.project, job.record, job.stalled);
      return;
    }
    job.retryAt = now.getTime() + Math.min(o.retryMaxMs, o.retryBaseMs * 2 ** (job.failures - 1));
    job.retrying = {
      kind: 'retrying',
      code: info.code,
      message: info.message,
      what: retryWhat(job.record.state, error),
      retryAt: new Date(job.retryAt).toISOString(),
      attempt: job.failures + 1,
      ...(Number.isFinite(o.maxStepFailures) ? { attempts: o.maxStepFailures } : {}),
    };
  }
}

const SUBMITTING: ReadonlySet<GenerationState> = new Set(['submitting']);

/** What a step was doing when it failed, in the words of its retry line. */
function retryWhat(state: GenerationState, error: RunwareError): NonNullable<Wait['what']> {
  if (error.category === 'network') return 'offline';
  if (state === 'uploading' || state === 'preparing') return 'upload';
  if (state === 'downloading') return 'download';
  return 'busy';
}
