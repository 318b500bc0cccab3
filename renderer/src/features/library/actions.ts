import type { GenerationSummary } from '../../../../shared/generation.ts';
import { call, studio } from '../../ipc/studio.ts';
import { inProject } from '../../lib/project-path.ts';
import type { ExportFormat, ExportQuality } from '../../../../shared/composition.ts';
import type { GenerationRecord } from '../../../../shared/generation.ts';
import { command } from '../../app/command.ts';
import { importPaths } from '../create/actions.ts';
import { currentDir } from '../projects/actions.ts';
import { useComposer } from '../create/composer-store.ts';
import { useProjects } from '../projects/projects-store.ts';
import { toast, useStudio } from '../../app/ui-store.ts';
import { useLibrary } from './library-store.ts';
import { playableTakes } from './library-model.ts';
import { money } from '../../../../shared/money.ts';

/** Renames or (un)favourites; the store takes main's answer. Returns false on refusal. */
export async function updateGeneration(id: string, patch: { name?: string; favorite?: boolean }): Promise<boolean> {
  const dir = currentDir();
  if (!dir) return false;
  const summary = await command(() => call(studio().generations.update({ projectDir: dir, id, ...patch })));
  if (!summary) return false;
  useProjects.getState().upsert(dir, summary);
  return true;
}

export function toggleFavorite(g: GenerationSummary): Promise<boolean> {
  return updateGeneration(g.id, { favorite: !g.favorite });
}

/**
 * Moves a generation's folder out of the library; Undo in the toast brings it back.
 * `next` is what to select instead, so the keyboard keeps its place.
 */
export async function moveToTrash(g: GenerationSummary, next: string | null): Promise<void> {
  const dir = currentDir();
  if (!dir) return;
  const trashed = await command(() => call(studio().generations.trash({ projectDir: dir, id: g.id })));
  if (!trashed) return;
  useProjects.getState().remove(g.id, trashed);
  const library = useLibrary.getState();
  library.dropFromCompare(g.id);
  if (library.selectedId === g.id) library.select(next);
  const id = toast('info', `Moved “${g.name}” to the trash.`, { label: 'Undo', run: () => void restore(dir, g.id) });
  focusToastAction(id);
}

/** Keyboard and screen-reader users land on Undo right after Delete (the card they were on is gone). */
function focusToastAction(id: string): void {
  const tryFocus = (triesLeft: number) => {
    const action = document.querySelector<HTMLElement>(`[data-toast-id="${id}"] [data-toast-action]`);
    if (action) action.focus();
    else if (triesLeft > 0) requestAnimationFrame(() => tryFocus(triesLeft - 1));
  };
  requestAnimationFrame(() => tryFocus(10));
}

async function restore(dir: string, id: string): Promise<void> {
  const summary = await command(() => call(studio().generations.restore({ projectDir: dir, id })));
  if (!summary) return;
  useProjects.getState().upsert(dir, summary);
  if (currentDir() === dir) useLibrary.getState().select(summary.id);
}

export function revealGeneration(id: string): void {
  const dir = currentDir();
  if (dir) void command(() => call(studio().generations.reveal({ projectDir: dir, id })));
}

/**
 * Fills the composer with what a generation was made from: its portrait and voice
 * (imported again from the project's media, which is idempotent and gives their full
 * details), trim, prompt and settings, then shows the Create tab.
 */
export async function reuseSettings(g: GenerationSummary): Promise<void> {
  const dir = currentDir();
  if (!dir) return;
  const record = await command(() => call(studio().generations.get({ projectDir: dir, id: g.id })));
  if (!record) return;
  const { inputs, params } = record;
  useStudio.getState().setTab('create');
  await importPaths([inProject(dir, inputs.image.file), inProject(dir, inputs.audio.file)]);
  const composer = useComposer.getState();
  // The copies in media/ carry content names; the person knows them by the names they had.
  if (composer.image?.file === inputs.image.file) composer.setImage({ ...composer.image, name: inputs.image.originalName });
  if (composer.audio?.file === inputs.audio.file) {
    composer.setAudio({ ...composer.audio, name: inputs.audio.originalName }, useComposer.getState().peaks);
    // The import selects the whole voice; put back the trim that was sent.
    composer.setTrim(inputs.trim);
  }
  composer.setPrompt(params.positivePrompt ?? '');
  composer.replaceSettings(params);
  composer.setNormalizeLoudness(inputs.normalizeLoudness);
  const filled = useComposer.getState();
  if (filled.image && filled.audio) toast('info', `Loaded the portrait, voice, trim and settings of “${record.name}”.`);
}

/** Renames a video; throws main's refusal for the field to show it. */
export async function renameGeneration(id: string, name: string): Promise<void> {
  const dir = currentDir();
  if (!dir) return;
  useProjects.getState().upsert(dir, await call(studio().generations.update({ projectDir: dir, id, name })));
}

/** A generation's whole record (prompt, inputs, history), for the player's facts. */
export function loadGeneration(projectDir: string, id: string): Promise<GenerationRecord> {
  return call(studio().generations.get({ projectDir, id }));
}

/** Exports a take into the project's exports/ folder; answers with the file written (throws a refusal). */
export async function exportTake(
  projectDir: string,
  request: { id: string; take: number; format: ExportFormat; quality: ExportQuality; originalAudio: boolean },
): Promise<string> {
  return (await call(studio().generations.export({ projectDir, ...request }))).file;
}

/** Shows an exported file in the file manager. */
export function revealExport(file: string): void {
  const dir = currentDir();
  if (dir) void command(() => call(studio().generations.revealExport({ projectDir: dir, file })));
}

/** Sends a draft again with Aurora v1 (the person confirmed the price): a new generation. */
export async function makeFinal(g: GenerationSummary): Promise<GenerationSummary | null> {
  const dir = currentDir();
  if (!dir) return null;
  const final = await command(() => call(studio().generations.makeFinal({ projectDir: dir, id: g.id })));
  if (!final) return null;
  useProjects.getState().upsert(dir, final);
  toast('info', `Making “${final.name}” final with Aurora v1 · ${money(final.estimateUSD)}.`);
  return final;
}

/** The draft and its final, side by side: the first playable take of each. */
export function compareDraftAndFinal(draft: GenerationSummary, final: GenerationSummary): void {
  const library = useLibrary.getState();
  library.clearCompare();
  for (const g of [draft, final]) {
    const take = playableTakes(g)[0];
    if (take) library.toggleCompare({ id: g.id, take: take.index });
  }
  library.setCompareOpen(true);
}
