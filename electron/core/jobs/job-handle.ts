import type { GenerationRecord, GenerationState, Wait } from '../../../shared/generation.ts';
import type { Project } from '../projects/project.ts';
import type { Journal, RecordPatch } from './journal.ts';
import type { Verdict } from './transitions.ts';

/** A change to a record, fixed or computed from the latest version of it. */
export type Patch = RecordPatch | ((record: GenerationRecord) => RecordPatch);

interface MoveOptions {
  note?: string;
  /** Moves only from these states; from any other, the record is left as it is. */
  onlyFrom?: ReadonlySet<GenerationState>;
}

/**
 * The engine's hold on one generation. Every change to its record goes through
 * `move`, `fail` or `patch`, one at a time on the latest version, so the poller and a
 * download running for the same generation can never overwrite each other's writes.
 */
export class JobHandle {
  readonly key: string;
  readonly project: Project;
  readonly journal: Journal;
  #record: GenerationRecord;
  #chain: Promise<unknown> = Promise.resolve();

  /** A step (prepare, upload, submit, download) is running. */
  busy = false;
  /** Set while preparing/uploading so cancel can stop the work. */
  abort: AbortController | null = null;
  /** Consecutive transient failures of the current step, and when to try again. */
  failures = 0;
  retryAt = 0;
  /** Waiting on the person (key rejected, balance too low): not retried until resumed. */
  blocked: { code: string; message: string; category: string } | null = null;
  /** Stopped where it is (tries used up, a full disk); the record stays resumable. */
  stalled: { code: string; message: string } | null = null;
  /** Trying again by itself after a transient failure: shown, never persisted. */
  retrying: Wait | null = null;
  /** Poll bookkeeping. */
  lastPolledAt: number | undefined;
  unknownPolls = 0;
  resubmitted = false;
  /** Times getTaskDetails was asked about this task. */
  detailChecks = 0;
  /** Poll answers in a row with a retryable error for this task. */
  transientPolls = 0;

  constructor(project: Project, journal: Journal, record: GenerationRecord) {
    this.key = JobHandle.keyOf(project.dir, record.id);
    this.project = project;
    this.journal = journal;
    this.#record = record;
  }

  static keyOf(projectDir: string, id: string): string {
    return `${projectDir}\u0000${id}`;
  }

  get record(): GenerationRecord {
    return this.#record;
  }

  /** Moves to `state` (written before the caller goes on). */
  move(state: Exclude<GenerationState, 'failed'>, patch: Patch = {}, options: MoveOptions = {}): Promise<GenerationRecord> {
    return this.#apply((r) =>
      options.onlyFrom && !options.onlyFrom.has(r.state) ? r : this.journal.move(r, state, resolve(patch, r), options.note),
    );
  }

  /** Ends it as failed, saying who decided (the journal refuses a local verdict on a task Runware may hold). */
  fail(verdict: Verdict, patch: Patch = {}, options: Pick<MoveOptions, 'onlyFrom'> = {}): Promise<GenerationRecord> {
    return this.#apply((r) => (options.onlyFrom && !options.onlyFrom.has(r.state) ? r : this.journal.fail(r, verdict, resolve(patch, r))));
  }

  patch(patch: Patch): Promise<GenerationRecord> {
    return this.#apply((r) => this.journal.patch(r, resolve(patch, r)));
  }

  #apply(change: (record: GenerationRecord) => GenerationRecord | Promise<GenerationRecord>): Promise<GenerationRecord> {
    const run = this.#chain.then(async () => {
      this.#record = await change(this.#record);
      return this.#record;
    });
    this.#chain = run.catch(() => undefined);
    return run;
  }
}

function resolve(patch: Patch, record: GenerationRecord): RecordPatch {
  return typeof patch === 'function' ? patch(record) : patch;
}
