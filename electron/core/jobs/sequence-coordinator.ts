import { basename, extname } from 'node:path';
import { AURORA_MAX_AUDIO_SECONDS, estimatePartsCost, type AuroraSettings } from '../../../shared/aurora.ts';
import type { Composition, CompositionRequest } from '../../../shared/composition.ts';
import { AppError } from '../../../shared/errors.ts';
import type { GenerationRecord, MadeInputs, SequencePart } from '../../../shared/generation.ts';
import { checkCuts, partsOf } from '../../../shared/split-plan.ts';
import type { Logger } from '../logging/logger.ts';
import type { Project } from '../projects/project.ts';
import { measureInputs, newRecord, requestFromRecord, validateSettings } from './create-generation.ts';
import type { JobEngine } from './job-engine.ts';
import { Journal } from './journal.ts';
import type { MediaOps } from './media-ops.ts';
import { asLocalWriteError } from '../fs/local-write-error.ts';
import { bytesStillNeeded, projectFolder } from './space-needed.ts';
import { errorInfo } from './steps.ts';
import { projectPricePerSecond } from './pricing.ts';

/** A split generation to make: its composition, and where to cut the selection (in seconds of the source audio). */
export type SequenceRequest = CompositionRequest &
  Pick<Composition, 'startSec' | 'endSec'> & {
    cuts: number[];
    /** Inputs Runware made (a voice from a script, a portrait from a description), kept in the record. */
    made?: MadeInputs;
  };

/** A split checked and priced before anything is copied or queued. */
export interface SplitPriced {
  settings: AuroraSettings;
  pieces: { startSec: number; endSec: number }[];
  billedSec: number;
  estimateUSD: number;
}

const RUNNING = new Set(['queued', 'preparing', 'uploading', 'submitting', 'processing', 'downloading', 'interrupted']);

/**
 * Audio over Aurora's 60 s, made as one video: a `sequence` record whose parts are
 * ordinary journaled generations (each resumable, retried alone, never billed
 * twice). When every part is done, their takes are joined over the original,
 * continuous audio (no seams at the cuts), checked against it, and kept. Every change
 * to a split generation is published on the engine's bus.
 */
export class SequenceCoordinator {
  readonly #engine: JobEngine;
  readonly #media: MediaOps;
  readonly #now: () => Date;
  readonly #log: Logger | undefined;
  readonly #busy = new Set<string>();
  /** Updates asked for while one was running: run once more afterwards, never lose one. */
  readonly #again = new Set<string>();
  readonly #partMarks = new Map<string, string>();

  constructor(options: { engine: JobEngine; media: MediaOps; now?: () => Date; logger?: Logger }) {
    this.#engine = options.engine;
    this.#media = options.media;
    this.#now = options.now ?? (() => new Date());
    this.#log = options.logger;
    this.#engine.listen({ changed: (project, record) => void this.#partChanged(project, record) });
  }

  /** Checks the settings and the cuts and prices the parts: nothing is read, copied or queued. */
  price(project: Project, request: SequenceRequest): SplitPriced {
    const settings = validateSettings({ ...project.info.defaults.settings, ...request.settings });
    if (settings.numberResults !== 1) {
      throw new AppError('sequence_takes', 'Audio made in parts gives one take per part; set Takes to 1.');
    }
    const problem = checkCuts(request.startSec, request.endSec, request.cuts);
    if (problem) throw new AppError('split_invalid', problem);
    const pieces = partsOf(request.startSec, request.endSec, request.cuts);
    if (pieces.length < 2)
      throw new AppError(
        'split_needless',
        `This selection fits in one generation (up to ${AURORA_MAX_AUDIO_SECONDS} s); no split is needed.`,
      );
    const { billedSec, totalUSD } = estimatePartsCost(pieces, projectPricePerSecond(project, settings));
    return { settings, pieces, billedSec, estimateUSD: totalUSD };
  }

  /** Creates the split generation and queues its parts (the caller priced it and checked the budget). */
  async create(project: Project, request: SequenceRequest, priced: SplitPriced = this.price(project, request)): Promise<GenerationRecord> {
    const { settings, pieces } = priced;
    // Measured once here; every part reuses it instead of decoding the whole source again.
    const inputs = await measureInputs(project, request, this.#media, Number.POSITIVE_INFINITY);
    const audioName = inputs.audio.originalName;
    const name = request.name?.trim() || basename(audioName, extname(audioName));
    const now = this.#now();
    let record = newRecord({
      id: await project.generations.newId(name, now),
      name,
      now,
      note: `split into ${pieces.length} parts`,
      kind: 'sequence',
      inputs: {
        image: inputs.image,
        audio: inputs.audio,
        trim: { startSec: request.startSec, endSec: request.endSec },
        normalizeLoudness: request.normalizeLoudness ?? project.info.defaults.normalizeLoudness,
      },
      params: settings,
      billedSeconds: priced.billedSec,
      estimateUSD: priced.estimateUSD,
      parts: pieces.map((p, i) => ({ index: i + 1, startSec: p.startSec, endSec: p.endSec, attempts: [] })),
      ...(request.made ? { made: request.made } : {}),
    });
    const journal = this.#journal(project);
    await project.generations.write(record);
    // The first parts may change (and ask for an update of this record) while the later
    // ones are still being queued: those updates wait, so none writes a stale list of parts.
    record = await this.#exclusively(project, record.id, async () => {
      let current = record;
      for (const part of current.parts ?? []) {
        const queued = await this.#enqueuePart(project, current, part);
        current = await journal.patch(current, {
          parts: withPart(current.parts, part.index, { generationId: queued.id, attempts: [queued.id] }),
        });
      }
      return current;
    });
    await project.generations.flushIndex();
    return record;
  }

  /**
   * Runs `work` as the only writer of a split generation's record: an update asked for
   * meanwhile runs after it, on what it wrote (a stale read would drop a part's id and
   * make the split generation look failed).
   */
  async #exclusively<T>(project: Project, sequenceId: string, work: () => Promise<T>): Promise<T> {
    const key = `${project.dir}\u0000${sequenceId}`;
    while (this.#busy.has(key)) await new Promise((resolve) => setTimeout(resolve, 10));
    this.#busy.add(key);
    try {
      return await work();
    } finally {
      this.#busy.delete(key);
      if (this.#again.delete(key)) await this.#update(project, sequenceId);
    }
  }

  /** Makes one failed part again (a new generation, billed on its own); the rest are kept. */
  async retryPart(project: Project, sequenceId: string, index: number): Promise<GenerationRecord> {
    return this.#exclusively(project, sequenceId, () => this.#retryPart(project, sequenceId, index));
  }

  async #retryPart(project: Project, sequenceId: string, index: number): Promise<GenerationRecord> {
    const record = await this.#read(project, sequenceId);
    const part = record.parts?.find((p) => p.index === index);
    if (!part) throw new AppError('part_missing', `There is no part ${index} in “${record.name}”.`);
    const current = part.generationId ? await project.generations.read(part.generationId) : null;
    const state = current && 'record' in current ? current.record.state : null;
    if (state && state !== 'failed' && state !== 'canceled') {
      throw new AppError('part_not_failed', `Part ${index} of “${record.name}” has not failed; only failed parts are made again.`);
    }
    const queued = await this.#enqueuePart(project, record, part);
    return this.#journal(project).move(
      record,
      'processing',
      { parts: withPart(record.parts, index, { generationId: queued.id, attempts: [...part.attempts, queued.id] }), error: undefined },
      `part ${index} made again`,
    );
  }

  /**
   * At startup: finish any split generation whose parts are all done (a stitch cut short,
   * or one that failed for lack of disk space).
   */
  async reconcile(project: Project): Promise<void> {
    const { generations } = await project.generations.list();
    for (const g of generations) {
      if (g.kind === 'sequence' && g.state !== 'done' && g.state !== 'canceled') await this.#update(project, g.id);
    }
  }

  /** Resolves when the split generation is done or failed (waiting for a part retry). */
  settled(project: Project, sequenceId: string): Promise<GenerationRecord> {
    return new Promise((resolve) => {
      let done = false;
      const check = async () => {
        if (done) return;
        const record = await this.#read(project, sequenceId).catch(() => null);
        if (!record || (record.state !== 'done' && record.state !== 'failed') || done) return;
        done = true;
        off();
        resolve(record);
      };
      // The engine's bus carries the parts' changes and this split generation's own.
      const off = this.#engine.listen({ changed: () => void check(), stalled: () => void check(), blocked: () => void check() });
      void check();
    });
  }

  async #enqueuePart(project: Project, record: GenerationRecord, part: SequencePart): Promise<GenerationRecord> {
    const count = record.parts?.length ?? 1;
    return this.#engine.enqueue(project, {
      ...requestFromRecord(project, record),
      startSec: part.startSec,
      endSec: part.endSec,
      name: `${record.name} · part ${part.index} of ${count}`,
      parent: { id: record.id, index: part.index, count },
    });
  }

  async #partChanged(project: Project, part: GenerationRecord): Promise<void> {
    if (!part.parent) return;
    // Only a part's state and cost move the split generation; its uploads and progress ticks
    // do not, and would otherwise re-read every part each time.
    const key = `${project.dir}\u0000${part.id}`;
    const mark = `${part.state} ${part.costUSD ?? ''}`;
    if (this.#partMarks.get(key) === mark) return;
    this.#partMarks.set(key, mark);
    await this.#update(project, part.parent.id);
  }

  /** Brings the split generation in line with its parts; stitches when they are all done. */
  async #update(project: Project, sequenceId: string): Promise<void> {
    const key = `${project.dir}\u0000${sequenceId}`;
    if (this.#busy.has(key)) {
      this.#again.add(key);
      return;
    }
    this.#busy.add(key);
    try {
      let record = await this.#read(project, sequenceId);
      if (record.state === 'done' || record.state === 'canceled') return;
      const parts = await Promise.all(
        (record.parts ?? []).map(async (p) => {
          const read = p.generationId ? await project.generations.read(p.generationId) : null;
          return read && 'record' in read ? read.record : null;
        }),
      );
      const journal = this.#journal(project);
      const costs = parts.map((p) => p?.costUSD).filter((c): c is number => c !== undefined);
      const cost = costs.length > 0 ? { costUSD: Math.round(costs.reduce((a, b) => a + b, 0) * 10_000) / 10_000 } : {};
      if (parts.every((p) => p?.state === 'done')) {
        record = await this.#stitch(project, record, parts as GenerationRecord[], cost);
      } else if (parts.some((p) => p && RUNNING.has(p.state))) {
        if (record.state !== 'processing') record = await journal.move(record, 'processing', cost);
        else if (cost.costUSD !== record.costUSD) record = await journal.patch(record, cost);
      } else if (parts.some((p) => !p || p.state === 'failed' || p.state === 'canceled')) {
        const failedIndex = parts.findIndex((p) => !p || p.state === 'failed' || p.state === 'canceled') + 1;
        const partError = parts[failedIndex - 1]?.error;
        const reason = partError?.message ?? 'It did not finish.';
        if (record.state !== 'failed') {
          record = await journal.fail(record, 'runware', {
            ...cost,
            error: {
              code: 'part_failed',
              ...(partError?.category ? { category: partError.category } : {}),
              message: `Part ${failedIndex} failed: ${reason} Make that part again; the others are kept.`,
              at: this.#now().toISOString(),
            },
          });
        }
      }
    } catch (error) {
      this.#log?.error('split generation update failed', { sequenceId, error });
    } finally {
      this.#busy.delete(key);
      if (this.#again.delete(key)) await this.#update(project, sequenceId);
    }
  }

  async #stitch(
    project: Project,
    record: GenerationRecord,
    parts: GenerationRecord[],
    cost: { costUSD?: number },
  ): Promise<GenerationRecord> {
    const journal = this.#journal(project);
    let current = await journal.move(record, 'stitching', cost);
    try {
      // The whole selection, continuous: it replaces the parts' sound, so the cuts are seamless.
      const audio = await this.#media.prepareAudio({
        input: project.path(record.inputs.audio.file),
        startSec: record.inputs.trim.startSec,
        endSec: record.inputs.trim.endSec,
        normalizeLoudness: record.inputs.normalizeLoudness,
        maxSec: null,
        // Lossless: this soundtrack is never sent, it is what the joined video plays.
        format: 'wav',
        outFile: project.generations.file(record.id, 'audio.wav'),
      });
      const takes = parts.map((p) => {
        const take = p.takes.find((t) => t.state === 'done' && t.file);
        if (!take?.file) throw new AppError('part_take_missing', `Part ${p.parent?.index} has no video on disk.`);
        return project.generations.file(p.id, take.file);
      });
      const out = project.generations.file(record.id, 'take-1.mp4');
      await this.#media.concatTakes({ inputs: takes, audio: audio.file, outFile: out });
      const verified = await this.#media.verifyTake({ file: out, expectedDurationSec: audio.durationSec });
      const poster = project.generations.file(record.id, 'take-1.jpg');
      const posterOk = await this.#media.makePoster({ video: out, outFile: poster }).then(
        () => true,
        () => false,
      );
      current = await journal.move(current, 'done', {
        takes: [
          {
            index: 1,
            videoUUID: `sequence-${record.id}`,
            state: 'done',
            file: 'take-1.mp4',
            durationSec: verified.durationSec,
            ...(posterOk ? { poster: 'take-1.jpg' } : {}),
            ...(cost.costUSD !== undefined ? { costUSD: cost.costUSD } : {}),
          },
        ],
        finishedAt: this.#now().toISOString(),
        error: undefined,
      });
    } catch (error) {
      // A full disk is said as such; the parts' takes are kept, and the next resume joins them again.
      const local = await asLocalWriteError(error, projectFolder(project, bytesStillNeeded(record)));
      current = await journal.fail(current, 'local', { error: errorInfo(local ?? error, this.#now()) });
    }
    await project.generations.flushIndex();
    return current;
  }

  async #read(project: Project, id: string): Promise<GenerationRecord> {
    const read = await project.generations.read(id);
    if (!read || !('record' in read)) throw new AppError('generation_missing', 'That split generation is no longer in this project.');
    return read.record;
  }

  /** Every write to a split generation is announced on the engine's bus, like the engine's own. */
  #journal(project: Project): Journal {
    return new Journal(project.generations, this.#now, (record) => this.#engine.events.emit('changed', project, record));
  }
}

function withPart(parts: SequencePart[] | undefined, index: number, patch: Partial<SequencePart>): SequencePart[] {
  return (parts ?? []).map((p) => (p.index === index ? { ...p, ...patch } : p));
}
