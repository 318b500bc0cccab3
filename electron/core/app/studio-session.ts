import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { AuroraSettings } from '../../../shared/aurora.ts';
import { AppError } from '../../../shared/errors.ts';
import { CANCELABLE_STATES, summarise, type GenerationRecord, type GenerationSummary } from '../../../shared/generation.ts';
import type { ImportedInput, Peaks } from '../../../shared/inputs.ts';
import type { ProjectDefaults, ProjectListItem } from '../../../shared/project.ts';
import type { Platform } from '../ipc/platform.ts';
import { spendOnDisk } from '../jobs/budget.ts';
import { spendOf, type TrashedSpend } from '../../../shared/spend.ts';
import { readManifest, type BatchItemInput } from '../jobs/batch-manifest.ts';
import { requestFromRecord } from '../jobs/create-generation.ts';
import type { BatchCoordinator, BatchPlan } from '../jobs/batch.ts';
import type { JobEngine } from '../jobs/job-engine.ts';
import type { SequenceCoordinator } from '../jobs/sequence-coordinator.ts';
import { planSplit } from '../../../shared/split-plan.ts';
import type { Logger } from '../logging/logger.ts';
import { speechBounds, type MediaToolkit } from '../media/index.ts';
import { planImage } from '../media/image-normalise.ts';
import { assertKind } from '../media/media-refusals.ts';
import { GenerationTrash } from '../projects/generation-trash.ts';
import { freePath, outputName, outputNameFor } from '../projects/output-names.ts';
import { Project } from '../projects/project.ts';
import { ProjectsRoot } from '../projects/projects-root.ts';
import { isInside } from '../projects/safe-names.ts';
import type { SettingsStore } from '../settings/settings-store.ts';

export interface CreateGenerationInput {
  projectDir: string;
  /** Project-relative paths of imported inputs. */
  image: string;
  audio: string;
  startSec: number;
  endSec: number;
  settings: AuroraSettings;
  normalizeLoudness: boolean;
  name?: string;
  originalNames?: { image: string; audio: string };
}

export interface SessionEvents {
  projectsChanged(): void;
  exportProgress(projectDir: string, id: string, fraction: number): void;
}

const PASTE_LIMIT_BYTES = 50 * 1024 * 1024;

/**
 * The window's view of the engine: which projects exist and which are open, the
 * composer's imports, and every command on generations. Only projects inside the
 * projects folder (or opened explicitly) are reachable, and only their files are
 * served to the window.
 */
export class StudioSession {
  readonly #settings: SettingsStore;
  readonly #engine: JobEngine;
  readonly #media: MediaToolkit;
  readonly #platform: Platform;
  readonly #events: SessionEvents;
  readonly #scratch: string;
  readonly #log: Logger | undefined;
  readonly #open = new Map<string, Project>();
  readonly #sequences: SequenceCoordinator;
  readonly #batches: BatchCoordinator;
  /** Plans shown to the person, kept here so a confirmed batch is priced by main, not the window. */
  readonly #plans = new Map<string, { projectDir: string; plan: BatchPlan; settings: Partial<AuroraSettings> }>();

  constructor(options: {
    settings: SettingsStore;
    engine: JobEngine;
    sequences: SequenceCoordinator;
    batches: BatchCoordinator;
    media: MediaToolkit;
    platform: Platform;
    events: SessionEvents;
    scratchDir: string;
    logger?: Logger;
  }) {
    this.#settings = options.settings;
    this.#engine = options.engine;
    this.#sequences = options.sequences;
    this.#batches = options.batches;
    this.#media = options.media;
    this.#platform = options.platform;
    this.#events = options.events;
    this.#scratch = options.scratchDir;
    this.#log = options.logger;
  }

  get root(): ProjectsRoot {
    return new ProjectsRoot(() => this.#settings.projectsRoot(), this.#log);
  }

  // ------------------------------------------------------------------ projects

  async listProjects(): Promise<{ root: string; projects: ProjectListItem[]; unreadable: { dir: string; reason: string }[] }> {
    const root = this.root;
    const listing = await root.list();
    const projects: ProjectListItem[] = [];
    for (const summary of listing.projects) {
      const project = this.#open.get(summary.dir) ?? (await Project.open(summary.dir, this.#log));
      projects.push(await this.#listItem(project, summary));
    }
    return { root: root.dir, projects, unreadable: listing.unreadable.map((u) => ({ dir: basename(u.dir), reason: u.reason })) };
  }

  async createProject(name: string): Promise<ProjectListItem> {
    const project = await this.root.create(name);
    this.#open.set(project.dir, project);
    this.#events.projectsChanged();
    return { ...project.summary(), spentUSD: 0, generationCount: 0 };
  }

  /** Opens a project in the projects folder: its unfinished generations resume. */
  async openProject(
    dir: string,
  ): Promise<{ project: Project; generations: GenerationSummary[]; unreadable: { id: string; reason: string }[]; trashed: TrashedSpend[] }> {
    const abs = resolve(dir);
    if (!this.#open.has(abs) && !isInside(this.root.dir, abs)) {
      throw new AppError('project_outside_root', 'That folder is not in your projects folder. Choose the projects folder in Settings first.');
    }
    const project = this.#open.get(abs) ?? (await Project.open(abs, this.#log));
    this.#open.set(project.dir, project);
    await this.#engine.attach(project, { resume: true });
    await this.#sequences.reconcile(project);
    const { generations, unreadable } = await project.generations.list();
    return { project, generations: this.#withLive(project, generations), unreadable, trashed: await GenerationTrash.spent(project) };
  }

  /** An open project, by folder. */
  project(dir: string): Project {
    const project = this.#open.get(resolve(dir));
    if (!project) throw new AppError('project_not_open', 'That project is not open. Choose it in the sidebar first.');
    return project;
  }

  /** The folder of an open project, by id (for the media protocol). */
  projectDirById(id: string): string | null {
    for (const project of this.#open.values()) if (project.info.id === id) return project.dir;
    return null;
  }

  async renameProject(dir: string, name: string): Promise<ProjectListItem> {
    const project = this.project(dir);
    const busy = this.#engine.jobsOf(project).some((r) => this.#engine.isRunning(project, r.id));
    const renamed = await this.root.rename(project, name, busy);
    this.#open.delete(project.dir);
    this.#open.set(renamed.dir, renamed);
    this.#events.projectsChanged();
    return this.#listItem(renamed, renamed.summary());
  }

  async #listItem(project: Project, summary: ReturnType<Project['summary']>): Promise<ProjectListItem> {
    const [{ generations }, spend] = await Promise.all([project.generations.list(), spendOnDisk(project)]);
    return { ...summary, spentUSD: spend.spentUSD, generationCount: generations.length };
  }

  async archiveProject(dir: string, archived: boolean): Promise<void> {
    await this.project(dir).update({ archived });
    this.#events.projectsChanged();
  }

  async setDefaults(dir: string, defaults: ProjectDefaults): Promise<ProjectDefaults> {
    return (await this.project(dir).update({ defaults })).defaults;
  }

  /** Sets how exports and batch files are named; answers with an example name. */
  async setNameTemplate(dir: string, template: string): Promise<{ template: string; example: string }> {
    if (!/\{(image|audio|name|take|project)\}/.test(template)) {
      throw new AppError('template_invalid', 'The name needs at least one of {project}, {image}, {audio}, {name} or {take}, so files do not all get the same name.');
    }
    const project = this.project(dir);
    await project.update({ outputNameTemplate: template });
    const example = outputName(template, { project: project.info.name, image: 'portrait.jpg', audio: 'voice.wav', take: 1, name: 'intro' });
    return { template, example: `${example}.mp4` };
  }

  /** Shows an exported file; only files inside the project's exports/ are shown. */
  revealExport(dir: string, file: string): void {
    const exports = this.project(dir).exportsDir();
    if (!isInside(exports, resolve(file))) throw new AppError('path_outside_project', 'Only files in the project’s exports folder can be shown from here.');
    this.#platform.showItemInFolder(resolve(file));
  }

  reveal(dir: string, id?: string): void {
    const project = this.project(dir);
    this.#platform.showItemInFolder(id ? project.generations.folder(id) : project.dir);
  }

  // ------------------------------------------------------------------ inputs

  /** Imports a dropped or picked file into the project, as a portrait or a voice. */
  async importInput(dir: string, path: string): Promise<ImportedInput> {
    const project = this.project(dir);
    const info = await this.#media.probe(path).catch(async (error: unknown) => {
      // Say what is wrong in the terms of what the name promises ("holds text, not audio").
      const expect = /\.(jpe?g|png|webp|gif|heic|heif|bmp|tiff?)$/i.test(path) ? 'image' : 'audio';
      await this.#media.probe(path, { expect });
      throw error;
    });
    if (info.kind === 'image') {
      const width = info.video?.displayWidth ?? 0;
      const height = info.video?.displayHeight ?? 0;
      planImage(info.file, width, height);
      // Refuses GIF, HEIC and friends with the pipeline's own words.
      assertKind(info, 'image');
      const imported = await project.importMedia(path);
      return { kind: 'image', file: imported.file, name: imported.originalName, width, height, format: info.video?.codec ?? 'image', bytes: imported.bytes };
    }
    const inspection = await this.#media.inspectAudio({ input: path });
    const imported = await project.importMedia(path);
    return {
      kind: 'audio',
      file: imported.file,
      name: imported.originalName,
      durationSec: inspection.durationSec,
      sampleRate: inspection.sampleRate,
      channels: inspection.channels,
      bytes: imported.bytes,
    };
  }

  /** A pasted picture or sound (bytes without a file): saved in scratch, then imported. */
  async importBytes(dir: string, name: string, bytes: Uint8Array): Promise<ImportedInput> {
    if (bytes.byteLength === 0) throw new AppError('paste_empty', 'The clipboard held no picture or sound to paste.');
    if (bytes.byteLength > PASTE_LIMIT_BYTES) throw new AppError('paste_too_large', 'That is too large to paste; drop the file instead.');
    await mkdir(this.#scratch, { recursive: true });
    const file = join(this.#scratch, basename(name).replace(/[^\w.\- ]/g, '_') || 'pasted');
    await writeFile(file, bytes);
    return this.importInput(dir, file);
  }

  async peaks(dir: string, file: string, buckets: number): Promise<Peaks> {
    const peaks = await this.#media.computePeaks({ input: this.project(dir).path(file), buckets });
    const round = (values: Float32Array) => Array.from(values, (v) => Math.round(v * 1000) / 1000);
    return { durationSec: peaks.durationSec, min: round(peaks.min), max: round(peaks.max) };
  }

  async speechBounds(dir: string, file: string, durationSec: number): Promise<{ startSec: number; endSec: number; savedSec: number } | null> {
    const silences = await this.#media.detectSilences({ input: this.project(dir).path(file) });
    return speechBounds(silences, durationSec);
  }

  // ------------------------------------------------------------------ generations

  async listGenerations(dir: string): Promise<{ generations: GenerationSummary[]; unreadable: { id: string; reason: string }[] }> {
    const project = this.project(dir);
    const { generations, unreadable } = await project.generations.list();
    return { generations: this.#withLive(project, generations), unreadable };
  }

  /** The composer's request with the project's own paths made absolute. */
  #request(project: Project, input: CreateGenerationInput) {
    return {
      image: project.path(input.image),
      audio: project.path(input.audio),
      startSec: input.startSec,
      endSec: input.endSec,
      settings: input.settings,
      normalizeLoudness: input.normalizeLoudness,
      name: input.name,
      originalNames: input.originalNames,
    };
  }

  async createGeneration(input: CreateGenerationInput): Promise<GenerationSummary> {
    const project = this.project(input.projectDir);
    return summarise(await this.#engine.enqueue(project, this.#request(project, input)));
  }

  async splitPlan(dir: string, file: string, startSec: number, endSec: number) {
    const silences = await this.#media.detectSilences({ input: this.project(dir).path(file) });
    return planSplit(startSec, endSec, silences);
  }

  async createSequence(input: CreateGenerationInput & { cuts: number[] }): Promise<GenerationSummary> {
    const project = this.project(input.projectDir);
    return summarise(await this.#sequences.create(project, { ...this.#request(project, input), cuts: input.cuts }));
  }

  async retryPart(dir: string, id: string, part: number): Promise<GenerationSummary> {
    return summarise(await this.#sequences.retryPart(this.project(dir), id, part));
  }

  async planBatch(options: { projectDir: string; items?: BatchItemInput[]; manifest?: string; name?: string; settings?: Partial<AuroraSettings> }): Promise<BatchPlan> {
    const project = this.project(options.projectDir);
    const items = options.manifest ? await readManifest(options.manifest) : (options.items ?? []);
    const name = options.name ?? (options.manifest ? basename(options.manifest).replace(/\.(csv|json)$/i, '') : undefined);
    const plan = await this.#batches.plan(project, items, { name, settings: options.settings });
    this.#plans.set(plan.id, { projectDir: project.dir, plan, settings: options.settings ?? {} });
    return plan;
  }

  async startBatch(dir: string, planId: string): Promise<GenerationSummary[]> {
    const stored = this.#plans.get(planId);
    if (!stored || stored.projectDir !== this.project(dir).dir) {
      throw new AppError('batch_plan_missing', 'That batch summary is out of date. Add the files again to see a fresh one.');
    }
    this.#plans.delete(planId);
    const records = await this.#batches.start(this.project(dir), stored.plan, stored.settings);
    return records.map(summarise);
  }

  async getGeneration(dir: string, id: string): Promise<GenerationRecord> {
    const project = this.project(dir);
    const live = this.#engine.record(project, id);
    if (live) return live;
    const read = await project.generations.read(id);
    if (!read) throw new AppError('generation_missing', 'That generation is no longer in this project.');
    if (!('record' in read)) throw new AppError('generation_unreadable', `That generation's record could not be read: ${read.unreadable}.`);
    return read.record;
  }

  async cancel(dir: string, id: string): Promise<GenerationSummary> {
    return summarise(await this.#engine.cancel(this.project(dir), id));
  }

  /** Queues the same inputs and settings again: a new generation, billed on its own. */
  async retry(dir: string, id: string): Promise<GenerationSummary> {
    const project = this.project(dir);
    const old = await this.getGeneration(dir, id);
    const record = await this.#engine.enqueue(project, { ...requestFromRecord(project, old), retryOf: old.id });
    return summarise(record);
  }

  reorder(dir: string, id: string, position: number): Promise<void> {
    return this.#engine.reorder(this.project(dir), id, position);
  }

  async update(dir: string, id: string, patch: { name?: string; favorite?: boolean }): Promise<GenerationSummary> {
    const clean: { name?: string; favorite?: boolean } = {};
    if (patch.name !== undefined) {
      if (patch.name.trim() === '') throw new AppError('name_empty', 'Give the generation a name.');
      clean.name = patch.name.trim();
    }
    if (patch.favorite !== undefined) clean.favorite = patch.favorite;
    return summarise(await this.#engine.update(this.project(dir), id, clean));
  }

  /** Moves a finished generation out of the library (Undo brings it back); what it cost stays counted. */
  async trash(dir: string, id: string): Promise<TrashedSpend> {
    const project = this.project(dir);
    let record = await this.getGeneration(dir, id);
    if (this.#engine.isRunning(project, id) && !CANCELABLE_STATES.has(record.state)) {
      throw new AppError('generation_busy', 'This generation is still running at Runware; delete it once it has finished.');
    }
    if (this.#engine.isRunning(project, id)) record = await this.#engine.cancel(project, id);
    return GenerationTrash.move(project, id, spendOf(record).spentUSD);
  }

  async restore(dir: string, id: string): Promise<GenerationSummary> {
    const project = this.project(dir);
    await GenerationTrash.restore(project, id);
    return summarise(await this.getGeneration(dir, id));
  }

  /** Hands trashed generations over to the system trash (called after the undo window and at quit). */
  async emptyTrash(): Promise<void> {
    for (const project of this.#open.values()) {
      for (const path of await GenerationTrash.pending(project)) {
        await this.#platform.trashItem(path).catch((error: unknown) => {
          // Without a system trash the folder stays in .studio/trash: never erased outright.
          this.#log?.warn('could not move to the system trash', { path: basename(path), error });
        });
      }
    }
  }

  async exportTake(options: { projectDir: string; id: string; take: number; format: 'mp4' | 'webm' | 'mov'; quality: 'high' | 'balanced' | 'small'; originalAudio: boolean }): Promise<{ file: string }> {
    const project = this.project(options.projectDir);
    const record = await this.getGeneration(options.projectDir, options.id);
    const take = record.takes.find((t) => t.index === options.take);
    if (!take?.file || take.state !== 'done') throw new AppError('take_missing', `Take ${options.take} of “${record.name}” is not on disk.`);
    if (!(await stat(project.generations.file(record.id, take.file)).catch(() => null))) {
      throw new AppError(
        'take_missing',
        `Take ${options.take} of “${record.name}” is no longer in its folder (it was moved or deleted outside Avatar Studio), so it cannot be exported. Put ${take.file} back in the generation’s folder, then try again.`,
      );
    }
    const name = outputNameFor(project.info.outputNameTemplate, project.info.name, record, take.index);
    await mkdir(project.exportsDir(), { recursive: true });
    const outFile = await freePath(project.exportsDir(), name, options.format);
    await this.#media.exportTake({
      input: project.generations.file(record.id, take.file),
      format: options.format,
      quality: options.quality,
      originalAudio: options.originalAudio && record.prepared ? project.generations.file(record.id, record.prepared.audio.file) : undefined,
      outFile,
      onProgress: (p) => p.fraction !== null && this.#events.exportProgress(project.dir, record.id, p.fraction),
    });
    return { file: outFile };
  }

  /** Records on disk, with the engine's live version for those it runs. */
  #withLive(project: Project, generations: GenerationSummary[]): GenerationSummary[] {
    return generations.map((g) => {
      const live = this.#engine.record(project, g.id);
      return live ? this.#engine.summaryOf(project, live) : g;
    });
  }
}
