import { readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { projectNameProblem, type ProjectSummary } from '../../../shared/project.ts';
import type { Logger } from '../logging/logger.ts';
import { Project } from './project.ts';
import { within } from '../fs/contained-paths.ts';
import { safeFolderName } from './safe-names.ts';

export interface ProjectsListing {
  projects: ProjectSummary[];
  /** Folders with a project.json that could not be read: reported, left alone. */
  unreadable: { dir: string; reason: string }[];
}

function checkedName(name: string): string {
  const problem = projectNameProblem(name);
  if (problem) throw new AppError(name.trim() === '' ? 'project_name_empty' : 'project_name_invalid', problem);
  return name.trim();
}

/** The folder that holds the projects (default ~/Documents/Avatar Studio). */
export class ProjectsRoot {
  readonly #root: () => string;
  readonly #log: Logger | undefined;

  constructor(root: () => string, logger?: Logger) {
    this.#root = root;
    this.#log = logger;
  }

  get dir(): string {
    return this.#root();
  }

  async list(options: { includeArchived?: boolean } = {}): Promise<ProjectsListing> {
    const entries = await readdir(this.dir, { withFileTypes: true }).catch(() => []);
    const projects: ProjectSummary[] = [];
    const unreadable: ProjectsListing['unreadable'] = [];
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const dir = join(this.dir, entry.name);
      if (!(await stat(join(dir, 'project.json')).catch(() => null))) continue;
      try {
        const project = await Project.open(dir, this.#log);
        if (options.includeArchived || !project.info.archived) projects.push(project.summary());
      } catch (error) {
        unreadable.push({ dir, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    projects.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
    return { projects, unreadable };
  }

  /** Creates `<root>/<name>` (a free variant of it when taken). */
  async create(name: string, now: Date = new Date(), demo = false): Promise<Project> {
    const trimmed = checkedName(name);
    const dir = await this.#freeFolder(safeFolderName(trimmed));
    return Project.openOrCreate(dir, { name: trimmed, now, logger: this.#log, demo });
  }

  /**
   * Renames the project, and its folder when the new name is free. The folder keeps
   * its name while `busy` says generations are running in it (their files are open).
   */
  async rename(project: Project, name: string, busy = false): Promise<Project> {
    const trimmed = checkedName(name);
    await project.update({ name: trimmed });
    const wanted = safeFolderName(trimmed);
    const current = project.dir.split(/[\\/]/).pop();
    if (busy || wanted === current || !project.dir.startsWith(this.dir)) return project;
    const target = within(this.dir, wanted);
    if (await stat(target).catch(() => null)) return project;
    await rename(project.dir, target);
    return Project.open(target, this.#log);
  }

  async #freeFolder(base: string): Promise<string> {
    for (let n = 1; ; n += 1) {
      const dir = within(this.dir, n === 1 ? base : `${base} (${n})`);
      if (!(await stat(dir).catch(() => null))) return dir;
    }
  }
}
