import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { readJson, setAside, writeJsonAtomic } from '../fs/atomic-json.ts';
import type { MadeInputs } from '../../../shared/generation.ts';
import type { Project } from './project.ts';

const EntrySchema = z.object({
  kind: z.enum(['speech', 'portrait']),
  /** The result in the project's media (`media/<sha256-16>.<ext>`). */
  file: z.string(),
  model: z.string(),
  /** Speech: the voice, the script and how long it speaks. */
  voice: z.string().optional(),
  text: z.string().optional(),
  durationSec: z.number().nonnegative().optional(),
  sampleRate: z.number().int().positive().optional(),
  channels: z.number().int().positive().optional(),
  /** Portrait: the description, the seed and the size. */
  prompt: z.string().optional(),
  seed: z.number().nullable().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  /** What Runware reported for it (null: it did not say; the estimate is kept beside). */
  costUSD: z.number().nonnegative().nullable(),
  estimateUSD: z.number().nonnegative().nullable(),
  createdAt: z.string(),
});
export type PaidMediaEntry = z.infer<typeof EntrySchema>;

const LedgerSchema = z.object({ version: z.literal(1), entries: z.record(z.string(), EntrySchema) });

/**
 * What a project paid for besides its videos — speech from scripts, portraits from
 * descriptions — so it stays in the project's spend and is never asked for twice (speech is
 * keyed by what was asked: model, voice, text, format). Kept in `.studio/paid-media.json`.
 */
export class PaidMediaLedger {
  static #file(project: Project): string {
    return join(project.dir, '.studio', 'paid-media.json');
  }

  static async get(project: Project, key: string): Promise<PaidMediaEntry | null> {
    const read = await readJson(PaidMediaLedger.#file(project), LedgerSchema);
    return read.kind === 'ok' ? (read.value.entries[key] ?? null) : null;
  }

  static async all(project: Project): Promise<PaidMediaEntry[]> {
    const read = await readJson(PaidMediaLedger.#file(project), LedgerSchema);
    return read.kind === 'ok' ? Object.values(read.value.entries) : [];
  }

  static async put(project: Project, key: string, entry: PaidMediaEntry): Promise<void> {
    const file = PaidMediaLedger.#file(project);
    const read = await readJson(file, LedgerSchema);
    // A ledger damaged by hand is kept beside the new one, never overwritten.
    if (read.kind === 'invalid') await setAside(file).catch(() => undefined);
    const entries = read.kind === 'ok' ? read.value.entries : {};
    await mkdir(dirname(file), { recursive: true });
    await writeJsonAtomic(file, { version: 1, entries: { ...entries, [key]: entry } });
  }

  /**
   * What Runware made of a composition's inputs (the window's Script and Describe sources put
   * them in the project's media), read from the ledger rather than taken from the window: the
   * script, voice, prompt and seed, and what each cost when it was made (paid then, so `reused`).
   */
  static async madeOf(project: Project, files: { image: string; audio: string }): Promise<MadeInputs | undefined> {
    const entries = await PaidMediaLedger.all(project);
    const speech = entries.find((e) => e.kind === 'speech' && e.file === files.audio);
    const portrait = entries.find((e) => e.kind === 'portrait' && e.file === files.image);
    if (!speech && !portrait) return undefined;
    return {
      ...(speech
        ? {
            speech: {
              text: speech.text ?? '',
              model: speech.model,
              voice: speech.voice ?? '',
              costUSD: speech.costUSD ?? speech.estimateUSD ?? 0,
              reused: true,
            },
          }
        : {}),
      ...(portrait
        ? {
            portrait: {
              prompt: portrait.prompt ?? '',
              model: portrait.model,
              seed: portrait.seed ?? null,
              costUSD: portrait.costUSD,
              reused: true,
            },
          }
        : {}),
    };
  }

  /** What it all cost (reported cost, else the estimate). */
  static async spentUSD(project: Project): Promise<number> {
    const read = await readJson(PaidMediaLedger.#file(project), LedgerSchema);
    if (read.kind !== 'ok') return 0;
    return Object.values(read.value.entries).reduce((sum, e) => sum + (e.costUSD ?? e.estimateUSD ?? 0), 0);
  }
}
