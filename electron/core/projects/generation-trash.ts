import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import type { TrashedSpend } from '../../../shared/spend.ts';
import { readJson, setAside, writeJsonAtomic } from '../fs/atomic-json.ts';
import type { Project } from './project.ts';

const LedgerSchema = z.object({
  version: z.literal(1),
  entries: z.record(z.string(), z.object({ spentUSD: z.number().nonnegative(), trashedAt: z.string() })),
});
type Ledger = z.infer<typeof LedgerSchema>;

/**
 * Deleting a generation is undoable: its folder first moves to the project's
 * `.studio/trash/`, from where Restore brings it back; only later does it go to the
 * system trash (still recoverable there). Nothing is ever erased outright.
 *
 * What a trashed generation cost stays in `.studio/trashed-spend.json`: the money was
 * paid, so the project's spend and its budget cap keep counting it after the folder
 * has gone to the system trash.
 */
export class GenerationTrash {
  static folderOf(project: Project): string {
    return join(project.dir, '.studio', 'trash');
  }

  static #ledgerFile(project: Project): string {
    return join(project.dir, '.studio', 'trashed-spend.json');
  }

  /** Moves a generation's folder to the trash, noting what it cost first (so the money is never lost from view). */
  static async move(project: Project, id: string, spentUSD: number, now: Date = new Date()): Promise<TrashedSpend> {
    const from = project.generations.folder(id);
    if (!(await stat(from).catch(() => null))) throw new AppError('generation_missing', 'That generation is no longer in this project.');
    const dir = GenerationTrash.folderOf(project);
    await mkdir(dir, { recursive: true });
    // Noted before the move: if the move then fails, the listed generation is not counted twice.
    await GenerationTrash.#edit(project, (entries) => ({ ...entries, [id]: { spentUSD, trashedAt: now.toISOString() } }));
    await rename(from, join(dir, id));
    return { id, spentUSD };
  }

  static async restore(project: Project, id: string): Promise<void> {
    const from = join(GenerationTrash.folderOf(project), id);
    if (!(await stat(from).catch(() => null))) {
      throw new AppError('trash_missing', 'That generation has already gone to the system trash; restore it from there.');
    }
    const to = project.generations.folder(id);
    if (await stat(to).catch(() => null))
      throw new AppError('restore_conflict', 'A generation with that name exists again; nothing was overwritten.');
    await rename(from, to);
    // Listed again, it counts through its own record (a leftover entry would be skipped anyway).
    await GenerationTrash.#edit(project, ({ [id]: _restored, ...rest }) => rest).catch(() => undefined);
  }

  /** Everything in the project's trash, for handing over to the system trash. */
  static async pending(project: Project): Promise<string[]> {
    const dir = GenerationTrash.folderOf(project);
    return (await readdir(dir).catch(() => [] as string[])).map((name) => join(dir, name));
  }

  /** What the generations moved to the trash cost, whether their folders are still here or not. */
  static async spent(project: Project): Promise<TrashedSpend[]> {
    const entries = await GenerationTrash.#read(project);
    return Object.entries(entries).map(([id, e]) => ({ id, spentUSD: e.spentUSD }));
  }

  static async #read(project: Project): Promise<Ledger['entries']> {
    const read = await readJson(GenerationTrash.#ledgerFile(project), LedgerSchema);
    return read.kind === 'ok' ? read.value.entries : {};
  }

  static async #edit(project: Project, change: (entries: Ledger['entries']) => Ledger['entries']): Promise<void> {
    const file = GenerationTrash.#ledgerFile(project);
    const read = await readJson(file, LedgerSchema);
    // A ledger damaged by hand is kept beside the new one, never overwritten.
    if (read.kind === 'invalid') await setAside(file).catch(() => undefined);
    const entries = change(read.kind === 'ok' ? read.value.entries : {});
    await writeJsonAtomic(file, { version: 1, entries });
  }
}
