import type { ImportedAudio, ImportedImage } from '../../../../../shared/inputs.ts';
import { PORTRAIT_CANDIDATES } from '../../../../../shared/portrait-models.ts';
import { toast } from '../../../app/ui-store.ts';
import { call, messageOf, studio } from '../../../ipc/studio.ts';
import { plural } from '../../../lib/format.ts';
import { useProjects } from '../../projects/projects-store.ts';
import { readPeaks } from '../actions.ts';
import { useComposer } from '../composer-store.ts';
import { useSources } from './source-store.ts';

/**
 * The models and their voices, asked of main once per session (main caches Runware's lists);
 * asked again each time Script opens while a list could not be read.
 */
export async function loadSpeechModels(): Promise<void> {
  const { models, modelsNotice } = useSources.getState();
  if (models && modelsNotice === null) return;
  try {
    const { models, notice } = await call(studio().speech.models());
    const sources = useSources.getState();
    sources.setModels(models, notice);
    // Keep the chosen voice if the model still has it, else its first.
    const model = models.find((m) => m.air === sources.script.model) ?? models[0];
    if (model && !model.voices.includes(sources.script.voice)) sources.setScript({ model: model.air, voice: model.voices[0] ?? '' });
  } catch (error) {
    toast('error', `The voices could not be listed: ${messageOf(error)}`);
  }
}

/** Speaks the script (main reuses an identical earlier one at no charge); the result plays at once. */
export async function previewScript(): Promise<void> {
  const project = useProjects.getState().current;
  const sources = useSources.getState();
  if (!project || sources.previewing) return;
  const { text, model, voice } = sources.script;
  sources.setPreview({ previewing: true, previewError: null });
  try {
    const made = await call(studio().speech.preview({ projectDir: project.dir, text, model, voice }));
    useProjects.getState().addPaidMedia(project.dir, made.costUSD);
    // Another project opened meanwhile: the speech stays in the first one's media, not on screen here.
    if (!stillOpen(project.dir)) return;
    useSources.getState().setPreview({ preview: { ...made, text: text.trim(), model, voice }, previewing: false });
  } catch (error) {
    useSources.getState().setPreview({ previewing: false, previewError: messageOf(error) });
  } finally {
    if (!stillOpen(project.dir)) useSources.getState().setPreview({ previewing: false });
  }
}

function stillOpen(dir: string): boolean {
  return useProjects.getState().current?.dir === dir;
}

/** A voice made here (speech, a recorded take) becomes the composer's voice, like a dropped file. */
export function takeVoice(audio: ImportedAudio): void {
  const project = useProjects.getState().current;
  if (!project) return;
  useComposer.getState().setAudio(audio);
  void readPeaks(project.dir, audio);
  useSources.getState().setVoiceSource('file');
}

/** Four candidates from the description, side by side; each is billed, and kept in the project's media. */
export async function describePortraits(): Promise<void> {
  const project = useProjects.getState().current;
  const { describe, setDescribe } = useSources.getState();
  if (!project || describe.making) return;
  setDescribe({ making: true, error: null });
  try {
    const { images } = await call(
      studio().portraits.describe({ projectDir: project.dir, prompt: describe.prompt, count: PORTRAIT_CANDIDATES }),
    );
    useSources.getState().setDescribe({ candidates: stillOpen(project.dir) ? images : [], making: false });
    useProjects.getState().addPaidMedia(
      project.dir,
      images.reduce((sum, i) => sum + (i.made?.costUSD ?? 0), 0),
    );
    if (images.length < PORTRAIT_CANDIDATES)
      toast('warning', `Runware made ${plural(images.length, 'portrait')} of ${PORTRAIT_CANDIDATES}.`);
  } catch (error) {
    useSources.getState().setDescribe({ making: false, error: messageOf(error) });
  }
}

/** The chosen candidate becomes the portrait. */
export function takePortrait(image: ImportedImage): void {
  useComposer.getState().setImage(image);
}

/** A microphone take, as main keeps it: a file in the project's recordings/ folder, written as it comes. */
export const recordingsApi = {
  start: (projectDir: string, mimeType: string) => call(studio().recordings.start({ projectDir, mimeType })),
  append: (id: string, bytes: Uint8Array<ArrayBuffer>) => call(studio().recordings.append({ id, bytes })),
  finish: (id: string) => call(studio().recordings.finish({ id })),
  /** Takes a crash interrupted, still in the recordings folder. */
  unfinished: (projectDir: string) => call(studio().recordings.unfinished({ projectDir })),
  recover: (projectDir: string, file: string) => call(studio().recordings.recover({ projectDir, file })),
};
