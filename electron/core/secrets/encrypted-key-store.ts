import { z } from 'zod';
import { unlink } from 'node:fs/promises';
import { BACKEND_LABELS, KeyBackendSchema, isWeakBackend, type KeyStatus } from '../../../shared/key-status.ts';
import type { NoticeCenter } from '../shell/notices.ts';
import { readJson, setAside, writeJsonAtomic } from '../fs/atomic-json.ts';
import type { Logger } from '../logging/logger.ts';
import type { Redactor } from '../logging/redactor.ts';
import { Listeners } from '../shell/listeners.ts';
import { lastFour, normaliseApiKey } from './api-key-format.ts';
import type { Cipher } from './cipher.ts';
import type { KeyStore } from './key-store.ts';

const SecretsFileSchema = z.object({
  version: z.literal(1),
  allowWeakPersistence: z.boolean(),
  apiKey: z
    .object({
      ciphertext: z.string().min(1),
      backend: KeyBackendSchema,
      savedAt: z.string(),
    })
    .nullable(),
});
type SecretsFile = z.infer<typeof SecretsFileSchema>;

export interface EncryptedKeyStoreOptions {
  file: string;
  cipher: Cipher;
  redactor: Redactor;
  notices: NoticeCenter;
  logger: Logger;
  now?: () => Date;
}

const PASTE_AGAIN = 'Paste it again in Settings (Ctrl+,).';

/**
 * The API key, encrypted with the OS keyring and kept in `secrets.json` in the app
 * data folder. Policy (after VS Code and Signal):
 * - with a real keyring the key is stored encrypted;
 * - without one (Linux `basic_text`/`unknown`) it is kept for this session only,
 *   unless the person explicitly opts in to storing it obfuscated;
 * - a stored key that no longer decrypts is dropped with a notice, never a crash.
 * Operations are serialised so overlapping set/remove calls cannot interleave writes.
 */
export class EncryptedKeyStore implements KeyStore {
  readonly #o: EncryptedKeyStoreOptions;
  readonly #listeners = new Listeners<KeyStatus>();
  #key: string | null = null;
  #persisted = false;
  #allowWeak = false;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(options: EncryptedKeyStoreOptions) {
    this.#o = options;
  }

  static async open(options: EncryptedKeyStoreOptions): Promise<EncryptedKeyStore> {
    const store = new EncryptedKeyStore(options);
    await store.#load();
    return store;
  }

  status(): KeyStatus {
    return {
      configured: this.#key !== null,
      last4: this.#key ? lastFour(this.#key) : null,
      backend: this.#o.cipher.backend(),
      persisted: this.#persisted,
    };
  }

  getKey(): string | null {
    return this.#key;
  }

  async set(raw: string): Promise<KeyStatus> {
    const key = normaliseApiKey(raw);
    this.#o.redactor.add(key);
    return this.#serial(async () => {
      this.#key = key;
      await this.#persistCurrent();
      return this.#changed();
    });
  }

  remove(): Promise<KeyStatus> {
    return this.#serial(async () => {
      this.#key = null;
      await this.#write(null);
      return this.#changed();
    });
  }

  setWeakPersistence(allowed: boolean): Promise<KeyStatus> {
    return this.#serial(async () => {
      this.#allowWeak = allowed;
      await this.#persistCurrent();
      return this.#changed();
    });
  }

  onChange(listener: (status: KeyStatus) => void): () => void {
    return this.#listeners.add(listener);
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #changed(): KeyStatus {
    const status = this.status();
    this.#listeners.emit(status);
    return status;
  }

  async #mayPersist(): Promise<boolean> {
    if (this.#allowWeak) return true;
    try {
      return await this.#o.cipher.isStrong();
    } catch {
      return false;
    }
  }

  /** Writes the key in memory to disk when policy allows, else makes sure none is left there. */
  async #persistCurrent(): Promise<void> {
    if (this.#key === null || !(await this.#mayPersist())) {
      await this.#write(null);
      return;
    }
    try {
      const data = await this.#o.cipher.encrypt(this.#key);
      await this.#write({
        ciphertext: data.toString('base64'),
        backend: this.#o.cipher.backend(),
        savedAt: (this.#o.now?.() ?? new Date()).toISOString(),
      });
    } catch (error) {
      this.#o.logger.warn('could not store the API key; keeping it for this session', { error });
      await this.#write(null).catch(() => undefined);
      this.#o.notices.push(
        'warning',
        'Avatar Studio could not save your API key in the system keyring, so it will be used for this session only. Unlock or install a keyring, then set the key again.',
      );
    }
  }

  async #write(apiKey: SecretsFile['apiKey']): Promise<void> {
    this.#persisted = apiKey !== null;
    const content: SecretsFile = { version: 1, allowWeakPersistence: this.#allowWeak, apiKey };
    if (apiKey === null && !this.#allowWeak) {
      // Nothing worth keeping: leave no file behind.
      await unlink(this.#o.file).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      return;
    }
    await writeJsonAtomic(this.#o.file, content, 0o600);
  }

  async #load(): Promise<void> {
    const read = await readJson(this.#o.file, SecretsFileSchema);
    if (read.kind === 'missing') return;
    if (read.kind === 'invalid') {
      const aside = await setAside(this.#o.file).catch(() => null);
      this.#o.logger.warn('secrets file unreadable', { reason: read.reason, aside });
      this.#o.notices.push('warning', `Your saved API key could not be read, so it was set aside. ${PASTE_AGAIN}`);
      return;
    }
    this.#allowWeak = read.value.allowWeakPersistence;
    const entry = read.value.apiKey;
    if (!entry) return;
    const current = this.#o.cipher.backend();
    try {
      const { value, shouldReEncrypt } = await this.#o.cipher.decrypt(Buffer.from(entry.ciphertext, 'base64'));
      this.#key = normaliseApiKey(value);
      this.#o.redactor.add(this.#key);
      this.#persisted = true;
      // A rotated keyring key, or a key kept obfuscated that a real keyring can now protect.
      if (shouldReEncrypt || (entry.backend !== current && !isWeakBackend(current))) await this.#persistCurrent();
    } catch (error) {
      this.#o.logger.warn('stored API key no longer decrypts; dropping it', {
        savedWith: entry.backend,
        now: current,
        error: error instanceof Error ? error.message : String(error),
      });
      await this.#write(null).catch(() => undefined);
      const why =
        entry.backend !== current
          ? `It was protected by ${BACKEND_LABELS[entry.backend]}, and this session uses ${BACKEND_LABELS[current]}.`
          : 'The system keyring no longer opens it (it may have been reset).';
      this.#o.notices.push('warning', `Your saved Runware API key could not be decrypted and was removed. ${why} ${PASTE_AGAIN}`);
    }
  }
}
