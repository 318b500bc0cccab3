import { z } from 'zod';
import { readJson, writeJsonAtomic } from '../fs/atomic-json.ts';

/**
 * What the app has learned about an endpoint's behaviour where Runware's docs are silent
 * (docs/runware-assumptions.md): whether one getResponse request may ask about several
 * tasks, and whether getTaskDetails answers. Kept per endpoint in `runware-findings.json`
 * in the app-data folder, shared by the window, the CLI and `doctor`, so the queue uses
 * what a check found.
 */
const FindingSchema = z.object({
  supported: z.boolean(),
  /** When it was found (ms since the epoch). */
  at: z.number(),
  /** What was seen, in words for the log and `doctor`. */
  detail: z.string().max(500),
});
export type Finding = z.infer<typeof FindingSchema>;

const FeatureSchema = z.enum(['pollBatching', 'taskDetails']);
export type Feature = z.infer<typeof FeatureSchema>;

const FileSchema = z.object({
  version: z.literal(1),
  endpoints: z.record(z.string(), z.partialRecord(FeatureSchema, FindingSchema)),
});

/** A finding that a feature is missing is checked again after this long (the API may have changed). */
export const RECHECK_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

export class EndpointFindings {
  readonly #file: string | null;
  readonly #now: () => number;
  #endpoints: Record<string, Partial<Record<Feature, Finding>>> = {};
  #loading: Promise<void> | null = null;
  #writing: Promise<unknown> = Promise.resolve();

  constructor(options: { file?: string; now?: () => number } = {}) {
    this.#file = options.file ?? null;
    this.#now = options.now ?? Date.now;
  }

  /** Reads the file once; an unreadable one only means checking again. */
  load(): Promise<void> {
    this.#loading ??= (async () => {
      if (!this.#file) return;
      const read = await readJson(this.#file, FileSchema);
      if (read.kind === 'ok') this.#endpoints = { ...read.value.endpoints, ...this.#endpoints };
    })();
    return this.#loading;
  }

  /** What is known now (after `load`), recent enough to act on; a stale "unsupported" is forgotten. */
  peek(endpoint: string, feature: Feature): Finding | null {
    const finding = this.#endpoints[endpoint]?.[feature];
    if (!finding) return null;
    if (!finding.supported && this.#now() - finding.at > RECHECK_AFTER_MS) return null;
    return finding;
  }

  async get(endpoint: string, feature: Feature): Promise<Finding | null> {
    await this.load();
    return this.peek(endpoint, feature);
  }

  /** Remembers a finding; failing to save it only means finding it out again next time. */
  async record(endpoint: string, feature: Feature, finding: Omit<Finding, 'at'>): Promise<void> {
    await this.load();
    this.#endpoints[endpoint] = { ...this.#endpoints[endpoint], [feature]: { ...finding, at: this.#now() } };
    const file = this.#file;
    if (!file) return;
    const snapshot = { version: 1 as const, endpoints: this.#endpoints };
    const run = this.#writing.then(() => writeJsonAtomic(file, snapshot));
    this.#writing = run.catch(() => undefined);
    await run.catch(() => undefined);
  }
}
