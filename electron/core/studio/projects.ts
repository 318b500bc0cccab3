import { lstat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { GenerationSummary } from '../../../shared/generation.ts';
import type { ProjectDefaults, ProjectListItem, ProjectSummary } from '../../../shared/project.ts';
import type { TrashedSpend } from '../../../shared/spend.ts';
import { isInside } from '../fs/contained-paths.ts';
import { spendOnDisk, type ProjectSpend } from '../jobs/budget.ts';
import type { JobEngine } from '../jobs/job-engine.ts';
import type { SequenceCoordinator } from '../jobs/sequence-coordinator.ts';
import type { Logger } from '../logging/logger.ts';
import { GenerationTrash } from '../projects/generation-trash.ts';
import { PaidMediaLedger } from '../projects/paid-media-ledger.ts';
import { outputName } from '../projects/output-names.ts';
import { Project } from '../projects/project.ts';
import { ProjectsRoot } from '../projects/projects-root.ts';
import type { Platform } from '../shell/platform.ts';

/** `media/<first 16 hex of the sha256>.<ext>`: how the store names what it imports. */
const MEDIA_NAME = /^[0-9a-f]{16}(\.[a-z0-9]{1,8})?$/;
/** A generation folder's name: `yyyy-mm-dd_hhmmss_<slug>` (and `-N` when taken). */
const GENERATION_ID = /^\d{4}-\d{2}-\d{2}_\d{6}_[a-z0-9-]{1,80}$/;

export interface ProjectView {
  project: Project;
  generations: GenerationSummary[];
  unreadable: { id: string; reason: string }[];
  /** What the generations in its trash cost: still part of its spend. */
  trashed: TrashedSpend[];
  /** What speech and portraits made for it cost (`.studio/paid-media.json`). */
  paidMediaUSD: number;
}

export interface ProjectsDeps {
  /** The projects folder now (it can change in Settings). */
  projectsRoot: () => string;
  engine: JobEngine;
  sequences: SequenceCoordinator;
  platform: Platform;
  logger?: Logger;
  /** Projects made now are demo projects (the demo is running). */
  demo?: boolean;
}

/**
 * Projects, for the window and the command line alike: which exist, which are open, and
 * what opening one means (its unfinished generations resume). Every other use case reaches
 * a project through `get`, so only open projects are ever touched.
 */
export class Projects {
  readonly #deps: ProjectsDeps;
  readonly #open = new Map<string, Project>();

  constructor(deps: ProjectsDeps) {
    this.#deps = deps;
  }

  root(): ProjectsRoot {
    return new ProjectsRoot(this.#deps.projectsRoot, this.#deps.logger);
  }

  async list(): Promise<{ root: string; projects: ProjectListItem[]; unreadable: { dir: string; reason: string }[] }> {
    const root = this.root();
    const listing = await root.list();
    const projects: ProjectListItem[] = [];
    for (const summary of listing.projects) {
      const project = this.#open.get(summary.dir) ?? (await Project.open(summary.dir, this.#deps.logger));
      projects.push(await this.#listItem(project, summary));
    }
    return { root: root.dir, projects, unreadable: listing.unreadable.map((u) => ({ dir: basename(u.dir), reason: u.reason })) };
  }

  async create(name: string): Promise<ProjectListItem> {
    const project = await this.root().create(name, new Date(), this.#deps.demo ?? false);
    this.#open.set(project.dir, project);
    this.#deps.engine.events.emit('projects');
    return { ...project.summary(), spentUSD: 0, generationCount: 0 };
  }

  /** Opens a project in the projects folder (the window): its unfinished generations resume. */
  async open(dir: string): Promise<ProjectView> {
    const abs = resolve(dir);
    if (!this.#open.has(abs) && !isInside(this.root().dir, abs)) {
      throw new AppError(
        'project_outside_root',
        'That folder is not in your projects folder. Choose the projects folder in Settings first.',
      );
    }
    const project = this.#open.get(abs) ?? (await Project.open(abs, this.#deps.logger));
    await this.#attach(project, true);
    const { generations, unreadable } = await project.generations.list();
    return {
      project,
      generations: this.#withLive(project, generations),
      unreadable,
      trashed: await GenerationTrash.spent(project),
      paidMediaUSD: await PaidMediaLedger.spentUSD(project),
    };
  }

  /**
   * Opens the folder the person named on the command line (created when missing; without
   * one, "Default" in the projects folder). `resume` continues what it left unfinished.
   */
  async openFolder(dir: string | undefined, options: { resume: boolean; create?: boolean }): Promise<Project> {
    const target = dir ? resolve(dir) : resolve(this.root().dir, 'Default');
    const { logger } = this.#deps;
    const project =
      this.#open.get(target) ??
      (options.create === false
        ? await Project.open(target, logger)
        : await Project.openOrCreate(target, { logger, demo: this.#deps.demo }));
    await this.#attach(project, options.resume);
    return project;
  }

  /** An open project, by folder. */
  get(dir: string): Project {
    const project = this.#open.get(resolve(dir));
    if (!project) throw new AppError('project_not_open', 'That project is not open. Choose it in the sidebar first.');
    return project;
  }

  /** The folder of an open project, by id. */
  dirById(id: string): string | null {
    return this.#byId(id)?.dir ?? null;
  }

  /**
   * What the window may load from a project (the media protocol): the imported inputs
   * (`media/` names made from their content) and the takes and posters a generation's
   * record names. Nothing else: not project.json, not exports, not a file dropped or
   * linked into the folder by something else. Answers the project's folder, or null.
   */
  async mediaRoot(projectId: string, relativePath: string): Promise<string | null> {
    const project = this.#byId(projectId);
    if (!project) return null;
    const parts = relativePath.split('/');
    if (parts.length === 2 && parts[0] === 'media' && MEDIA_NAME.test(parts[1] ?? '')) {
      // A second name for the same file may lead outside the project: the store never makes one.
      const info = await lstat(join(project.dir, relativePath)).catch(() => null);
      return info?.isFile() && info.nlink === 1 ? project.dir : null;
    }
    if (parts.length === 3 && parts[0] === 'generations' && GENERATION_ID.test(parts[1] ?? '')) {
      const read = await project.generations.read(parts[1] as string).catch(() => null);
      const named = read && 'record' in read ? read.record.takes.flatMap((t) => [t.file, t.poster]) : [];
      return named.includes(parts[2]) ? project.dir : null;
    }
    return null;
  }

  #byId(id: string): Project | undefined {
    for (const project of this.#open.values()) if (project.info.id === id) return project;
    return undefined;
  }

  /** What an open project has cost (the trash included) and has queued. */
  spend(dir: string): Promise<ProjectSpend> {
    return spendOnDisk(this.get(dir));
  }

  opened(): Project[] {
    return [...this.#open.values()];
  }

  async rename(dir: string, name: string): Promise<ProjectListItem> {
    const project = this.get(dir);
    const { engine } = this.#deps;
    const busy = engine.jobsOf(project).some((r) => engine.isRunning(project, r.id));
    const renamed = await this.root().rename(project, name, busy);
    this.#open.delete(project.dir);
    this.#open.set(renamed.dir, renamed);
    this.#deps.engine.events.emit('projects');
    return this.#listItem(renamed, renamed.summary());
  }

  async archive(dir: string, archived: boolean): Promise<void> {
    await this.get(dir).update({ archived });
    this.#deps.engine.events.emit('projects');
  }

  async setDefaults(dir: string, defaults: ProjectDefaults): Promise<ProjectDefaults> {
    return (await this.get(dir).update({ defaults })).defaults;
  }

  /** Sets how exports and batch files are named; answers with an example name. */
  async setNameTemplate(dir: string, template: string): Promise<{ template: string; example: string }> {
    if (!/\{(image|audio|name|take|project)\}/.test(template)) {
      throw new AppError(
        'template_invalid',
        'The name needs at least one of {project}, {image}, {audio}, {name} or {take}, so files do not all get the same name.',
      );
    }
    const project = this.get(dir);
    await project.update({ outputNameTemplate: template });
    const example = outputName(template, { project: project.info.name, image: 'portrait.jpg', audio: 'voice.wav', take: 1, name: 'intro' });
    return { template, example: `${example}.mp4` };
  }

  reveal(dir: string, id?: string): void {
    const project = this.get(dir);
    this.#deps.platform.showItemInFolder(id ? project.generations.folder(id) : project.dir);
  }

  /** Records on disk, with the engine's live version (and why it waits) for those it runs. */
  #withLive(project: Project, generations: GenerationSummary[]): GenerationSummary[] {
    const { engine } = this.#deps;
    return generations.map((g) => {
      const live = engine.record(project, g.id);
      return live ? engine.summaryOf(project, live) : g;
    });
  }

  /** An open project's generations as lists show them: the live version of those running. */
  async generations(dir: string): Promise<{ generations: GenerationSummary[]; unreadable: { id: string; reason: string }[] }> {
    const project = this.get(dir);
    const { generations, unreadable } = await project.generations.list();
    return { generations: this.#withLive(project, generations), unreadable };
  }

  async #attach(project: Project, resume: boolean): Promise<void> {
    this.#open.set(project.dir, project);
    await this.#deps.engine.attach(project, { resume });
    if (resume) await this.#deps.sequences.reconcile(project);
  }

  async #listItem(project: Project, summary: ProjectSummary): Promise<ProjectListItem> {
    const [{ generations }, spend] = await Promise.all([project.generations.list(), spendOnDisk(project)]);
    return { ...summary, spentUSD: spend.spentUSD, generationCount: generations.length };
  }
}
