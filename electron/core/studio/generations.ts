import { basename } from 'node:path';
import { AURORA_MAX_AUDIO_SECONDS, estimateCostUSD } from '../../../shared/aurora.ts';
import { auroraModel, DEFAULT_AURORA_MODEL } from '../../../shared/aurora-models.ts';
import type { Composition, CompositionRequest } from '../../../shared/composition.ts';
import { AppError } from '../../../shared/errors.ts';
import { PaidMediaLedger } from '../projects/paid-media-ledger.ts';
import { isTerminal, summarise, type GenerationRecord, type GenerationSummary, type MadeInputs } from '../../../shared/generation.ts';
import { planSplit } from '../../../shared/split-plan.ts';
import { checkTrim } from '../../../shared/trim.ts';
import { requestFromRecord } from '../jobs/create-generation.ts';
import type { JobEngine } from '../jobs/job-engine.ts';
import type { MediaOps } from '../jobs/media-ops.ts';
import type { SequenceCoordinator } from '../jobs/sequence-coordinator.ts';
import type { Project } from '../projects/project.ts';
import type { BudgetGate } from './budget-gate.ts';
import type { Projects } from './projects.ts';
import { projectPricePerSecond } from '../jobs/pricing.ts';

/** Why a generation has stopped until the person acts (a split one: through its parts). */
export type Stop = { kind: 'blocked' | 'stalled'; code: string; message: string; category?: string } | null;

export interface GenerationStatus {
  record: GenerationRecord | null;
  stop: Stop;
}

/**
 * Making generations, for the window and the command line alike: one, one split into
 * parts, again (a retry, or one failed part), canceled or reordered before it is sent,
 * and followed until it settles. Every start passes the one budget gate.
 */
export class Generations {
  readonly #projects: Projects;
  readonly #engine: JobEngine;
  readonly #sequences: SequenceCoordinator;
  readonly #media: MediaOps;
  readonly #gate: BudgetGate;

  constructor(deps: { projects: Projects; engine: JobEngine; sequences: SequenceCoordinator; media: MediaOps; gate: BudgetGate }) {
    this.#projects = deps.projects;
    this.#engine = deps.engine;
    this.#sequences = deps.sequences;
    this.#media = deps.media;
    this.#gate = deps.gate;
  }

  list(dir: string): Promise<{ generations: GenerationSummary[]; unreadable: { id: string; reason: string }[] }> {
    return this.#projects.generations(dir);
  }

  /** The composer's generation: its inputs are the project's own copies. */
  async create(dir: string, composition: Composition): Promise<GenerationSummary> {
    const project = this.#projects.get(dir);
    return this.#summary(project, await this.#single(project, await this.#inProject(project, composition)));
  }

  /** The composer's split generation, cut where the person left the markers. */
  async createSplit(dir: string, composition: Composition & { cuts: number[] }): Promise<GenerationSummary> {
    const project = this.#projects.get(dir);
    return this.#summary(project, await this.#split(project, await this.#inProject(project, composition)));
  }

  /**
   * A generation from files anywhere on disk (the command line). With `split`, a selection
   * over Aurora's limit is made in parts cut at its pauses, joined into one video.
   */
  async createFromFiles(
    dir: string,
    request: CompositionRequest & { made?: MadeInputs },
    options: { split: boolean },
  ): Promise<GenerationRecord> {
    const project = this.#projects.get(dir);
    if (options.split) {
      const { durationSec } = await this.#media.probeAudio(request.audio);
      const startSec = request.startSec ?? 0;
      const endSec = request.endSec ?? durationSec;
      checkTrim(startSec, endSec, durationSec, basename(request.audio), Number.POSITIVE_INFINITY);
      if (endSec - startSec > AURORA_MAX_AUDIO_SECONDS) {
        const { cuts } = planSplit(startSec, endSec, await this.#media.silences(request.audio));
        return this.#split(project, { ...request, startSec, endSec, cuts });
      }
    }
    return this.#single(project, request);
  }

  /** Queues the same inputs and settings again: a new generation, billed on its own. */
  async retry(dir: string, id: string): Promise<GenerationSummary> {
    const project = this.#projects.get(dir);
    const old = await this.get(dir, id);
    return this.#summary(project, await this.#single(project, { ...requestFromRecord(project, old), retryOf: old.id }));
  }

  /**
   * A draft made final: the same inputs, trim, prompt and parameters sent with Aurora v1,
   * as a new generation priced (and checked against the budget) at v1's price.
   */
  async makeFinal(dir: string, id: string): Promise<GenerationSummary> {
    const project = this.#projects.get(dir);
    const draft = await this.get(dir, id);
    if (auroraModel(draft.params.model).role !== 'draft') {
      throw new AppError(
        'not_a_draft',
        `“${draft.name}” was already made with ${auroraModel(draft.params.model).name}; only drafts are made final.`,
      );
    }
    if (draft.kind === 'sequence') {
      throw new AppError(
        'draft_split',
        `“${draft.name}” was made in parts: make it final from Create (Use these settings again, choose Final, then Generate).`,
      );
    }
    const request = requestFromRecord(project, draft);
    const settings = { ...draft.params, model: DEFAULT_AURORA_MODEL };
    return this.#summary(project, await this.#single(project, { ...request, settings, draftOf: draft.id }));
  }

  /** Makes one failed part of a split generation again (billed on its own); the others are kept. */
  async retryPart(dir: string, id: string, part: number): Promise<GenerationSummary> {
    const project = this.#projects.get(dir);
    const record = await this.get(dir, id);
    const piece = record.parts?.find((p) => p.index === part);
    if (piece)
      await this.#gate.admit(project, estimateCostUSD(piece.endSec - piece.startSec, 1, projectPricePerSecond(project, record.params)));
    return summarise(await this.#sequences.retryPart(project, id, part));
  }

  async get(dir: string, id: string): Promise<GenerationRecord> {
    const project = this.#projects.get(dir);
    const live = this.#engine.record(project, id);
    if (live) return live;
    const read = await project.generations.read(id);
    if (!read) throw new AppError('generation_missing', 'That generation is no longer in this project.');
    if (!('record' in read)) throw new AppError('generation_unreadable', `That generation's record could not be read: ${read.unreadable}.`);
    return read.record;
  }

  async cancel(dir: string, id: string): Promise<GenerationSummary> {
    const project = this.#projects.get(dir);
    return this.#summary(project, await this.#engine.cancel(project, id));
  }

  reorder(dir: string, id: string, position: number): Promise<void> {
    return this.#engine.reorder(this.#projects.get(dir), id, position);
  }

  /**
   * What `resume` follows: the project's generations that were unfinished (each reconciled
   * when the project was opened), parts through their split generation.
   */
  async unfinished(dir: string): Promise<string[]> {
    const project = this.#projects.get(dir);
    const singles = this.#engine
      .jobsOf(project)
      .filter((r) => !r.parent && (!isTerminal(r.state) || r.history.some((h) => h.note === 'reconciled')))
      .map((r) => r.id);
    const { generations } = await project.generations.list();
    const splits = generations.filter((g) => g.kind === 'sequence' && g.state !== 'done' && g.state !== 'canceled').map((g) => g.id);
    return [...singles, ...splits];
  }

  /** A generation's record now, and why it stopped if it did (a split one: through its parts). */
  async status(dir: string, id: string): Promise<GenerationStatus> {
    const project = this.#projects.get(dir);
    const live = this.#engine.record(project, id);
    if (live) return { record: live, stop: this.#engine.waitReason(project, id) };
    const read = await project.generations.read(id);
    const record = read && 'record' in read ? read.record : null;
    if (record?.kind !== 'sequence') return { record, stop: null };
    for (const part of record.parts ?? []) {
      const stop = part.generationId ? this.#engine.waitReason(project, part.generationId) : null;
      if (stop) return { record, stop };
    }
    return { record, stop: null };
  }

  /**
   * Resolves when every given generation has settled: finished, or stopped until the person
   * acts. Follows the engine's bus (no polling); `interrupted` ends the wait early.
   */
  async settle(dir: string, ids: readonly string[], interrupted?: Promise<void>): Promise<GenerationStatus[]> {
    const statuses = () => Promise.all(ids.map((id) => this.status(dir, id)));
    return new Promise((resolve) => {
      let done = false;
      let checking = Promise.resolve();
      const finish = async () => {
        if (done) return;
        done = true;
        off();
        resolve(await statuses());
      };
      const check = () => {
        checking = checking.then(async () => {
          if (!done && (await statuses()).every(settled)) await finish();
        });
      };
      const off = this.#engine.listen({ changed: check, blocked: check, stalled: check });
      void interrupted?.then(finish);
      check();
    });
  }

  /**
   * The composer's paths are the project's own copies: made absolute, and kept inside it. A
   * voice spoken from a script or a portrait drawn from a description brings what made it.
   */
  async #inProject<C extends Composition>(project: Project, composition: C): Promise<C & { made?: MadeInputs }> {
    const made = await PaidMediaLedger.madeOf(project, composition);
    return { ...composition, image: project.path(composition.image), audio: project.path(composition.audio), ...(made ? { made } : {}) };
  }

  async #single(project: Project, request: Parameters<JobEngine['build']>[1]): Promise<GenerationRecord> {
    const record = await this.#engine.build(project, request);
    await this.#gate.admit(project, record.estimateUSD);
    return this.#engine.add(project, record);
  }

  async #split(project: Project, request: Parameters<SequenceCoordinator['create']>[1]): Promise<GenerationRecord> {
    const priced = this.#sequences.price(project, request);
    await this.#gate.admit(project, priced.estimateUSD);
    return this.#sequences.create(project, request, priced);
  }

  #summary(project: Project, record: GenerationRecord): GenerationSummary {
    return this.#engine.summaryOf(project, record);
  }
}

function settled({ record, stop }: GenerationStatus): boolean {
  if (!record || stop) return true;
  return record.kind === 'sequence'
    ? record.state === 'done' || record.state === 'failed' || record.state === 'canceled'
    : isTerminal(record.state);
}
