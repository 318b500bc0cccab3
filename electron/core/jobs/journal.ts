import type { GenerationRecord, GenerationState } from '../../../shared/generation.ts';
import type { GenerationStore } from '../projects/generation-store.ts';
import { canMove } from './transitions.ts';

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

  async move(record: GenerationRecord, state: GenerationState, patch: RecordPatch = {}, note?: string): Promise<GenerationRecord> {
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
