import type { GenerationSummary } from '../../../shared/generation.ts';
import type { ImportedInput } from '../../../shared/inputs.ts';
import { call, messageOf, studio } from '../ipc/studio.ts';
import { settingsToSend } from '../lib/composer-check.ts';
import { useComposer } from './composer-store.ts';
import { useProjects } from './projects-store.ts';
import { toast, useStudio } from './studio-store.ts';

const LAST_PROJECT = 'avatar-studio:last-project';

/** Peaks detailed enough to zoom in, without sending more than the waveform can draw. */
function bucketsFor(durationSec: number): number {
  return Math.max(800, Math.min(20_000, Math.round(durationSec * 200)));
}

export async function loadProjects(): Promise<void> {
  const listing = await call(studio().projects.list());
  useProjects.getState().setList(listing.root, listing.projects);
  for (const bad of listing.unreadable) toast('warning', `The project “${bad.dir}” could not be opened: ${bad.reason}`);
}

export async function openProject(dir: string): Promise<void> {
  const projects = useProjects.getState();
  if (projects.current?.dir === dir) return;
  projects.setOpening(true);
  try {
    const view = await call(studio().projects.open({ projectDir: dir }));
    projects.setCurrent(view.project, view.generations, view.unreadable);
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
    await loadProjects();
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

/**
 * Imports dropped, picked or pasted files into the open project: a picture fills
 * the portrait, a sound (or a video's sound) fills the voice.
 */
export async function importPaths(paths: readonly string[]): Promise<void> {
  const project = useProjects.getState().current;
  if (!project) {
    toast('warning', 'Create or choose a project first: imported files are kept in its folder.');
    return;
  }
  await Promise.all(paths.map((path) => importOne(project.dir, () => call(studio().inputs.import({ projectDir: project.dir, path })), path)));
}

export async function importBytes(name: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const project = useProjects.getState().current;
  if (!project) return;
  await importOne(project.dir, () => call(studio().inputs.importBytes({ projectDir: project.dir, name, bytes })), name);
}

function guessKind(name: string): 'image' | 'audio' {
  return /\.(jpe?g|png|webp|gif|heic|heif|bmp|tiff?)$/i.test(name) ? 'image' : 'audio';
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

/** Sends the composition to the queue. Returns the new generation, or null. */
export async function generate(): Promise<GenerationSummary | null> {
  const composer = useComposer.getState();
  const project = useProjects.getState().current;
  if (!project || !composer.image || !composer.audio || composer.submitting) return null;
  composer.setSubmitting(true);
  try {
    const generation = await call(
      studio().generations.create({
        projectDir: project.dir,
        image: composer.image.file,
        audio: composer.audio.file,
        startSec: composer.trim.startSec,
        endSec: composer.trim.endSec,
        settings: settingsToSend(composer.prompt, composer.settings),
        normalizeLoudness: composer.normalizeLoudness,
        originalNames: { image: composer.image.name, audio: composer.audio.name },
      }),
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
