import type { ErrorInfo, GenerationRecord, GenerationState } from '../../../shared/generation.ts';
import type { GenerationStore } from '../projects/generation-store.ts';
import { canMove, mayFail, type Verdict } from './transitions.ts';

export type RecordPatch = Partial<Omit<GenerationRecord, 'id' | 'schemaVersion' | 'history' | 'state' | 'createdAt'>>;

/**
 * Writes a generation's record: every state change appends to its history and is on
 * disk (atomically) before the caller goes on to the side effect.
 */
export class Journal {
  readonly #store: GenerationStore;
  readonly #now: () => Date;
  readonly #onChange: (record: GenerationRecord) => void;

  constructor(store: GenerationStore, now: () => Date, onChange: (record: GenerationRecord) => void) {
    this.#store = store;
    this.#now = now;
    this.#onChange = onChange;
  }

  async move(
    record: GenerationRecord,
    state: Exclude<GenerationState, 'failed'>,
    patch: RecordPatch = {},
    note?: string,
  ): Promise<GenerationRecord> {
    return this.#move(record, state, patch, note);
  }

  /**
   * Ends a generation as failed, saying who decided it. A local verdict on a task Runware
   * may hold is refused here, whichever caller asks (rule 7 in transitions.ts).
   */
  async fail(record: GenerationRecord, verdict: Verdict, patch: RecordPatch & { error?: ErrorInfo } = {}): Promise<GenerationRecord> {
    if (!mayFail(record, verdict)) {
      throw new Error(`journal: ${record.id} may be held by Runware (${record.state}); only Runware can fail it`);
    }
    return this.#move(record, 'failed', patch);
  }

  async #move(record: GenerationRecord, state: GenerationState, patch: RecordPatch, note?: string): Promise<GenerationRecord> {
    if (!canMove(record.state, state, record.kind ?? 'single')) {
      throw new Error(`journal: ${record.id} cannot move from ${record.state} to ${state}`);
    }
    const at = this.#now().toISOString();
    const history = record.state === state && !note ? record.history : [...record.history, { state, at, ...(note ? { note } : {}) }];
    return this.#write({ ...record, ...patch, state, history, updatedAt: at });
  }

  async patch(record: GenerationRecord, patch: RecordPatch): Promise<GenerationRecord> {
    return this.#write({ ...record, ...patch, updatedAt: this.#now().toISOString() });
  }

  async #write(record: GenerationRecord): Promise<GenerationRecord> {
    await this.#store.write(record);
    this.#onChange(record);
    return record;
  }
}
