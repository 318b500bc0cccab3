import type { KeyBackend, KeyStatus } from '../../../shared/key-status.ts';
import type { Redactor } from '../logging/redactor.ts';
import { lastFour, normaliseApiKey } from './api-key-format.ts';
import type { KeyStore } from './key-store.ts';
import { Listeners } from '../shell/listeners.ts';

/** A key that lives only as long as the process: tests, the CLI (RUNWARE_API_KEY). */
export class MemoryKeyStore implements KeyStore {
  #key: string | null = null;
  readonly #listeners = new Listeners<KeyStatus>();
  readonly redactor: Redactor;
  readonly backend: Extract<KeyBackend, 'memory' | 'environment'>;

  constructor(redactor: Redactor, backend: Extract<KeyBackend, 'memory' | 'environment'> = 'memory', initialKey?: string) {
    this.redactor = redactor;
    this.backend = backend;
    if (initialKey) this.#key = this.#accept(initialKey);
  }

  #accept(raw: string): string {
    const key = normaliseApiKey(raw);
    this.redactor.add(key);
    return key;
  }

  status(): KeyStatus {
    return {
      configured: this.#key !== null,
      last4: this.#key ? lastFour(this.#key) : null,
      backend: this.backend,
      persisted: false,
    };
  }

  getKey(): string | null {
    return this.#key;
  }

  // The KeyStore contract is asynchronous (a real keyring is); memory answers at once.
  set(key: string): Promise<KeyStatus> {
    try {
      this.#key = this.#accept(key);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.#listeners.emit(this.status());
    return Promise.resolve(this.status());
  }

  remove(): Promise<KeyStatus> {
    this.#key = null;
    this.#listeners.emit(this.status());
    return Promise.resolve(this.status());
  }

  setWeakPersistence(): Promise<KeyStatus> {
    return Promise.resolve(this.status());
  }

  onChange(listener: (status: KeyStatus) => void): () => void {
    return this.#listeners.add(listener);
  }
}
