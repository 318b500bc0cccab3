import { AppError } from '../../../shared/errors.ts';
import {
  CANCELABLE_STATES,
  isTerminal,
  summarise,
  type GenerationRecord,
  type GenerationSummary,
  type QueueSummary,
  type Wait,
} from '../../../shared/generation.ts';
import { asLocalWriteError } from '../fs/local-write-error.ts';
import type { Project } from '../projects/project.ts';
import { buildGeneration, type GenerationRequest } from './create-generation.ts';
import { EngineCore, type EngineOptions } from './engine-core.ts';
import type { StudioEvents, StudioListener } from './engine-events.ts';
import { PollOutcomes } from './poll-outcomes.ts';
import { adopt } from './reconcile.ts';
import { Scheduler } from './scheduler.ts';
import { StepFailures } from './step-failures.ts';
import { TaskPoller } from './task-poller.ts';
import { ThroughputModel } from './throughput.ts';

export type { EngineOptions, QueueSummary };
/** Kept for callers that name a listener by its old name. */
export type EngineListener = StudioListener;

/**
 * Runs generations through the journal's states: a queue with a concurrency limit,
 * pause/resume, reorder and cancel before submission; one poller for every task
 * Runware holds; immediate downloads; startup reconciliation. Every transition is
 * persisted before its side effect, so a crash at any point resumes without paying
 * twice or losing a take.
 *
 * The facade over its parts: scheduling (scheduler.ts), reconciliation at start-up
 * (reconcile.ts), what Runware's answers mean (poll-outcomes.ts) and what a failure
 * means (step-failures.ts), sharing one EngineCore.
 */
export class JobEngine {
  readonly #core: EngineCore;
  readonly #scheduler: Scheduler;
  readonly #failures: StepFailures;

  constructor(options: EngineOptions) {
    const core = new EngineCore(options, options.throughput ?? new ThroughputModel());
    const failures = new StepFailures(core);
    const outcomes = new PollOutcomes(core, failures);
    const scheduler = new Scheduler(core, failures, outcomes);
    core.ctx = {
      runware: options.runware,
      media: options.media,
      now: core.o.now,
      logger: options.logger,
      retrying: (job, what) => failures.retryListener([job], what),
      transfer: (job, transfer) => core.emitTransfer(job, transfer),
    };
    core.poller = new TaskPoller(
      options.runware,
      core.o.cadence,
      {
        onPoll: (job, poll) => outcomes.onPoll(job, poll),
        onPollFailed: (job, error) => failures.onStepError(job, error),
        onError: (error, count) => failures.onPollError(error, count),
        onRetry: (jobs) => failures.retryListener(jobs, 'busy'),
      },
      () => core.o.now().getTime(),
    );
    core.parts = {
      pump: () => scheduler.pump(),
      trackPoll: (job) => outcomes.trackPoll(job),
      onPoll: (job, poll) => outcomes.onPoll(job, poll),
      onStepError: (job, error) => failures.onStepError(job, error),
      recovered: (job) => failures.recovered(job),
    };
    this.#core = core;
    this.#scheduler = scheduler;
    this.#failures = failures;
  }

  /** The one bus the window and the command line follow. */
  get events(): StudioEvents {
    return this.#core.events;
  }

  listen(listener: StudioListener): () => void {
    return this.#core.events.listen(listener);
  }

  // ------------------------------------------------------------------ projects

  /**
   * Loads a project's unfinished generations. With `resume`, each one found
   * mid-flight is reconciled and continued (this is `cli resume` and app start).
   */
  async attach(project: Project, options: { resume?: boolean } = {}): Promise<void> {
    await this.#core.throughput.load();
    // A demo project's tasks live on the stand-in, a real one's on Runware: resuming either
    // against the other would ask about tasks it never saw (and could resend one for real).
    if (options.resume === false || project.info.demo !== this.#core.o.demo) return;
    const { generations } = await project.generations.list();
    for (const summary of generations) {
      if (isTerminal(summary.state) || summary.state === 'draft') continue;
      // A split generation runs through its parts; the sequence coordinator follows it.
      if (summary.kind === 'sequence') continue;
      if (this.#core.job(project, summary.id)) continue;
      const read = await project.generations.read(summary.id);
      if (!read || !('record' in read)) continue;
      await adopt(this.#core, project, read.record);
    }
    this.#scheduler.pump();
  }

  /** Generations of `project` this engine is running. */
  jobsOf(project: Project): GenerationRecord[] {
    return [...this.#core.jobs.values()].filter((j) => j.project.dir === project.dir).map((j) => j.record);
  }

  record(project: Project, id: string): GenerationRecord | null {
    return this.#core.job(project, id)?.record ?? null;
  }

  // ------------------------------------------------------------------ queue commands

  /**
   * A new generation's record, validated, its inputs imported and measured, priced: nothing
   * is written and nothing queued (a bad request leaves no trace). The caller checks the
   * budget, then `add`s it.
   */
  async build(project: Project, request: GenerationRequest): Promise<GenerationRecord> {
    const core = this.#core;
    const listing = await project.generations.list();
    const maxOrder = Math.max(0, ...listing.generations.map((g) => g.queueOrder), ...this.jobsOf(project).map((g) => g.queueOrder));
    core.orderSeed = Math.max(core.orderSeed, maxOrder) + 1;
    return nothingSentYet(project, () =>
      buildGeneration(project, request, { media: core.o.media, now: core.o.now(), queueOrder: core.orderSeed }),
    );
  }

  /** Writes a built record and queues it. */
  async add(project: Project, record: GenerationRecord): Promise<GenerationRecord> {
    await this.#write(project, record);
    await this.#release(project, [record]);
    return record;
  }

  #write(project: Project, record: GenerationRecord): Promise<void> {
    this.#assertSendable(project);
    return nothingSentYet(project, () => project.generations.write(record));
  }

  /** Demo work goes only to the stand-in, real work only to Runware. */
  #assertSendable(project: Project): void {
    if (project.info.demo === this.#core.o.demo) return;
    throw project.info.demo
      ? new AppError('demo_project', `“${project.info.name}” is the demo project: start the demo to make videos in it (they cost nothing).`)
      : new AppError(
          'demo_running',
          `The demo is running, so nothing is sent to Runware. Leave the demo to make videos in “${project.info.name}”.`,
        );
  }

  /** Hands written records to the scheduler. */
  async #release(project: Project, records: readonly GenerationRecord[]): Promise<void> {
    await project.generations.flushIndex();
    for (const record of records) this.#core.emitChanged(this.#core.hold(project, record));
    this.#scheduler.pump();
  }

  /**
   * Builds and queues a generation covered by a budget check already made (a part of a
   * split generation, an item of a batch: their whole was checked).
   */
  async enqueue(project: Project, request: GenerationRequest): Promise<GenerationRecord> {
    return this.add(project, await this.build(project, request));
  }

  /**
   * Queues several generations as one (a batch): every record is built and written before
   * any is released to the scheduler, so a crash while the later items are still being imported never
   * leaves a batch half queued — `resume` finds all of them, or none was sent.
   */
  async enqueueAll(project: Project, requests: readonly GenerationRequest[]): Promise<GenerationRecord[]> {
    const records: GenerationRecord[] = [];
    for (const request of requests) {
      // Written one by one: each record's folder reserves its id for the next.
      const record = await this.build(project, request);
      await this.#write(project, record);
      records.push(record);
    }
    await this.#release(project, records);
    return records;
  }

  pause(): void {
    this.#core.paused = true;
    this.#core.emitQueue();
  }

  /** Resumes the queue, and retries generations that were waiting on the person or the network. */
  resume(): void {
    this.#core.paused = false;
    for (const job of this.#core.jobs.values()) {
      const waited = job.blocked || job.stalled || job.retrying;
      job.blocked = null;
      job.stalled = null;
      job.retrying = null;
      job.failures = 0;
      job.retryAt = 0;
      if (waited) this.#core.emitChanged(job);
    }
    this.#scheduler.pump();
  }

  get paused(): boolean {
    return this.#core.paused;
  }

  /** Cancels a generation that has not been sent for billing yet. */
  async cancel(project: Project, id: string): Promise<GenerationRecord> {
    const job = this.#core.job(project, id);
    if (!job) throw new AppError('generation_not_running', 'That generation is not in the queue.');
    if (!CANCELABLE_STATES.has(job.record.state)) {
      throw new AppError(
        'cannot_cancel',
        'This generation was already sent to Runware, which bills for it, so it can no longer be canceled. Its takes will be saved when they finish.',
      );
    }
    job.abort?.abort();
    const record = await job.move('canceled', {}, { onlyFrom: CANCELABLE_STATES });
    if (record.state === 'canceled') this.#failures.forget(job);
    this.#scheduler.pump();
    return record;
  }

  /** Moves a queued generation to `position` among the queued ones (0 = next). */
  async reorder(project: Project, id: string, position: number): Promise<void> {
    const core = this.#core;
    const queued = [...core.jobs.values()]
      .filter((j) => j.record.state === 'queued')
      .sort((a, b) => a.record.queueOrder - b.record.queueOrder);
    const index = queued.findIndex((j) => j.project.dir === project.dir && j.record.id === id);
    if (index < 0) throw new AppError('not_queued', 'Only generations still waiting in the queue can be moved.');
    const [moved] = queued.splice(index, 1);
    if (!moved) return;
    queued.splice(Math.max(0, Math.min(position, queued.length)), 0, moved);
    for (const [i, job] of queued.entries()) {
      if (job.record.queueOrder !== i + 1) await job.patch({ queueOrder: i + 1 });
    }
    core.orderSeed = Math.max(core.orderSeed, queued.length);
    core.emitQueue();
  }

  /** Renames or (un)favourites a generation, through the journal when the engine holds it. */
  async update(project: Project, id: string, patch: { name?: string; favorite?: boolean }): Promise<GenerationRecord> {
    const job = this.#core.job(project, id);
    if (job) return job.patch(patch);
    const read = await project.generations.read(id);
    if (!read || !('record' in read)) throw new AppError('generation_missing', 'That generation is no longer in this project.');
    const record = await this.#core.journalOf(project).patch(read.record, patch);
    await project.generations.flushIndex();
    return record;
  }

  /** True while the engine still has work to do for this generation. */
  isRunning(project: Project, id: string): boolean {
    const job = this.#core.job(project, id);
    return job !== undefined && !isTerminal(job.record.state);
  }

  summary(): QueueSummary {
    return this.#core.summary();
  }

  /** Stops timers; work in flight is left in the journal to be reconciled next time. */
  stop(): void {
    this.#core.stopped = true;
    this.#core.poller.stop();
    this.#scheduler.stop();
    for (const job of this.#core.jobs.values()) job.abort?.abort();
  }

  /** Resolves when every given generation is finished, blocked or stalled. */
  settled(project: Project, ids: readonly string[]): Promise<GenerationRecord[]> {
    return new Promise((resolve) => {
      const check = () => {
        const jobs = ids.map((id) => this.#core.job(project, id));
        if (!jobs.every((j) => !j || isTerminal(j.record.state) || j.blocked || j.stalled)) return;
        off();
        resolve(jobs.filter((j) => j !== undefined).map((j) => j.record));
      };
      const off = this.listen({ changed: check, blocked: check, stalled: check });
      check();
    });
  }

  /** Why a generation has stopped until the person acts, if it has (a retry is not a stop). */
  waitReason(project: Project, id: string): { kind: 'blocked' | 'stalled'; code: string; message: string; category?: string } | null {
    const job = this.#core.job(project, id);
    if (job?.blocked) return { kind: 'blocked', ...job.blocked };
    if (job?.stalled) return { kind: 'stalled', ...job.stalled };
    return null;
  }

  /** Why a generation is not moving right now, retries included: what the queue row says. */
  waitOf(project: Project, id: string): Wait | null {
    const job = this.#core.job(project, id);
    if (!job || isTerminal(job.record.state)) return null;
    return this.waitReason(project, id) ?? job.retrying;
  }

  /** A record as lists show it, with why it waits if it does. */
  summaryOf(project: Project, record: GenerationRecord): GenerationSummary {
    const wait = this.waitOf(project, record.id);
    return wait ? { ...summarise(record), wait } : summarise(record);
  }
}

/** Work before anything is sent: a full disk there is said as such, and nothing is queued. */
async function nothingSentYet<T>(project: Project, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw (await asLocalWriteError(error, { folder: project.dir, label: 'project folder', bytesNeeded: 0, then: 'try again' })) ?? error;
  }
}
