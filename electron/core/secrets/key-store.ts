import type { KeyStatus } from '../../../shared/key-status.ts';

/**
 * Holds the Runware API key for the main process. The key itself is only ever
 * handed to the Runware client; everything else sees `status()`.
 */
export interface KeyStore {
  status(): KeyStatus;
  getKey(): string | null;
  set(key: string): Promise<KeyStatus>;
  remove(): Promise<KeyStatus>;
  /** Opt in (or out) of keeping the key on disk when no keyring protects it. */
  setWeakPersistence(allowed: boolean): Promise<KeyStatus>;
  onChange(listener: (status: KeyStatus) => void): () => void;
}
