import type { QueueSummary } from '../../../shared/generation.ts';
import type { JobEngine } from '../jobs/job-engine.ts';

/** The queue as a whole: how it stands, paused, resumed (which also retries what waited on the person). */
export class Queue {
  readonly #engine: JobEngine;

  constructor(engine: JobEngine) {
    this.#engine = engine;
  }

  summary(): QueueSummary {
    return this.#engine.summary();
  }

  pause(): QueueSummary {
    this.#engine.pause();
    return this.#engine.summary();
  }

  /** Stops all work at once (quitting, Ctrl+C): what was in flight stays in the journal, resumable. */
  stop(): void {
    this.#engine.stop();
  }

  resume(): QueueSummary {
    this.#engine.resume();
    return this.#engine.summary();
  }
}
