import type { Transfer } from '../../../shared/transfer.ts';
import { audioSecondsOf, type GenerationRecord, type GenerationState, type QueueSummary } from '../../../shared/generation.ts';
import type { Logger } from '../logging/logger.ts';
import type { Project } from '../projects/project.ts';
import type { TaskPoll } from '../runware/poll-result.ts';
import type { RunwareClient } from '../runware/runware-client.ts';
import { StudioEvents } from './engine-events.ts';
import { JobHandle } from './job-handle.ts';
import { Journal } from './journal.ts';
import type { MediaOps } from './media-ops.ts';
import { DEFAULT_CADENCE, type CadencePolicy } from './poll-cadence.ts';
import type { TaskPoller } from './task-poller.ts';
import type { StepContext } from './steps.ts';
import type { ThroughputModel } from './throughput.ts';

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
  /** The bus to publish on (one is made when none is given). */
  events?: StudioEvents;
  /** This engine talks to the demo's stand-in: it sends only demo projects' generations (and others only to Runware). */
  demo?: boolean;
}

export type ResolvedOptions = Required<Omit<EngineOptions, 'logger' | 'throughput' | 'budgetCapUSD' | 'events'>> &
  Pick<EngineOptions, 'logger'>;

/** States counted against the concurrency limit. */
export const ACTIVE: ReadonlySet<GenerationState> = new Set(['preparing', 'uploading', 'submitting', 'processing']);

/** What the engine's parts (scheduling, reconciliation, poll outcomes, failures) do to one another. */
export interface EngineParts {
  pump(): void;
  trackPoll(job: JobHandle): void;
  onPoll(job: JobHandle, poll: TaskPoll): Promise<void>;
  onStepError(job: JobHandle, error: unknown): Promise<void>;
  recovered(job: JobHandle): void;
}

/**
 * The state the engine's parts share: the jobs, the queue flags, the bus and the step
 * context. The facade (job-engine.ts) builds it once and wires the parts to it.
 */
export class EngineCore {
  readonly o: ResolvedOptions;
  readonly jobs = new Map<string, JobHandle>();
  readonly events: StudioEvents;
  readonly throughput: ThroughputModel;
  readonly budgetCap: () => number | null;
  readonly #journals = new Map<string, Journal>();
  ctx!: StepContext;
  poller!: TaskPoller;
  parts!: EngineParts;
  paused = false;
  online = true;
  stopped = false;
  /** The last queue position given out (new generations go after it). */
  orderSeed = 0;

  constructor(options: EngineOptions, throughput: ThroughputModel) {
    this.o = {
      concurrency: 2,
      downloads: 3,
      maxStepFailures: Number.POSITIVE_INFINITY,
      retryBaseMs: 2_000,
      retryMaxMs: 5 * 60_000,
      cadence: DEFAULT_CADENCE,
      now: () => new Date(),
      demo: false,
      ...options,
    };
    this.throughput = throughput;
    this.budgetCap = options.budgetCapUSD ?? (() => null);
    this.events = options.events ?? new StudioEvents((error) => options.logger?.error('an event listener failed', { error }));
  }

  job(project: Project, id: string): JobHandle | undefined {
    return this.jobs.get(JobHandle.keyOf(project.dir, id));
  }

  /** One journal per project; every persisted change is announced on the bus. */
  journalOf(project: Project): Journal {
    let journal = this.#journals.get(project.dir);
    if (!journal) {
      journal = new Journal(project.generations, this.o.now, (record) => this.events.emit('changed', project, record));
      this.#journals.set(project.dir, journal);
    }
    return journal;
  }

  /** Takes a record into the engine's hands. */
  hold(project: Project, record: GenerationRecord): JobHandle {
    const job = new JobHandle(project, this.journalOf(project), record);
    this.jobs.set(job.key, job);
    return job;
  }

  summary(): QueueSummary {
    const jobs = [...this.jobs.values()];
    const count = (states: GenerationState[]) => jobs.filter((j) => states.includes(j.record.state)).length;
    return {
      paused: this.paused,
      queued: count(['queued']),
      active: jobs.filter((j) => ACTIVE.has(j.record.state)).length,
      downloading: count(['downloading']),
      done: count(['done']),
      failed: count(['failed']),
      waiting: jobs.filter((j) => j.blocked || j.stalled || j.failures > 0).length,
      online: this.online,
    };
  }

  setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    this.emitQueue();
  }

  emitChanged(job: JobHandle): void {
    this.events.emit('changed', job.project, job.record);
  }

  emitQueue(): void {
    this.events.emit('queue', this.summary());
  }

  readonly #lastTransfer = new Map<string, number>();

  /** At most ten a second per generation, and always the last bytes of a file. */
  emitTransfer(job: JobHandle, transfer: Transfer): void {
    const key = `${job.project.dir}\n${job.record.id}`;
    const now = Date.now();
    const last = this.#lastTransfer.get(key) ?? 0;
    const complete = transfer.total !== null && transfer.done >= transfer.total;
    if (!complete && now - last < 100) return;
    if (complete) this.#lastTransfer.delete(key);
    else this.#lastTransfer.set(key, now);
    this.events.emit('transfer', job.project, job.record.id, transfer);
  }

  emitProgress(job: JobHandle, progress: number | null): void {
    const acceptedAt = Date.parse(job.record.acceptedAt ?? '');
    const eta = Number.isFinite(acceptedAt)
      ? Math.max(0, Math.round((acceptedAt + this.throughput.expectedMs(audioSecondsOf(job.record)) - this.o.now().getTime()) / 1000))
      : null;
    this.events.emit('progress', job.project, job.record.id, progress, eta);
  }
}
