import { request } from 'undici';
import { z } from 'zod';
import { TTS_MODELS, ttsModel, type SpeechModelView, type TtsModel } from '../../../shared/tts-models.ts';
import { readJson, writeJsonAtomic } from '../fs/atomic-json.ts';
import type { Logger } from '../logging/logger.ts';

/** Runware's published model schemas ([SDK] runware-typescript `src/validate.ts`). */
export const DEFAULT_SCHEMAS_URL = 'https://schemas.runware.ai';

/** A list fetched less than a week ago is used as it is. */
const FRESH_MS = 7 * 24 * 3600 * 1000;
const TIMEOUT_MS = 8000;
const MAX_VOICES = 500;

const CacheSchema = z.object({
  version: z.literal(1),
  models: z.record(z.string(), z.object({ voices: z.array(z.string()), fetchedAt: z.number() })),
});
type Cache = z.infer<typeof CacheSchema>;

export interface VoiceCatalogOptions {
  /** Where `/resolve/<AIR>` answers: Runware's schemas, or the stand-in's in the demo and in tests. */
  baseUrl: string;
  /** The cache in the app's folder (`tts-voices.json`). */
  file: string;
  logger: Logger;
  now?: () => number;
}

export interface VoiceList {
  models: SpeechModelView[];
  /** Said when a list could not be fetched and the table's voices are shown instead; else null. */
  notice: string | null;
}

/**
 * The voices of each text-to-speech model, for the Script source's picker and for checking a
 * script before it is sent. Models whose whole list is in the table use it; the others read
 * the `voice` enum from Runware's JSON schema for the model, fetched by main (never by the
 * window), cached in the app's folder for a week, and fall back to the cache or the table
 * with a message when the schema cannot be read.
 */
export class VoiceCatalog {
  readonly #options: VoiceCatalogOptions;
  /** Cache writes one after another, each on the latest file: two models found at once both stay. */
  #writing: Promise<void> = Promise.resolve();
  readonly #inFlight = new Map<string, Promise<{ voices: string[]; from: 'schema' | 'table'; problem: string | null }>>();

  constructor(options: VoiceCatalogOptions) {
    this.#options = options;
  }

  async list(): Promise<VoiceList> {
    const rows = await Promise.all(TTS_MODELS.map(async (model) => ({ model, found: await this.#voicesOf(model) })));
    const failed = rows.filter((r) => r.found.problem !== null);
    return {
      models: rows.map(({ model, found }) => ({
        air: model.air,
        label: model.label,
        pricePer1kChars: model.pricePer1kChars,
        textLimit: model.textLimit,
        voices: found.voices,
        voicesFrom: found.from,
      })),
      notice:
        failed.length === 0
          ? null
          : `Runware's voice list for ${failed.map((r) => r.model.label).join(' and ')} could not be read (${failed[0]?.found.problem}), so only the voices Avatar Studio knows are offered. It is asked again the next time you open Script.`,
    };
  }

  /** The voices a model accepts: the schema's when it could be read, else the table's. */
  async voices(air: string): Promise<readonly string[]> {
    const model = ttsModel(air);
    return model ? (await this.#voicesOf(model)).voices : [];
  }

  #voicesOf(model: TtsModel): Promise<{ voices: string[]; from: 'schema' | 'table'; problem: string | null }> {
    if (model.voicesComplete) return Promise.resolve({ voices: [...model.voices], from: 'table', problem: null });
    const running = this.#inFlight.get(model.air);
    if (running) return running;
    const work = this.#lookUp(model).finally(() => this.#inFlight.delete(model.air));
    this.#inFlight.set(model.air, work);
    return work;
  }

  async #lookUp(model: TtsModel): Promise<{ voices: string[]; from: 'schema' | 'table'; problem: string | null }> {
    const now = this.#options.now?.() ?? Date.now();
    const cache = await this.#readCache();
    const cached = cache.models[model.air];
    if (cached && now - cached.fetchedAt < FRESH_MS && cached.voices.length > 0) {
      return { voices: cached.voices, from: 'schema', problem: null };
    }
    try {
      const voices = await this.#fetch(model.air);
      await this.#remember(model.air, { voices, fetchedAt: now });
      return { voices, from: 'schema', problem: null };
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      this.#options.logger.warn('voice list not read', { model: model.air, problem });
      // A list read once is still better than the table's few: it is used until it can be renewed.
      if (cached && cached.voices.length > 0) return { voices: cached.voices, from: 'schema', problem: null };
      return { voices: [...model.voices], from: 'table', problem };
    }
  }

  async #fetch(air: string): Promise<string[]> {
    const url = `${this.#options.baseUrl.replace(/\/+$/, '')}/resolve/${encodeURIComponent(air)}`;
    const response = await request(url, { method: 'GET', headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS }).catch((error: unknown) => {
      throw new Error(`no answer from ${new URL(url).host}: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new Error(`HTTP ${response.statusCode}`);
    }
    const body = (await response.body.json().catch(() => null)) as { requestSchema?: unknown } | null;
    const voices = voicesInSchema(body?.requestSchema);
    if (voices.length === 0) throw new Error('the schema names no voices');
    return voices;
  }

  async #readCache(): Promise<Cache> {
    const read = await readJson(this.#options.file, CacheSchema);
    return read.kind === 'ok' ? read.value : { version: 1, models: {} };
  }

  #remember(air: string, entry: Cache['models'][string]): Promise<void> {
    this.#writing = this.#writing.then(async () => {
      const latest = await this.#readCache();
      // Only a convenience: a cache that cannot be written is asked for again next time.
      await writeJsonAtomic(this.#options.file, { ...latest, models: { ...latest.models, [air]: entry } }).catch(() => undefined);
    });
    return this.#writing;
  }
}

/**
 * Every voice a model's request schema allows. Where the enum sits is [UNK] (no schema body
 * was seen): it is looked for under any `voice` property, as `enum`, or as `const` values in
 * `oneOf`/`anyOf` (a schema that lists voices per language uses those), however deep — so
 * `speech.voice`, a multi-speaker `voices[].voice` and `$defs` all count.
 */
export function voicesInSchema(schema: unknown): string[] {
  const found = new Set<string>();
  const take = (value: unknown) => {
    if (typeof value === 'string' && value.length > 0 && value.length <= 100 && found.size < MAX_VOICES) found.add(value);
  };
  const enumOf = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (Array.isArray(n.enum)) n.enum.forEach(take);
    take(n.const);
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
      if (Array.isArray(n[key])) (n[key] as unknown[]).forEach(enumOf);
    }
  };
  const seen = new Set<object>();
  const walk = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 40 || seen.has(node)) return;
    seen.add(node);
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === 'voice') enumOf(value);
      walk(value, depth + 1);
    }
  };
  walk(schema, 0);
  return [...found];
}
