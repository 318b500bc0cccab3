import { basename, resolve } from 'node:path';
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
import { outputName } from '../projects/output-names.ts';
import { Project } from '../projects/project.ts';
import { ProjectsRoot } from '../projects/projects-root.ts';
import type { Platform } from '../shell/platform.ts';

export interface ProjectView {
  project: Project;
  generations: GenerationSummary[];
  unreadable: { id: string; reason: string }[];
  /** What the generations in its trash cost: still part of its spend. */
  trashed: TrashedSpend[];
}

export interface ProjectsDeps {
  /** The projects folder now (it can change in Settings). */
  projectsRoot: () => string;
  engine: JobEngine;
  sequences: SequenceCoordinator;
  platform: Platform;
  logger?: Logger;
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
    const project = await this.root().create(name);
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
    return { project, generations: this.#withLive(project, generations), unreadable, trashed: await GenerationTrash.spent(project) };
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
      (options.create === false ? await Project.open(target, logger) : await Project.openOrCreate(target, { logger }));
    await this.#attach(project, options.resume);
    return project;
  }

  /** An open project, by folder. */
  get(dir: string): Project {
    const project = this.#open.get(resolve(dir));
    if (!project) throw new AppError('project_not_open', 'That project is not open. Choose it in the sidebar first.');
    return project;
  }

  /** The folder of an open project, by id (for the media protocol). */
  dirById(id: string): string | null {
    for (const project of this.#open.values()) if (project.info.id === id) return project.dir;
    return null;
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
