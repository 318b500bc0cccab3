import { createHash } from 'node:crypto';
import { z } from 'zod';
import { readJson, writeJsonAtomic } from '../fs/atomic-json.ts';

const CacheFileSchema = z.object({
  version: z.literal(1),
  entries: z.record(z.string(), z.object({ mediaUUID: z.string(), uploadedAt: z.number() })),
});

/**
 * Runware's retention of uploaded media is undocumented ([UNK]; imageUpload keeps
 * images 30 days after last use). A week is well inside that; and a "media not
 * found" answer still triggers a re-upload, so a stale entry costs one retry.
 */
export const DEFAULT_UPLOAD_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * sha256 of the bytes → the mediaUUID Runware gave them, so the same portrait or
 * voice is not uploaded twice. Kept in `upload-cache.json` in the app-data folder
 * (shared by the window and the CLI) when a file is given.
 */
export class UploadCache {
  readonly #file: string | null;
  readonly #retentionMs: number;
  readonly #now: () => number;
  #entries = new Map<string, { mediaUUID: string; uploadedAt: number }>();
  #loaded = false;
  #writing: Promise<unknown> = Promise.resolve();

  constructor(options: { file?: string; retentionMs?: number; now?: () => number } = {}) {
    this.#file = options.file ?? null;
    this.#retentionMs = options.retentionMs ?? DEFAULT_UPLOAD_RETENTION_MS;
    this.#now = options.now ?? Date.now;
  }

  async get(hash: string): Promise<string | null> {
    await this.#load();
    const entry = this.#entries.get(hash);
    if (!entry) return null;
    if (this.#now() - entry.uploadedAt > this.#retentionMs) return null;
    return entry.mediaUUID;
  }

  async put(hash: string, mediaUUID: string): Promise<void> {
    await this.#load();
    this.#entries.set(hash, { mediaUUID, uploadedAt: this.#now() });
    await this.#save();
  }

  async forget(hash: string): Promise<void> {
    await this.#load();
    if (this.#entries.delete(hash)) await this.#save();
  }

  async #load(): Promise<void> {
    if (this.#loaded) return;
    this.#loaded = true;
    if (!this.#file) return;
    const read = await readJson(this.#file, CacheFileSchema);
    // An unreadable cache only costs re-uploads: start empty rather than fail.
    if (read.kind === 'ok') this.#entries = new Map(Object.entries(read.value.entries));
  }

  #save(): Promise<void> {
    const file = this.#file;
    if (!file) return Promise.resolve();
    const now = this.#now();
    for (const [hash, entry] of this.#entries) {
      if (now - entry.uploadedAt > this.#retentionMs) this.#entries.delete(hash);
    }
    const snapshot = { version: 1 as const, entries: Object.fromEntries(this.#entries) };
    const run = this.#writing.then(() => writeJsonAtomic(file, snapshot));
    this.#writing = run.catch(() => undefined);
    return run;
  }
}
