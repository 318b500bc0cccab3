import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { Project } from './project.ts';

/**
 * Deleting a generation is undoable: its folder first moves to the project's
 * `.studio/trash/`, from where Restore brings it back; only later does it go to the
 * system trash (still recoverable there). Nothing is ever erased outright.
 */
export class GenerationTrash {
  static folderOf(project: Project): string {
    return join(project.dir, '.studio', 'trash');
  }

  static async move(project: Project, id: string): Promise<string> {
    const from = project.generations.folder(id);
    if (!(await stat(from).catch(() => null))) throw new AppError('generation_missing', 'That generation is no longer in this project.');
    const dir = GenerationTrash.folderOf(project);
    await mkdir(dir, { recursive: true });
    const to = join(dir, id);
    await rename(from, to);
    return to;
  }

  static async restore(project: Project, id: string): Promise<void> {
    const from = join(GenerationTrash.folderOf(project), id);
    if (!(await stat(from).catch(() => null))) {
      throw new AppError('trash_missing', 'That generation has already gone to the system trash; restore it from there.');
    }
    const to = project.generations.folder(id);
    if (await stat(to).catch(() => null)) throw new AppError('restore_conflict', 'A generation with that name exists again; nothing was overwritten.');
    await rename(from, to);
  }

  /** Everything in the project's trash, for handing over to the system trash. */
  static async pending(project: Project): Promise<string[]> {
    const dir = GenerationTrash.folderOf(project);
    return (await readdir(dir).catch(() => [] as string[])).map((name) => join(dir, name));
  }
}
