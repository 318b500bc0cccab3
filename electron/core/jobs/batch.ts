import { randomUUID } from 'node:crypto';
import { copyFile, link, mkdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { billedSeconds, cents, estimateCostUSD, type AuroraSettings } from '../../../shared/aurora.ts';
import { AppError, isAppError } from '../../../shared/errors.ts';
import { isTerminal, type GenerationRecord } from '../../../shared/generation.ts';
import { checkTrim } from '../../../shared/trim.ts';
import type { Logger } from '../logging/logger.ts';
import { freePath, outputName, outputNameFor } from '../projects/output-names.ts';
import type { Project } from '../projects/project.ts';
import { safeFolderName } from '../projects/safe-names.ts';
import type { BatchItemInput } from './batch-manifest.ts';
import { validateSettings } from './create-generation.ts';
import type { BatchProgress } from './engine-events.ts';
import type { JobEngine } from './job-engine.ts';
import type { MediaOps } from './media-ops.ts';
import { projectPricePerSecond } from './pricing.ts';

export interface PlannedItem extends BatchItemInput {
  index: number;
  startSec: number;
  endSec: number;
  durationSec: number;
  billedSeconds: number;
  estimateUSD: number;
  name: string;
}

/** What the person confirms before a batch starts. */
export interface BatchPlan {
  id: string;
  name: string;
  items: PlannedItem[];
  problems: { index: number; message: string }[];
  totalSec: number;
  totalBilledSec: number;
  totalUSD: number;
}

/**
 * Many generations at once (1 portrait × N voices, N portraits × 1 voice, or a
 * manifest): every item is checked and priced before anything is queued; each item
 * is an ordinary journaled generation tagged with its batch. Finished takes are also
 * linked into `exports/<batch>/` under names from the project's template, and each
 * finished item publishes the batch's count on the engine's bus.
 */
export class BatchCoordinator {
  readonly #engine: JobEngine;
  readonly #media: MediaOps;
  readonly #log: Logger | undefined;
  readonly #pending = new Set<Promise<void>>();
  readonly #followed = new WeakSet<GenerationRecord>();

  constructor(options: { engine: JobEngine; media: MediaOps; logger?: Logger }) {
    this.#engine = options.engine;
    this.#media = options.media;
    this.#log = options.logger;
    this.#engine.listen({
      changed: (project, record) => {
        // The engine announces a finished record more than once (when it is written, and when its
        // step ends); each version is followed up once, so exports and listings are not repeated.
        if (this.#followed.has(record)) return;
        this.#followed.add(record);
        const work = this.#itemChanged(project, record);
        this.#pending.add(work);
        void work.finally(() => this.#pending.delete(work));
      },
    });
  }

  /** Resolves once the follow-ups of finished items (exports, the batch notification) are written. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  /** Checks and prices every item (nothing is written): problems are listed, not thrown. */
  async plan(
    project: Project,
    items: readonly BatchItemInput[],
    options: { name?: string; settings?: Partial<AuroraSettings> } = {},
  ): Promise<BatchPlan> {
    if (items.length === 0) throw new AppError('batch_empty', 'A batch needs at least one portrait and one voice.');
    const settings = validateSettings({ ...project.info.defaults.settings, ...options.settings });
    const template = project.info.outputNameTemplate.replace(/[_\s-]*\{take\}/g, '');
    const planned: PlannedItem[] = [];
    const problems: BatchPlan['problems'] = [];
    for (const [i, item] of items.entries()) {
      const index = i + 1;
      try {
        const itemSettings = validateSettings({
          ...settings,
          ...item.settings,
          ...(item.prompt !== undefined ? { positivePrompt: item.prompt } : {}),
        });
        const { durationSec } = await this.#media.probeAudio(item.audio);
        await this.#media.probeImage(item.image);
        const startSec = item.startSec ?? 0;
        const endSec = item.endSec ?? durationSec;
        checkTrim(startSec, endSec, durationSec, basename(item.audio));
        const name =
          item.name ??
          outputName(template || '{audio}', {
            project: project.info.name,
            image: item.originalNames?.image ?? item.image,
            audio: item.originalNames?.audio ?? item.audio,
            take: 1,
            name: '',
          });
        planned.push({
          ...item,
          index,
          startSec,
          endSec,
          durationSec,
          billedSeconds: billedSeconds(endSec - startSec),
          estimateUSD: estimateCostUSD(endSec - startSec, itemSettings.numberResults, projectPricePerSecond(project, itemSettings)),
          name,
        });
      } catch (error) {
        problems.push({ index, message: isAppError(error) ? error.message : 'This item could not be read.' });
      }
    }
    const totalUSD = cents(planned.reduce((s, p) => s + p.estimateUSD, 0));
    return {
      id: randomUUID(),
      name: options.name?.trim() || `Batch of ${items.length}`,
      items: planned,
      problems,
      totalSec: Math.round(planned.reduce((s, p) => s + (p.endSec - p.startSec), 0) * 100) / 100,
      totalBilledSec: planned.reduce((s, p) => s + p.billedSeconds, 0),
      totalUSD,
    };
  }

  /** Queues a confirmed plan (the caller checked its total against the budget). Refuses a plan with problems. */
  async start(project: Project, plan: BatchPlan, settings: Partial<AuroraSettings> = {}): Promise<GenerationRecord[]> {
    if (plan.problems.length > 0) {
      throw new AppError('batch_invalid', plan.problems.map((p) => `Item ${p.index}: ${p.message}`).join('\n'));
    }
    return this.#engine.enqueueAll(
      project,
      plan.items.map((item) => ({
        image: item.image,
        audio: item.audio,
        startSec: item.startSec,
        endSec: item.endSec,
        settings: { ...settings, ...item.settings, ...(item.prompt !== undefined ? { positivePrompt: item.prompt } : {}) },
        name: item.name,
        ...(item.originalNames ? { originalNames: item.originalNames } : {}),
        batch: { id: plan.id, index: item.index, count: plan.items.length, name: plan.name },
      })),
    );
  }

  async progress(project: Project, batchId: string): Promise<BatchProgress | null> {
    const { generations } = await project.generations.list();
    const items = generations.filter((g) => g.batch?.id === batchId);
    const first = items[0]?.batch;
    if (!first) return null;
    return {
      id: batchId,
      name: first.name,
      count: first.count,
      done: items.filter((g) => g.state === 'done').length,
      failed: items.filter((g) => g.state === 'failed' || g.state === 'canceled').length,
      costUSD: cents(items.reduce((s, g) => s + (g.costUSD ?? 0), 0)),
    };
  }

  async #itemChanged(project: Project, record: GenerationRecord): Promise<void> {
    if (!record.batch || !isTerminal(record.state)) return;
    try {
      if (record.state === 'done') await this.#exportTakes(project, record);
      const progress = await this.progress(project, record.batch.id);
      if (progress) this.#engine.events.emit('batch', project, progress);
    } catch (error) {
      this.#log?.warn('batch follow-up failed', { id: record.id, error });
    }
  }

  /** Links (or copies) each finished take into exports/<batch>/ under the project's name template. */
  async #exportTakes(project: Project, record: GenerationRecord): Promise<void> {
    const dir = join(project.exportsDir(), safeFolderName(record.batch?.name ?? 'Batch'));
    await mkdir(dir, { recursive: true });
    for (const take of record.takes) {
      if (take.state !== 'done' || !take.file) continue;
      const name = outputNameFor(project.info.outputNameTemplate, project.info.name, record, take.index);
      const ext = extname(take.file).slice(1);
      const source = project.generations.file(record.id, take.file);
      // Already there (a later change to the record, or a restart): nothing to do.
      const existing = await stat(join(dir, `${name}.${ext}`)).catch(() => null);
      if (existing && existing.size === (await stat(source)).size) continue;
      const target = existing ? await freePath(dir, name, ext) : join(dir, `${name}.${ext}`);
      // A hard link costs no space; across devices it falls back to a copy.
      await link(source, target).catch(() => copyFile(source, target));
    }
  }
}
