import type { GenerationSummary } from '../../../shared/generation.ts';
import { create } from 'zustand';
import { IMAGE_EXTENSIONS, type BatchPlanView, type ImportedInput } from '../../../shared/inputs.ts';
import { call, messageOf, studio } from '../ipc/studio.ts';
import { settingsToSend } from '../lib/composer-check.ts';
import { inProject } from '../lib/project-path.ts';
import { useComposer } from './composer-store.ts';
import { useProjects } from './projects-store.ts';
import { toast, useStudio } from './studio-store.ts';

const LAST_PROJECT = 'avatar-studio:last-project';

/** Peaks detailed enough to zoom in, without sending more than the waveform can draw. */
function bucketsFor(durationSec: number): number {
  return Math.max(800, Math.min(20_000, Math.round(durationSec * 200)));
}

let latestLoad: Promise<void> = Promise.resolve();

export function loadProjects(): Promise<void> {
  const load = (async () => {
    const listing = await call(studio().projects.list());
    useProjects.getState().setList(listing.root, listing.projects);
    for (const bad of listing.unreadable) toast('warning', `The project “${bad.dir}” could not be opened: ${bad.reason}`);
  })();
  latestLoad = load.catch(() => undefined);
  return load;
}

/**
 * Waits for the project list to show a create, rename or archive that main has just
 * answered. Main announces each one (projects:changed, which reloads the list) before
 * its answer arrives, so the newest load already includes it: listing every project
 * a second time would only repeat it.
 */
export function projectsReloaded(): Promise<void> {
  return latestLoad;
}

export async function openProject(dir: string): Promise<void> {
  const projects = useProjects.getState();
  if (projects.current?.dir === dir) return;
  projects.setOpening(true);
  try {
    const view = await call(studio().projects.open({ projectDir: dir }));
    projects.setCurrent(view.project, view.generations, view.unreadable, view.trashed);
    useComposer.getState().reset(view.project.defaults);
    localStorage.setItem(LAST_PROJECT, dir);
    for (const bad of view.unreadable) toast('warning', `Skipped the generation “${bad.id}”: ${bad.reason}. Its folder was left as it is.`);
  } catch (error) {
    projects.setOpening(false);
    toast('error', messageOf(error));
  }
}

/** Opens the project used last time, else the first one. */
export async function openInitialProject(): Promise<void> {
  const { list } = useProjects.getState();
  const last = localStorage.getItem(LAST_PROJECT);
  const target = list.find((p) => p.dir === last) ?? list[0];
  if (target) await openProject(target.dir);
}

export async function createProject(name: string): Promise<boolean> {
  try {
    const project = await call(studio().projects.create({ name }));
    await projectsReloaded();
    await openProject(project.dir);
    return true;
  } catch (error) {
    toast('error', messageOf(error));
    return false;
  }
}

async function peaksFor(projectDir: string, input: Extract<ImportedInput, { kind: 'audio' }>): Promise<void> {
  try {
    const peaks = await call(studio().inputs.peaks({ projectDir, file: input.file, buckets: bucketsFor(input.durationSec) }));
    // A newer voice may have been dropped meanwhile.
    if (useComposer.getState().audio?.file === input.file) useComposer.getState().setPeaks(peaks);
  } catch (error) {
    toast('warning', `The waveform could not be drawn: ${messageOf(error)}`);
  }
}

/** A batch waiting for the person's confirmation (shown by the create tab). */
export const pendingBatch = create<{ plan: BatchPlanView | null; set(plan: BatchPlanView | null): void }>()((set) => ({
  plan: null,
  set: (plan) => set({ plan }),
}));

/**
 * Imports dropped, picked or pasted files into the open project: a picture fills
 * the portrait, a sound (or a video's sound) fills the voice. Several voices (or
 * several portraits) at once make a batch, priced for the person to confirm.
 */
export async function importPaths(paths: readonly string[]): Promise<void> {
  const project = useProjects.getState().current;
  if (!project) {
    toast('warning', 'Create or choose a project first: imported files are kept in its folder.');
    return;
  }
  const images = paths.filter((p) => guessKind(p) === 'image');
  const audios = paths.filter((p) => guessKind(p) === 'audio');
  if (images.length > 1 || audios.length > 1) {
    await planBatchFrom(project.dir, images, audios);
    return;
  }
  await Promise.all(paths.map((path) => importOne(project.dir, () => call(studio().inputs.import({ projectDir: project.dir, path })), path)));
}

/** 1 portrait × N voices, or N portraits × 1 voice (the other side may be in the composer already). */
async function planBatchFrom(projectDir: string, images: string[], audios: string[]): Promise<void> {
  const composer = useComposer.getState();
  const current = (file: string | undefined) => (file ? [inProject(projectDir, file)] : []);
  const portraits = images.length > 0 ? images : current(composer.image?.file);
  const voices = audios.length > 0 ? audios : current(composer.audio?.file);
  if (portraits.length > 1 && voices.length > 1) {
    toast('warning', 'A batch pairs one portrait with many voices, or many portraits with one voice. Drop one side at a time.');
    return;
  }
  if (portraits.length === 0 || voices.length === 0) {
    toast('info', portraits.length === 0 ? 'Add a portrait first: each voice will be paired with it.' : 'Add a voice first: each portrait will be paired with it.');
    return;
  }
  const items = portraits.flatMap((image) => voices.map((audio) => ({ image, audio })));
  await planBatch({ projectDir, items });
}

export async function planBatch(request: { projectDir: string; items?: { image: string; audio: string }[]; manifest?: string }): Promise<void> {
  const composer = useComposer.getState();
  try {
    const plan = await call(studio().batches.plan({ ...request, settings: settingsToSend(composer.prompt, composer.settings) }));
    pendingBatch.getState().set(plan);
  } catch (error) {
    toast('error', messageOf(error));
  }
}

export async function pickManifest(): Promise<void> {
  const project = useProjects.getState().current;
  if (!project) return;
  const [manifest] = await call(studio().inputs.pick({ kind: 'manifest' })).catch(() => [] as string[]);
  if (manifest) await planBatch({ projectDir: project.dir, manifest });
}

export async function importBytes(name: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const project = useProjects.getState().current;
  if (!project) return;
  await importOne(project.dir, () => call(studio().inputs.importBytes({ projectDir: project.dir, name, bytes })), name);
}

/** A picture by its name; anything else (a sound, a video's sound) fills the voice. */
function guessKind(name: string): 'image' | 'audio' {
  const extension = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  return extension !== undefined && IMAGE_EXTENSIONS.includes(extension) ? 'image' : 'audio';
}

async function importOne(projectDir: string, run: () => Promise<ImportedInput>, name: string): Promise<void> {
  const composer = useComposer.getState();
  const kind = guessKind(name);
  composer.setLoading(kind, true);
  try {
    const input = await run();
    if (input.kind === 'image') {
      composer.setImage(input);
    } else {
      composer.setAudio(input);
      void peaksFor(projectDir, input);
    }
  } catch (error) {
    composer.setError(kind, messageOf(error));
  } finally {
    composer.setLoading(kind, false);
  }
}

export async function pickInputs(kind: 'image' | 'audio' | 'any'): Promise<void> {
  try {
    const paths = await call(studio().inputs.pick({ kind }));
    if (paths.length > 0) await importPaths(paths);
  } catch (error) {
    toast('error', messageOf(error));
  }
}

/** Asks main where to cut the selection (at its pauses) and shows the cuts. */
export async function splitSelection(): Promise<void> {
  const composer = useComposer.getState();
  const project = useProjects.getState().current;
  if (!project || !composer.audio) return;
  try {
    const plan = await call(
      studio().inputs.splitPlan({ projectDir: project.dir, file: composer.audio.file, startSec: composer.trim.startSec, endSec: composer.trim.endSec }),
    );
    composer.setCuts(plan.cuts);
    if (composer.settings.numberResults !== 1) composer.setSettings({ numberResults: 1 });
    if (plan.hardCuts.length > 0) {
      toast('warning', `No pause was found near ${plan.hardCuts.map((c) => `${c.toFixed(1)} s`).join(', ')}: a cut there may fall inside a word. Drag its marker to a quieter spot.`);
    }
  } catch (error) {
    toast('error', messageOf(error));
  }
}

/** Sends the composition to the queue. Returns the new generation, or null. */
export async function generate(): Promise<GenerationSummary | null> {
  const composer = useComposer.getState();
  const project = useProjects.getState().current;
  if (!project || !composer.image || !composer.audio || composer.submitting) return null;
  composer.setSubmitting(true);
  try {
    const request = {
      projectDir: project.dir,
      image: composer.image.file,
      audio: composer.audio.file,
      startSec: composer.trim.startSec,
      endSec: composer.trim.endSec,
      settings: settingsToSend(composer.prompt, composer.settings),
      normalizeLoudness: composer.normalizeLoudness,
      originalNames: { image: composer.image.name, audio: composer.audio.name },
    };
    const generation = await call(
      composer.cuts && composer.cuts.length > 0
        ? studio().generations.createSequence({ ...request, cuts: composer.cuts })
        : studio().generations.create(request),
    );
    useProjects.getState().upsert(project.dir, generation);
    toast('info', `Queued “${generation.name}”.`);
    return generation;
  } catch (error) {
    toast('error', messageOf(error));
    return null;
  } finally {
    useComposer.getState().setSubmitting(false);
  }
}

/** Runs a generation command and reports a refusal as a toast. */
export async function command<T>(run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    toast('error', messageOf(error));
    return null;
  }
}

export function currentDir(): string | null {
  return useProjects.getState().current?.dir ?? null;
}

export function keyConfigured(): boolean {
  return useStudio.getState().keyStatus?.configured === true;
}

/** The failed part a retry of `g` should make again: a failed part itself, or the first failed part of a split generation. */
export function failedPartOf(g: GenerationSummary, all: Record<string, GenerationSummary>): number | null {
  if (g.parent) return g.parent.index;
  if (g.kind !== 'sequence') return null;
  for (const part of g.parts ?? []) {
    const state = part.generationId ? all[part.generationId]?.state : undefined;
    if (state === 'failed' || state === 'canceled') return part.index;
  }
  return null;
}

/**
 * Makes a failed generation again (the person confirmed the price): a failed part
 * is remade inside its split generation; anything else becomes a new generation.
 */
export async function retryGeneration(g: GenerationSummary): Promise<GenerationSummary | null> {
  const dir = currentDir();
  if (!dir) return null;
  const part = failedPartOf(g, useProjects.getState().generations);
  const again = await command(() =>
    call(
      part !== null
        ? studio().generations.retryPart({ projectDir: dir, id: g.parent?.id ?? g.id, part })
        : studio().generations.retry({ projectDir: dir, id: g.id }),
    ),
  );
  if (!again) return null;
  useProjects.getState().upsert(dir, again);
  toast('info', part !== null ? `Making part ${part} of “${again.name}” again.` : `Queued “${again.name}” again · $${again.estimateUSD.toFixed(2)}.`);
  return again;
}
