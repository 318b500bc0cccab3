import type { GenerationSummary } from '../../../../shared/generation.ts';
import { IMAGE_EXTENSIONS, type BatchPlanView, type ImportedInput } from '../../../../shared/inputs.ts';
import { AURORA_MAX_AUDIO_SECONDS } from '../../../../shared/aurora.ts';
import { command } from '../../app/command.ts';
import { toast, useStudio } from '../../app/ui-store.ts';
import { call, messageOf, studio } from '../../ipc/studio.ts';
import { inProject } from '../../lib/project-path.ts';
import { plural, seconds } from '../../lib/format.ts';
import { createProject } from '../projects/actions.ts';
import { useProjects } from '../projects/projects-store.ts';
import { pendingBatch } from './batch-store.ts';
import { settingsToSend } from './composer-check.ts';
import { useComposer } from './composer-store.ts';
import { useSources } from './sources/source-store.ts';

/** Peaks detailed enough to zoom in, without sending more than the waveform can draw. */
function bucketsFor(durationSec: number): number {
  return Math.max(800, Math.min(20_000, Math.round(durationSec * 200)));
}

/** Voices whose peaks are being read: one request each, however many ask. */
const readingPeaks = new Set<string>();

export async function readPeaks(projectDir: string, input: Extract<ImportedInput, { kind: 'audio' }>): Promise<void> {
  if (readingPeaks.has(input.file)) return;
  readingPeaks.add(input.file);
  try {
    const peaks = await call(studio().inputs.peaks({ projectDir, file: input.file, buckets: bucketsFor(input.durationSec) }));
    // A newer voice may have been dropped meanwhile.
    if (useComposer.getState().audio?.file === input.file) useComposer.getState().setPeaks(peaks);
  } catch (error) {
    toast('warning', `The waveform could not be drawn: ${messageOf(error)}`);
  } finally {
    readingPeaks.delete(input.file);
  }
}

/** A voice put back after a restart has no waveform yet: reads it. */
export function ensurePeaks(): void {
  const dir = useProjects.getState().current?.dir;
  const { audio, peaks } = useComposer.getState();
  if (dir && audio && !peaks) void readPeaks(dir, audio);
}

/**
 * Files dropped before any project is open go into a new "Untitled project" (renamed from the
 * sidebar like any other), so a first drop is never lost to a "create a project first".
 */
async function untitledProject() {
  const taken = new Set(useProjects.getState().list.map((p) => p.name.toLowerCase()));
  let name = 'Untitled project';
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `Untitled project ${n}`;
  return (await createProject(name)) ? useProjects.getState().current : null;
}

/**
 * Imports dropped, picked or pasted files into the open project: a picture fills
 * the portrait, a sound (or a video's sound) fills the voice. Several voices (or
 * several portraits) at once make a batch, priced for the person to confirm.
 */
export async function importPaths(paths: readonly string[]): Promise<void> {
  const project = useProjects.getState().current ?? (await untitledProject());
  if (!project) return;
  const images = paths.filter((p) => guessKind(p) === 'image');
  const audios = paths.filter((p) => guessKind(p) === 'audio');
  if (images.length > 1 || audios.length > 1) {
    await planBatchFrom(project.dir, images, audios);
    return;
  }
  await Promise.all(
    paths.map((path) => importOne(project.dir, () => call(studio().inputs.import({ projectDir: project.dir, path })), path)),
  );
}

/** 1 portrait × N voices, or N portraits × 1 voice (the other side may be in the composer already). */
async function planBatchFrom(projectDir: string, images: string[], audios: string[]): Promise<void> {
  const composer = useComposer.getState();
  const current = (file: string | undefined) => (file ? [inProject(projectDir, file)] : []);
  const portraits = images.length > 0 ? images : current(composer.image?.file);
  const voices = audios.length > 0 ? audios : current(composer.audio?.file);
  // The composer's side is the project's stored copy: the batch is named by the file the person dropped.
  const originalNames = {
    ...(images.length === 0 && composer.image ? { image: composer.image.name } : {}),
    ...(audios.length === 0 && composer.audio ? { audio: composer.audio.name } : {}),
  };
  if (portraits.length > 1 && voices.length > 1) {
    toast('warning', 'A batch pairs one portrait with many voices, or many portraits with one voice. Drop one side at a time.');
    return;
  }
  if (portraits.length === 0 || voices.length === 0) {
    toast(
      'info',
      portraits.length === 0
        ? 'Add a portrait first: each voice will be paired with it.'
        : 'Add a voice first: each portrait will be paired with it.',
    );
    return;
  }
  const items = portraits.flatMap((image) => voices.map((audio) => ({ image, audio, originalNames })));
  await planBatch({ projectDir, items });
}

export async function planBatch(request: {
  projectDir: string;
  items?: { image: string; audio: string; originalNames?: { image?: string; audio?: string } }[];
  manifest?: string;
}): Promise<void> {
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
    // A dropped file shows where files show: the card's File source.
    if (input.kind === 'image') useSources.getState().setPortraitSource('file');
    else useSources.getState().setVoiceSource('file');
    if (input.kind === 'image') {
      composer.setImage(input);
    } else {
      composer.setAudio(input);
      void readPeaks(projectDir, input);
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
      studio().inputs.splitPlan({
        projectDir: project.dir,
        file: composer.audio.file,
        startSec: composer.trim.startSec,
        endSec: composer.trim.endSec,
      }),
    );
    composer.setCuts(plan.cuts);
    if (composer.settings.numberResults !== 1) composer.setSettings({ numberResults: 1 });
    if (plan.hardCuts.length > 0) {
      toast(
        'warning',
        `No pause was found near ${plan.hardCuts.map((c) => `${c.toFixed(1)} s`).join(', ')}: a cut there may fall inside a word. Drag its marker to a quieter spot.`,
      );
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

/** The path of a dropped file, as the desktop gives it (empty for bytes that are not a file). */
export function pathForFile(file: File): string {
  return studio().getPathForFile(file);
}

/** Moves the trim to where speech starts and ends, dropping paid silence. */
export async function trimSilence(): Promise<void> {
  const { audio, setTrim } = useComposer.getState();
  const project = useProjects.getState().current;
  if (!audio || !project) return;
  try {
    const bounds = await call(studio().inputs.speechBounds({ projectDir: project.dir, file: audio.file }));
    if (!bounds || bounds.savedSec < 0.05) {
      toast('info', 'There is no silence worth trimming at the start or the end.');
    } else {
      setTrim({ startSec: bounds.startSec, endSec: Math.min(bounds.endSec, bounds.startSec + AURORA_MAX_AUDIO_SECONDS) });
      toast('info', `Trimmed ${seconds(bounds.savedSec)} of silence.`);
    }
  } catch (e) {
    toast('error', messageOf(e));
  }
}

/** Saves the prompt presets; the settings view main answers with, or null when refused. */
export async function savePromptPresets(presets: { name: string; prompt: string }[]): Promise<boolean> {
  const view = await command(() => call(studio().settings.update({ promptPresets: presets })));
  if (view) useStudio.getState().setSettings(view);
  return view !== null;
}

/** Queues a batch the person confirmed (by its id: main priced it). True when it was queued. */
export async function startBatch(plan: BatchPlanView): Promise<boolean> {
  const project = useProjects.getState().current;
  if (!project) return false;
  try {
    const queued = await call(studio().batches.start({ projectDir: project.dir, planId: plan.id }));
    for (const g of queued) useProjects.getState().upsert(project.dir, g);
    toast('info', `Queued ${plural(queued.length, 'generation')} of “${plan.name}”.`);
    useStudio.getState().setTab('create');
    return true;
  } catch (error) {
    toast('error', messageOf(error));
    return false;
  }
}
