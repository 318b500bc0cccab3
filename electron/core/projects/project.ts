import { randomUUID } from 'node:crypto';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { ProjectFileSchema, type ProjectFile, type ProjectSummary } from '../../../shared/project.ts';
import { readJson, writeJsonAtomic } from '../fs/atomic-json.ts';
import type { Logger } from '../logging/logger.ts';
import { GenerationStore } from './generation-store.ts';
import { importMedia, type ImportedMedia } from './media-import.ts';
import { within } from '../fs/contained-paths.ts';

/**
 * One project folder: `project.json`, `media/` (imported inputs), `generations/`
 * (one folder per generation) and `exports/`. Everything it writes stays inside.
 */
export class Project {
  readonly dir: string;
  readonly generations: GenerationStore;
  #file: ProjectFile;

  private constructor(dir: string, file: ProjectFile, logger?: Logger) {
    this.dir = dir;
    this.#file = file;
    this.generations = new GenerationStore(dir, logger);
  }

  get info(): ProjectFile {
    return this.#file;
  }

  summary(): ProjectSummary {
    return { id: this.#file.id, name: this.#file.name, dir: this.dir, archived: this.#file.archived, createdAt: this.#file.createdAt };
  }

  static async open(dir: string, logger?: Logger): Promise<Project> {
    const abs = resolve(dir);
    const read = await readJson(join(abs, 'project.json'), ProjectFileSchema);
    if (read.kind === 'missing') {
      const here = await stat(abs).catch(() => null);
      throw new AppError(
        'project_missing',
        here
          ? `“${basename(abs)}” is not an Avatar Studio project (it has no project.json).`
          : `There is no project at “${abs}”. Check the path; nothing was created.`,
      );
    }
    if (read.kind === 'invalid') {
      throw new AppError(
        'project_unreadable',
        `The project file of “${basename(abs)}” ${read.reason}. Fix or restore project.json; nothing in the folder was changed.`,
      );
    }
    return new Project(abs, read.value, logger);
  }

  /**
   * Opens the project in `dir`, creating it when the folder is missing or empty.
   * A non-empty folder without project.json is refused: it is someone else's folder.
   */
  static async openOrCreate(dir: string, options: { name?: string; now?: Date; logger?: Logger; demo?: boolean } = {}): Promise<Project> {
    const abs = resolve(dir);
    const here = await stat(abs).catch(() => null);
    if (here && !here.isDirectory()) {
      throw new AppError('project_not_a_folder', `“${abs}” is a file, not a folder. Name a new or empty folder for the project.`);
    }
    if (await stat(join(abs, 'project.json')).catch(() => null)) return Project.open(abs, options.logger);
    const entries = await readdir(abs).catch(() => null);
    if (entries && entries.filter((e) => !e.startsWith('.')).length > 0) {
      throw new AppError(
        'project_folder_not_empty',
        `“${basename(abs)}” already holds other files and is not a project. Choose an empty or new folder.`,
      );
    }
    const file: ProjectFile = ProjectFileSchema.parse({
      schemaVersion: 1,
      id: randomUUID(),
      name: options.name ?? basename(abs),
      createdAt: (options.now ?? new Date()).toISOString(),
      demo: options.demo ?? false,
    });
    await mkdir(abs, { recursive: true });
    for (const sub of ['media', 'generations', 'exports']) await mkdir(join(abs, sub), { recursive: true });
    await writeJsonAtomic(join(abs, 'project.json'), file);
    return new Project(abs, file, options.logger);
  }

  async update(patch: Partial<Pick<ProjectFile, 'name' | 'archived' | 'defaults' | 'outputNameTemplate'>>): Promise<ProjectFile> {
    const next = ProjectFileSchema.parse({ ...this.#file, ...patch });
    await writeJsonAtomic(join(this.dir, 'project.json'), next);
    this.#file = next;
    return next;
  }

  importMedia(source: string): Promise<ImportedMedia> {
    return importMedia(this.dir, source);
  }

  /** An absolute path for a project-relative one, refusing escapes. */
  path(relative: string): string {
    return within(this.dir, relative);
  }

  exportsDir(): string {
    return within(this.dir, 'exports');
  }
}
