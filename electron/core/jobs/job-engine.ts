import {
  CANCELABLE_STATES,
  isTerminal,
  summarise,
  type GenerationRecord,
  type GenerationState,
  type GenerationSummary,
  type QueueSummary,
  type Take,
  type Wait,
} from '../../../shared/generation.ts';
import { AppError, isAppError } from '../../../shared/errors.ts';
import { asLocalWriteError, isLocalWriteError } from '../fs/local-write-error.ts';
import type { Logger } from '../logging/logger.ts';
import type { Project } from '../projects/project.ts';
import { outcomeOf, progressOf, type TaskPoll } from '../runware/poll-result.ts';
import type { RetryListener, RunwareClient } from '../runware/runware-client.ts';
import { isRunwareError, type RunwareError } from '../runware/runware-error.ts';
import { checkProjectBudget } from './budget.ts';
import { buildGeneration, type GenerationRequest } from './create-generation.ts';
import { JobHandle } from './job-handle.ts';
import { Journal } from './journal.ts';
import type { MediaOps } from './media-ops.ts';
import { DEFAULT_CADENCE, type CadencePolicy } from './poll-cadence.ts';
import { downloadStep, errorInfo, prepareStep, submitStep, uploadStep, type StepContext } from './steps.ts';
import { TaskPoller } from './task-poller.ts';

export type { QueueSummary };
import { removeStalePartials } from './stale-files.ts';
import { bytesStillNeeded, projectFolder } from './space-needed.ts';
import { mayFail, resumeStateAfterCrash, type Verdict } from './transitions.ts';
import { ThroughputModel } from './throughput.ts';

export interface EngineListener {
  changed?(project: Project, record: GenerationRecord): void;
  progress?(project: Project, id: string, progress: number | null, etaSec: number | null): void;
  queue?(summary: QueueSummary): void;
  /** Needs the person: the key was rejected, or the balance is too low. The queue pauses. */
  blocked?(project: Project, record: GenerationRecord, error: { code: string; message: string }): void;
  /**
   * Stopped where it is, resumable: tries used up (maxStepFailures), or a local failure (a full
   * disk, a failed write) that the person must fix first.
   */
  stalled?(project: Project, record: GenerationRecord, error: { code: string; message: string }): void;
}

export interface EngineOptions {
  runware: RunwareClient;
  media: MediaOps;
  throughput?: ThroughputModel;
  budgetCapUSD?: () => number | null;
  /** Remote tasks at once (Runware advises 2–4). */
  concurrency?: number;
  /** Generations downloading at once. */
  downloads?: number;
  cadence?: CadencePolicy;
  /** Transient failures of one step before it is reported stalled (the app keeps retrying). */
  maxStepFailures?: number;
  /** Backoff between retries of a failed step. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  now?: () => Date;
  logger?: Logger;
}

const ACTIVE: ReadonlySet<GenerationState> = new Set(['preparing', 'uploading', 'submitting', 'processing']);
const BLOCKING = new Set(['auth', 'credits']);

function isAbort(error: unknown): boolean {
  return (error instanceof Error && error.name === 'AbortError') || (isRunwareError(error) && error.category === 'canceled');
}

/**
 * Runs generations through the journal's states: a queue with a concurrency limit,
 * pause/resume, reorder and cancel before submission; one poller for every task
 * Runware holds; immediate downloads; startup reconciliation. Every transition is
 * persisted before its side effect, so a crash at any point resumes without paying
 * twice or losing a take.
 */
export class JobEngine {
  readonly #o: Required<Omit<EngineOptions, 'logger' | 'throughput' | 'budgetCapUSD'>> & Pick<EngineOptions, 'logger'>;
  readonly #throughput: ThroughputModel;
  readonly #budgetCap: () => number | null;
  readonly #jobs = new Map<string, JobHandle>();
  readonly #listeners = new Set<EngineListener>();
  readonly #journals = new Map<string, Journal>();
  readonly #poller: TaskPoller;
  readonly #ctx: StepContext;
  #paused = false;
  #online = true;
  #stopped = false;
  #retryTimer: NodeJS.Timeout | null = null;
  #orderSeed = 0;

  constructor(options: EngineOptions) {
    this.#o = {
      concurrency: 2,
      downloads: 3,
      cadence: DEFAULT_CADENCE,
      maxStepFailures: Number.POSITIVE_INFINITY,
      retryBaseMs: 2_000,
      retryMaxMs: 5 * 60_000,
      now: () => new Date(),
      ...options,
    };
    this.#throughput = options.throughput ?? new ThroughputModel();
    this.#budgetCap = options.budgetCapUSD ?? (() => null);
    this.#ctx = {
      runware: options.runware,
      media: options.media,
      now: this.#o.now,
      logger: options.logger,
      retrying: (job, what) => this.#retryListener([job], what),
    };
    this.#poller = new TaskPoller(
      options.runware,
      this.#o.cadence,
      {
        onPoll: (job, poll) => this.#onPoll(job, poll),
        onPollFailed: (job, error) => this.#onStepError(job, error),
        onError: (error, failures) => this.#onPollError(error, failures),
        onRetry: (jobs) => this.#retryListener(jobs, 'busy'),
      },
      () => this.#o.now().getTime(),
    );
  }

  listen(listener: EngineListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ------------------------------------------------------------------ projects

  /**
   * Loads a project's unfinished generations. With `resume`, each one found
   * mid-flight is reconciled and continued (this is `cli resume` and app start).
   */
  async attach(project: Project, options: { resume?: boolean } = {}): Promise<void> {
    await this.#throughput.load();
    if (options.resume === false) return;
    const { generations } = await project.generations.list();
    for (const summary of generations) {
      if (isTerminal(summary.state) || summary.state === 'draft') continue;
      // A split generation runs through its parts; the sequence coordinator follows it.
      if (summary.kind === 'sequence') continue;
      if (this.#jobs.has(JobHandle.keyOf(project.dir, summary.id))) continue;
      const read = await project.generations.read(summary.id);
      if (!read || !('record' in read)) continue;
      await this.#adopt(project, read.record);
    }
    this.#pump();
  }

  /** Generations of `project` this engine is running. */
  jobsOf(project: Project): GenerationRecord[] {
    return [...this.#jobs.values()].filter((j) => j.project.dir === project.dir).map((j) => j.record);
  }

  record(project: Project, id: string): GenerationRecord | null {
    return this.#jobs.get(JobHandle.keyOf(project.dir, id))?.record ?? null;
  }

  // ------------------------------------------------------------------ queue commands

  /** Validates, prices and queues a new generation (nothing is written for a bad request). */
  async enqueue(project: Project, request: GenerationRequest): Promise<GenerationRecord> {
    const listing = await project.generations.list();
    const maxOrder = Math.max(0, ...listing.generations.map((g) => g.queueOrder), ...this.jobsOf(project).map((g) => g.queueOrder));
    this.#orderSeed = Math.max(this.#orderSeed, maxOrder) + 1;
    const record = await this.#nothingSentYet(project, () =>
      buildGeneration(project, request, { media: this.#o.media, now: this.#o.now(), queueOrder: this.#orderSeed }),
    );
    await checkProjectBudget(project, this.#budgetCap(), record.estimateUSD, { generations: listing.generations });
    const journal = this.#journalOf(project);
    await this.#nothingSentYet(project, () => project.generations.write(record));
    await project.generations.flushIndex();
    const job = new JobHandle(project, journal, record);
    this.#jobs.set(job.key, job);
    this.#emitChanged(job);
    this.#pump();
    return record;
  }

  pause(): void {
    this.#paused = true;
    this.#emitQueue();
  }

  /** Resumes the queue, and retries generations that were waiting on the person or the network. */
  resume(): void {
    this.#paused = false;
    for (const job of this.#jobs.values()) {
      const waited = job.blocked || job.stalled || job.retrying;
      job.blocked = null;
      job.stalled = null;
      job.retrying = null;
      job.failures = 0;
      job.retryAt = 0;
      if (waited) this.#emitChanged(job);
    }
    this.#pump();
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Cancels a generation that has not been sent for billing yet. */
  async cancel(project: Project, id: string): Promise<GenerationRecord> {
    const job = this.#jobs.get(JobHandle.keyOf(project.dir, id));
    if (!job) throw new AppError('generation_not_running', 'That generation is not in the queue.');
    if (!CANCELABLE_STATES.has(job.record.state)) {
      throw new AppError(
        'cannot_cancel',
        'This generation was already sent to Runware, which bills for it, so it can no longer be canceled. Its takes will be saved when they finish.',
      );
    }
    job.abort?.abort();
    const record = await job.apply((r) => (CANCELABLE_STATES.has(r.state) ? job.journal.move(r, 'canceled') : Promise.resolve(r)));
    if (record.state === 'canceled') this.#forget(job);
    this.#pump();
    return record;
  }

  /** Moves a queued generation to `position` among the queued ones (0 = next). */
  async reorder(project: Project, id: string, position: number): Promise<void> {
    const queued = [...this.#jobs.values()].filter((j) => j.record.state === 'queued').sort((a, b) => a.record.queueOrder - b.record.queueOrder);
    const index = queued.findIndex((j) => j.project.dir === project.dir && j.record.id === id);
    if (index < 0) throw new AppError('not_queued', 'Only generations still waiting in the queue can be moved.');
    const [moved] = queued.splice(index, 1);
    if (!moved) return;
    queued.splice(Math.max(0, Math.min(position, queued.length)), 0, moved);
    for (const [i, job] of queued.entries()) {
      if (job.record.queueOrder !== i + 1) await job.apply((r) => job.journal.patch(r, { queueOrder: i + 1 }));
    }
    this.#orderSeed = Math.max(this.#orderSeed, queued.length);
    this.#emitQueue();
  }

  /** Renames or (un)favourites a generation, through the journal when the engine holds it. */
  async update(project: Project, id: string, patch: { name?: string; favorite?: boolean }): Promise<GenerationRecord> {
    const job = this.#jobs.get(JobHandle.keyOf(project.dir, id));
    if (job) return job.apply((r) => job.journal.patch(r, patch));
    const read = await project.generations.read(id);
    if (!read || !('record' in read)) throw new AppError('generation_missing', 'That generation is no longer in this project.');
    const record = await this.#journalOf(project).patch(read.record, patch);
    await project.generations.flushIndex();
    return record;
  }

  /** True while the engine still has work to do for this generation. */
  isRunning(project: Project, id: string): boolean {
    const job = this.#jobs.get(JobHandle.keyOf(project.dir, id));
    return job !== undefined && !isTerminal(job.record.state);
  }

  summary(): QueueSummary {
    const jobs = [...this.#jobs.values()];
    const count = (states: GenerationState[]) => jobs.filter((j) => states.includes(j.record.state)).length;
    return {
      paused: this.#paused,
      queued: count(['queued']),
      active: jobs.filter((j) => ACTIVE.has(j.record.state)).length,
      downloading: count(['downloading']),
      done: count(['done']),
      failed: count(['failed']),
      waiting: jobs.filter((j) => j.blocked || j.stalled || j.failures > 0).length,
      online: this.#online,
    };
  }

  /** Stops timers; work in flight is left in the journal to be reconciled next time. */
  stop(): void {
    this.#stopped = true;
    this.#poller.stop();
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    for (const job of this.#jobs.values()) job.abort?.abort();
  }

  /** Resolves when every given generation is finished, blocked or stalled. */
  settled(project: Project, ids: readonly string[]): Promise<GenerationRecord[]> {
    return new Promise((resolve) => {
      const check = () => {
        const records = ids.map((id) => this.#jobs.get(JobHandle.keyOf(project.dir, id)));
        const done = records.every((j) => !j || isTerminal(j.record.state) || j.blocked || j.stalled);
        if (!done) return false;
        off();
        resolve(records.filter((j): j is JobHandle => j !== undefined).map((j) => j.record));
        return true;
      };
      const off = this.listen({ changed: () => void check(), blocked: () => void check(), stalled: () => void check() });
      check();
    });
  }

  /** Why a generation has stopped until the person acts, if it has (a retry is not a stop). */
  waitReason(project: Project, id: string): { kind: 'blocked' | 'stalled'; code: string; message: string; category?: string } | null {
    const job = this.#jobs.get(JobHandle.keyOf(project.dir, id));
    if (job?.blocked) return { kind: 'blocked', ...job.blocked };
    if (job?.stalled) return { kind: 'stalled', ...job.stalled };
    return null;
  }

  /** Why a generation is not moving right now, retries included: what the queue row says. */
  waitOf(project: Project, id: string): Wait | null {
    const job = this.#jobs.get(JobHandle.keyOf(project.dir, id));
    if (!job || isTerminal(job.record.state)) return null;
    const stop = this.waitReason(project, id);
    if (stop) return stop;
    return job.retrying;
  }

  /** A record as lists show it, with why it waits if it does. */
  summaryOf(project: Project, record: GenerationRecord): GenerationSummary {
    const wait = this.waitOf(project, record.id);
    return wait ? { ...summarise(record), wait } : summarise(record);
  }

  // ------------------------------------------------------------------ internals

  #journalOf(project: Project): Journal {
    let journal = this.#journals.get(project.dir);
    if (!journal) {
      // Every persisted change is announced, so the window and the CLI follow each step.
      journal = new Journal(project.generations, this.#o.now, (record) => {
        for (const l of this.#listeners) l.changed?.(project, record);
      });
      this.#journals.set(project.dir, journal);
    }
    return journal;
  }

  /** Takes over a record found on disk, reconciling a state left by a crash. */
  async #adopt(project: Project, record: GenerationRecord): Promise<void> {
    const job = new JobHandle(project, this.#journalOf(project), record);
    this.#jobs.set(job.key, job);
    this.#orderSeed = Math.max(this.#orderSeed, record.queueOrder);
    if (record.state === 'queued') return;
    // A disk still full at startup stops this generation where it is, not the whole resume.
    await this.#reconcile(job).catch((error: unknown) => this.#onStepError(job, error));
  }

  async #reconcile(job: JobHandle): Promise<void> {
    const { project, record } = job;
    await removeStalePartials(project.generations.folder(record.id));
    const before = record.state === 'interrupted' || record.state === 'failed' ? this.#stateBeforeInterruption(record) : record.state;
    if (record.state !== 'interrupted') {
      await job.apply((r) => job.journal.move(r, 'interrupted', {}, `found ${before} at startup`));
    }
    const next = resumeStateAfterCrash(before, Boolean(record.taskUUID));
    if (next === 'submitting') {
      // Runware may or may not have the task: ask before resending, and resend only
      // with the same taskUUID (a duplicate answer means it was accepted).
      const poll = (await this.#o.runware.poll([record.taskUUID as string]).catch(() => null))?.get(record.taskUUID as string);
      const resumed = poll?.known ? 'processing' : 'submitting';
      await job.apply((r) => job.journal.move(r, resumed, resumed === 'processing' ? { acceptedAt: r.acceptedAt ?? r.submittedAt } : {}, 'reconciled'));
      if (poll?.known) await this.#onPoll(job, poll);
    } else {
      await job.apply((r) => job.journal.move(r, next, {}, 'reconciled'));
    }
    this.#emitChanged(job);
  }

  #stateBeforeInterruption(record: GenerationRecord): Exclude<GenerationState, 'failed'> {
    for (let i = record.history.length - 1; i >= 0; i -= 1) {
      const state = record.history[i]?.state;
      if (state && state !== 'interrupted' && state !== 'failed') return state;
    }
    return 'queued';
  }

  /** A finished job stays listed for the session's counts; it no longer runs or polls. */
  #forget(job: JobHandle): void {
    this.#poller.untrack(job);
    this.#emitChanged(job);
  }

  /** Starts whatever may start now; called after every change. */
  #pump(): void {
    if (this.#stopped) return;
    const jobs = [...this.#jobs.values()];
    const now = this.#o.now().getTime();
    const ready = (j: JobHandle) => !j.busy && !j.blocked && !j.stalled && j.retryAt <= now;
    const needsDownload = (j: JobHandle) => j.record.takes.some((t) => (t.state === 'pending' || t.state === 'downloading') && t.remoteURL);
    let downloadSlots = this.#o.downloads - jobs.filter((j) => j.busy && ['processing', 'downloading'].includes(j.record.state)).length;

    for (const job of jobs) {
      const state = job.record.state;
      if (state === 'processing' && !this.#poller.has(job) && !job.stalled && !job.blocked) this.#trackPoll(job);
      if (!ready(job)) continue;
      if ((state === 'processing' || state === 'downloading') && needsDownload(job) && downloadSlots > 0) {
        downloadSlots -= 1;
        this.#run(job, async () => {
          await downloadStep(this.#ctx, job);
          await this.#finishIfComplete(job);
        });
      } else if (state === 'downloading' && !needsDownload(job)) {
        this.#run(job, () => this.#finishIfComplete(job));
      } else if (state === 'submitting') {
        this.#run(job, () => submitStep(this.#ctx, job));
      } else if ((state === 'uploading' || state === 'preparing') && !this.#paused) {
        // Only after a failure (a transient upload error, a full disk that was freed): the
        // steps resume from the record, which already counts against the concurrency limit.
        this.#run(job, () => this.#sendFrom(state === 'uploading' ? 'uploading' : 'queued', job));
      }
    }
    if (!this.#paused) {
      let active = jobs.filter((j) => ACTIVE.has(j.record.state)).length;
      const queued = jobs.filter((j) => j.record.state === 'queued' && ready(j)).sort((a, b) => a.record.queueOrder - b.record.queueOrder);
      for (const job of queued) {
        if (active >= this.#o.concurrency) break;
        active += 1;
        this.#run(job, () => this.#sendFrom('queued', job));
      }
    }
    this.#emitQueue();
    this.#scheduleRetry();
  }

  /** prepare → (budget check) → upload → submit, from wherever the record stands. */
  async #sendFrom(from: 'queued' | 'uploading', job: JobHandle): Promise<void> {
    const controller = new AbortController();
    job.abort = controller;
    try {
      if (from === 'queued') {
        await prepareStep(this.#ctx, job, controller.signal);
        await this.#checkBudgetBeforeSending(job);
      }
      await uploadStep(this.#ctx, job, controller.signal);
    } finally {
      job.abort = null;
    }
    await submitStep(this.#ctx, job);
  }

  #run(job: JobHandle, work: () => Promise<void>): void {
    job.busy = true;
    void work()
      .then(() => {
        job.failures = 0;
        this.#recovered(job);
      })
      .catch((error: unknown) => this.#onStepError(job, error))
      .catch((error: unknown) => this.#o.logger?.error('a failed step could not be handled', { id: job.record.id, error }))
      .finally(() => {
        job.busy = false;
        this.#emitChanged(job);
        this.#pump();
      });
  }

  #checkBudgetBeforeSending(job: JobHandle): Promise<void> {
    return checkProjectBudget(job.project, this.#budgetCap(), job.record.estimateUSD, { except: job.record.id });
  }

  /**
   * Decides what a failed step means. It never throws: when deciding needs a write that
   * fails too (a full disk), the generation still stops resumable.
   */
  async #onStepError(job: JobHandle, error: unknown): Promise<void> {
    // Stopping (app quit, Ctrl+C) aborts work in flight; the journal keeps it resumable.
    if (this.#stopped) return;
    job.retrying = null;
    try {
      await this.#decide(job, error);
    } catch (secondary) {
      await this.#hold(job, secondary);
    }
  }

  async #decide(job: JobHandle, error: unknown): Promise<void> {
    const now = this.#o.now();
    if (isAbort(error) && job.record.state !== 'submitting') {
      if (CANCELABLE_STATES.has(job.record.state)) await job.apply((r) => job.journal.move(r, 'canceled'));
      if (job.record.state === 'canceled') this.#forget(job);
      return;
    }
    const local = await asLocalWriteError(error, projectFolder(job.project, bytesStillNeeded(job.record)));
    if (local) return this.#hold(job, local);
    if (isRunwareError(error) && BLOCKING.has(error.category)) return this.#refused(job, error);
    if (isRunwareError(error) && error.retryable) return this.#retryLater(job, error, now);
    const verdict: Verdict = isRunwareError(error) ? 'runware' : 'local';
    // Runware may hold the task: only Runware can end it, so a local failure stops it resumable.
    if (!mayFail(job.record, verdict)) return this.#hold(job, error);
    if (!isRunwareError(error)) this.#o.logger?.error('generation step failed', { id: job.record.id, error });
    // Before acceptance nothing was billed; from processing on, the takes that exist are kept.
    const info = errorInfo(error, now);
    await job.apply((r) => (isTerminal(r.state) ? Promise.resolve(r) : job.journal.fail(r, verdict, { error: info, finishedAt: now.toISOString() })));
    this.#forget(job);
  }

  /**
   * Stops a generation where it is, in memory only (the disk may refuse every write): it is
   * not retried until the person resumes the queue, and its record stays resumable.
   */
  async #hold(job: JobHandle, error: unknown): Promise<void> {
    const local = isLocalWriteError(error) ? error : await asLocalWriteError(error, projectFolder(job.project, bytesStillNeeded(job.record))).catch(() => null);
    if (!local) this.#o.logger?.error('generation stopped by an internal error', { id: job.record.id, error });
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
    this.#poller.untrack(job);
    for (const l of this.#listeners) l.stalled?.(job.project, job.record, reason);
    this.#emitChanged(job);
  }

  /** Runware refused the account (key, credit): the person must act, so the queue pauses. */
  async #refused(job: JobHandle, error: RunwareError): Promise<void> {
    this.#paused = true;
    this.#o.logger?.warn('queue paused: Runware refused the account', { code: error.code });
    if (job.record.state === 'submitting') {
      // Refused, so not accepted: it waits in the queue (same taskUUID, inputs kept) until the
      // person fixes the account and resumes; it costs nothing meanwhile. [UNK] whether Runware
      // keeps a refused taskUUID: if it does, the resend's duplicate answer is read as accepted
      // and the poll settles it, so this can never bill twice.
      await job.apply((r) => (r.state === 'submitting' ? job.journal.move(r, 'queued', {}, `refused by Runware: ${error.category}`) : Promise.resolve(r)));
    }
    job.blocked = { code: String(error.code), message: error.message, category: error.category };
    for (const l of this.#listeners) l.blocked?.(job.project, job.record, job.blocked);
    this.#emitChanged(job);
  }

  /** A transient failure after the client's own tries: the step runs again later, with backoff. */
  #retryLater(job: JobHandle, error: RunwareError, now: Date): void {
    job.failures += 1;
    if (error.category === 'network' || error.category === 'timeout') this.#setOnline(false);
    const info = errorInfo(error, now);
    if (job.failures >= this.#o.maxStepFailures) {
      job.stalled = { code: info.code, message: info.message };
      for (const l of this.#listeners) l.stalled?.(job.project, job.record, job.stalled);
      return;
    }
    job.retryAt = now.getTime() + Math.min(this.#o.retryMaxMs, this.#o.retryBaseMs * 2 ** (job.failures - 1));
    job.retrying = {
      kind: 'retrying',
      code: info.code,
      message: info.message,
      what: retryWhat(job.record.state, error),
      retryAt: new Date(job.retryAt).toISOString(),
      attempt: job.failures + 1,
      ...(Number.isFinite(this.#o.maxStepFailures) ? { attempts: this.#o.maxStepFailures } : {}),
    };
  }

  /** Shows the client's own retries on the generations they are for, and the connection as lost at the first failed try. */
  #retryListener(jobs: readonly JobHandle[], what: 'busy' | 'upload' | 'download'): RetryListener {
    return ({ attempt, delayMs, error }) => {
      if (error.category === 'network' || error.category === 'timeout') this.#setOnline(false);
      const at = this.#o.now().getTime() + delayMs;
      for (const job of jobs) {
        job.retrying = {
          kind: 'retrying',
          code: String(error.code),
          message: error.message,
          what: error.category === 'network' ? 'offline' : what,
          retryAt: new Date(at).toISOString(),
          attempt: attempt + 2,
          attempts: this.#o.runware.maxAttempts,
        };
        this.#emitChanged(job);
      }
    };
  }

  /** A step or poll went through: whatever it was retrying is over. */
  #recovered(job: JobHandle): void {
    this.#setOnline(true);
    if (!job.retrying) return;
    job.retrying = null;
    this.#emitChanged(job);
  }

  /** Work before anything is sent: a full disk there is said as such, and nothing is queued. */
  async #nothingSentYet<T>(project: Project, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const local = await asLocalWriteError(error, { folder: project.dir, label: 'project folder', bytesNeeded: 0, then: 'try again' });
      throw local ?? error;
    }
  }

  #trackPoll(job: JobHandle): void {
    const acceptedAt = Date.parse(job.record.acceptedAt ?? job.record.submittedAt ?? job.record.updatedAt);
    const audioSec = job.record.prepared?.audio.durationSec ?? job.record.inputs.trim.endSec - job.record.inputs.trim.startSec;
    this.#poller.track({ job, acceptedAt, expectedMs: this.#throughput.expectedMs(audioSec) });
  }

  async #onPoll(job: JobHandle, poll: TaskPoll): Promise<void> {
    this.#recovered(job);
    if (job.record.state !== 'processing') return;
    const expected = job.record.params.numberResults;
    if (!poll.known) {
      await this.#onUnknownTask(job);
      return;
    }
    job.unknownPolls = 0;
    // Record each finished take at once: its URL expires, so it downloads right away.
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
    const outcome = outcomeOf(poll, expected);
    const progress = progressOf(poll, expected);
    if (fresh.length > 0 || (progress !== null && progress !== job.record.progress && outcome === 'running')) {
      await job.apply((r) => {
        const takes = [...r.takes, ...fresh.map((t, i) => ({ ...t, index: r.takes.length + i + 1 }))];
        const cost = takes.reduce<number | undefined>((sum, t) => (t.costUSD === undefined ? sum : (sum ?? 0) + t.costUSD), undefined);
        return job.journal.patch(r, { takes, ...(cost !== undefined ? { costUSD: Math.round(cost * 10_000) / 10_000 } : {}), ...(progress !== null ? { progress } : {}) });
      });
    }
    this.#emitProgress(job, outcome === 'running' ? progress : 100);
    if (outcome === 'running') {
      if (fresh.length > 0) this.#pump();
      return;
    }
    this.#poller.untrack(job);
    const audioSec = job.record.prepared?.audio.durationSec ?? 0;
    const acceptedAt = Date.parse(job.record.acceptedAt ?? '');
    if (outcome !== 'failed' && Number.isFinite(acceptedAt)) await this.#throughput.observe(audioSec, this.#o.now().getTime() - acceptedAt);
    if (outcome === 'failed') {
      const failure = poll.generations.find((g) => g.status === 'error');
      const info = failure?.status === 'error' ? errorInfo(failure.error, this.#o.now()) : errorInfo(new AppError('task_failed', 'Runware reported the task failed.'), this.#o.now());
      await job.apply((r) => job.journal.fail(r, 'runware', { error: info, finishedAt: this.#o.now().toISOString(), progress: undefined }));
      this.#forget(job);
      return;
    }
    const failedTake = poll.generations.find((g) => g.status === 'error');
    await job.apply((r) =>
      job.journal.move(r, 'downloading', {
        progress: 100,
        ...(failedTake?.status === 'error' ? { error: errorInfo(failedTake.error, this.#o.now()) } : {}),
      }),
    );
    this.#pump();
  }

  /**
   * Runware says nothing about a task it accepted. Right after acceptance that can
   * be lag; much later it means the task was never registered (resend with the SAME
   * taskUUID: a duplicate answer means it was accepted) or its results expired.
   */
  async #onUnknownTask(job: JobHandle): Promise<void> {
    job.unknownPolls += 1;
    const since = this.#o.now().getTime() - Date.parse(job.record.acceptedAt ?? job.record.updatedAt);
    const audioSec = job.record.prepared?.audio.durationSec ?? 1;
    if (job.unknownPolls < 3 || since < Math.min(this.#throughput.expectedMs(audioSec), 60_000)) return;
    if (!job.resubmitted) {
      job.resubmitted = true;
      job.unknownPolls = 0;
      await submitStep(this.#ctx, job).catch((error: unknown) => this.#o.logger?.warn('resubmit of an unknown task failed', { error }));
      return;
    }
    if (job.unknownPolls >= 6) {
      this.#poller.untrack(job);
      const info = errorInfo(
        new AppError('task_lost', 'Runware no longer knows this task, so its result cannot be fetched. Nothing more will be charged for it; generate it again.'),
        this.#o.now(),
      );
      await job.apply((r) => job.journal.fail(r, 'runware', { error: info, finishedAt: this.#o.now().toISOString() }));
      this.#forget(job);
    }
  }

  #onPollError(error: unknown, failures: number): void {
    const runwareError = isRunwareError(error) ? (error as RunwareError) : null;
    this.#o.logger?.warn('poll failed', { failures, code: runwareError?.code });
    if (runwareError && (runwareError.category === 'network' || runwareError.category === 'timeout')) this.#setOnline(false);
    const info = errorInfo(error, this.#o.now());
    const blocking = runwareError !== null && BLOCKING.has(runwareError.category);
    if (blocking) this.#paused = true;
    const stop = blocking || failures >= this.#o.maxStepFailures;
    for (const job of this.#jobs.values()) {
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
        this.#emitChanged(job);
        continue;
      }
      // The tasks keep running at Runware; polling resumes when the person resumes the queue.
      this.#poller.untrack(job);
      job.retrying = null;
      if (blocking && runwareError) job.blocked = { code: info.code, message: info.message, category: runwareError.category };
      else job.stalled = { code: info.code, message: info.message };
      const reason = { code: info.code, message: info.message };
      for (const l of this.#listeners) (blocking ? l.blocked : l.stalled)?.(job.project, job.record, reason);
      this.#emitChanged(job);
    }
    this.#emitQueue();
  }

  async #finishIfComplete(job: JobHandle): Promise<void> {
    const record = job.record;
    if (record.state !== 'downloading') return;
    if (record.takes.some((t) => t.state === 'pending' || t.state === 'downloading')) return;
    const now = this.#o.now().toISOString();
    const anyDone = record.takes.some((t) => t.state === 'done');
    // Every take failed for a reason of Runware's (a link that expired, a video that does not
    // decode); failures of this computer stopped the download before it got here.
    await job.apply((r) =>
      anyDone
        ? job.journal.move(r, 'done', { finishedAt: now })
        : job.journal.fail(r, 'runware', { finishedAt: now, error: r.takes.find((t) => t.error)?.error ?? r.error }),
    );
    this.#forget(job);
  }

  #scheduleRetry(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const now = this.#o.now().getTime();
    const next = Math.min(...[...this.#jobs.values()].filter((j) => j.retryAt > now && !j.blocked && !j.stalled).map((j) => j.retryAt));
    if (Number.isFinite(next) && !this.#stopped) this.#retryTimer = setTimeout(() => this.#pump(), next - now);
  }

  #setOnline(online: boolean): void {
    if (this.#online === online) return;
    this.#online = online;
    this.#emitQueue();
  }

  #emitChanged(job: JobHandle): void {
    for (const l of this.#listeners) l.changed?.(job.project, job.record);
  }

  #emitProgress(job: JobHandle, progress: number | null): void {
    const acceptedAt = Date.parse(job.record.acceptedAt ?? '');
    const audioSec = job.record.prepared?.audio.durationSec ?? 0;
    const eta = Number.isFinite(acceptedAt)
      ? Math.max(0, Math.round((acceptedAt + this.#throughput.expectedMs(audioSec) - this.#o.now().getTime()) / 1000))
      : null;
    for (const l of this.#listeners) l.progress?.(job.project, job.record.id, progress, eta);
  }

  #emitQueue(): void {
    const summary = this.summary();
    for (const l of this.#listeners) l.queue?.(summary);
  }
}

/** What a step was doing when it failed, in the words of its retry line. */
function retryWhat(state: GenerationState, error: RunwareError): NonNullable<Wait['what']> {
  if (error.category === 'network') return 'offline';
  if (state === 'uploading' || state === 'preparing') return 'upload';
  if (state === 'downloading') return 'download';
  return 'busy';
}
