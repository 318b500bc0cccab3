import { createHash } from 'node:crypto';
import { z } from 'zod';
import { readJson, writeJsonAtomic } from '../fs/atomic-json.ts';

const EntrySchema = z.object({ mediaUUID: z.string(), uploadedAt: z.number() });
type Entry = z.infer<typeof EntrySchema>;

/** Version 1 had one table for every endpoint and account; it is read as empty (it only costs uploads). */
const CacheFileSchema = z.object({
  version: z.literal(2),
  scopes: z.record(z.string(), z.record(z.string(), EntrySchema)),
});

/**
 * Runware's retention of uploaded media is undocumented ([UNK]; imageUpload keeps
 * images 30 days after last use). A week is well inside that; and a refusal of a
 * cached input triggers a re-upload, so a stale entry costs one retry.
 */
export const DEFAULT_UPLOAD_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Whose uploads a cache entry belongs to: the endpoint and a fingerprint of the key (a
 * hash, never the key). A media UUID one account or server gave means nothing to another.
 */
export function uploadScope(endpoint: string, apiKey: string): string {
  return `${endpoint} key:${sha256(`avatar-studio upload scope\n${apiKey}`).slice(0, 16)}`;
}

/**
 * sha256 of the bytes → the mediaUUID Runware gave them, per scope, so the same
 * portrait or voice is not uploaded twice. Kept in `upload-cache.json` in the app-data
 * folder (shared by the window and the CLI) when a file is given.
 */
export class UploadCache {
  readonly #file: string | null;
  readonly #retentionMs: number;
  readonly #now: () => number;
  #scopes = new Map<string, Map<string, Entry>>();
  #loaded = false;
  #writing: Promise<unknown> = Promise.resolve();

  constructor(options: { file?: string; retentionMs?: number; now?: () => number } = {}) {
    this.#file = options.file ?? null;
    this.#retentionMs = options.retentionMs ?? DEFAULT_UPLOAD_RETENTION_MS;
    this.#now = options.now ?? Date.now;
  }

  async get(scope: string, hash: string): Promise<string | null> {
    await this.#load();
    const entry = this.#scopes.get(scope)?.get(hash);
    if (!entry) return null;
    if (this.#now() - entry.uploadedAt > this.#retentionMs) return null;
    return entry.mediaUUID;
  }

  async put(scope: string, hash: string, mediaUUID: string): Promise<void> {
    await this.#load();
    let entries = this.#scopes.get(scope);
    if (!entries) this.#scopes.set(scope, (entries = new Map<string, Entry>()));
    entries.set(hash, { mediaUUID, uploadedAt: this.#now() });
    await this.#save();
  }

  async forget(scope: string, hash: string): Promise<void> {
    await this.#load();
    if (this.#scopes.get(scope)?.delete(hash)) await this.#save();
  }

  async #load(): Promise<void> {
    if (this.#loaded) return;
    this.#loaded = true;
    if (!this.#file) return;
    const read = await readJson(this.#file, CacheFileSchema);
    // An unreadable (or older) cache only costs re-uploads: start empty rather than fail.
    if (read.kind !== 'ok') return;
    for (const [scope, entries] of Object.entries(read.value.scopes)) this.#scopes.set(scope, new Map(Object.entries(entries)));
  }

  #save(): Promise<void> {
    const file = this.#file;
    if (!file) return Promise.resolve();
    const now = this.#now();
    const scopes: Record<string, Record<string, Entry>> = {};
    for (const [scope, entries] of this.#scopes) {
      for (const [hash, entry] of entries) if (now - entry.uploadedAt > this.#retentionMs) entries.delete(hash);
      if (entries.size > 0) scopes[scope] = Object.fromEntries(entries);
      else this.#scopes.delete(scope);
    }
    const run = this.#writing.then(() => writeJsonAtomic(file, { version: 2 as const, scopes }));
    this.#writing = run.catch(() => undefined);
    return run;
  }
}
