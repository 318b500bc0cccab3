import type { GenerationRecord, QueueSummary } from '../../../shared/generation.ts';
import type { Project } from '../projects/project.ts';
import type { Transfer } from '../../../shared/transfer.ts';

/** A batch as its notification and the CLI's summary count it. */
export interface BatchProgress {
  id: string;
  name: string;
  count: number;
  done: number;
  failed: number;
  costUSD: number;
}

/**
 * Everything the window and the command line follow, on one bus owned by the engine:
 * the engine, the split and batch coordinators and the use cases publish here, and both
 * front ends listen here. Nothing keeps a listener list of its own.
 */
export interface StudioEventMap {
  /** A generation's record changed (a single one, a part, a split generation, a batch item), or why it waits did. */
  changed(project: Project, record: GenerationRecord): void;
  progress(project: Project, id: string, progress: number | null, etaSec: number | null): void;
  queue(summary: QueueSummary): void;
  /** Needs the person: the key was rejected, or the balance is too low. The queue pauses. */
  blocked(project: Project, record: GenerationRecord, error: { code: string; message: string }): void;
  /**
   * Stopped where it is, resumable: tries used up (maxStepFailures), or a local failure (a full
   * disk, a failed write) that the person must fix first.
   */
  stalled(project: Project, record: GenerationRecord, error: { code: string; message: string }): void;
  /** A batch item finished; the batch's count so far. */
  batch(project: Project, progress: BatchProgress): void;
  /** The list of projects changed (created, renamed, archived, another projects folder). */
  projects(): void;
  exportProgress(project: Project, id: string, fraction: number): void;
  /** Bytes of a generation's upload or download so far. */
  transfer(project: Project, id: string, transfer: Transfer): void;
}

export type StudioListener = Partial<StudioEventMap>;

export class StudioEvents {
  readonly #listeners = new Set<StudioListener>();
  readonly #onError: (error: unknown) => void;

  /** `onError` hears of a listener that threw (e.g. to log it); the others still run. */
  constructor(onError: (error: unknown) => void = () => undefined) {
    this.#onError = onError;
  }

  /** Listens to any of the events; returns the function that stops listening. */
  listen(listener: StudioListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  emit<K extends keyof StudioEventMap>(name: K, ...args: Parameters<StudioEventMap[K]>): void {
    for (const listener of this.#listeners) {
      const handler = listener[name] as ((...a: Parameters<StudioEventMap[K]>) => void) | undefined;
      try {
        handler?.(...args);
      } catch (error) {
        // One broken listener must not stop the others, nor the work that announced it.
        this.#onError(error);
      }
    }
  }
}
