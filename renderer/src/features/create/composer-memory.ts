import { z } from 'zod';
import { AuroraSettingsSchema } from '../../../../shared/aurora.ts';
import { ImportedAudioSchema, ImportedImageSchema } from '../../../../shared/inputs.ts';
import { useComposer } from './composer-store.ts';

/**
 * The composition survives a restart: per project, what the person was composing
 * (inputs, trim, cuts, prompt, settings) is kept in the window's storage and put back
 * when the project opens again. The inputs are the project's own copies, so nothing
 * outside the project is named; a saved state that no longer reads is ignored.
 */
const SavedSchema = z.object({
  image: ImportedImageSchema.nullable(),
  audio: ImportedAudioSchema.nullable(),
  trim: z.object({ startSec: z.number().nonnegative(), endSec: z.number().nonnegative() }),
  cuts: z.array(z.number()).max(1000).nullable(),
  prompt: z.string().max(10_000),
  settings: AuroraSettingsSchema,
  normalizeLoudness: z.boolean(),
});
type Saved = z.infer<typeof SavedSchema>;

const keyOf = (projectDir: string) => `composer:v1:${projectDir}`;
const SAVE_AFTER_MS = 250;

function savedOf(state: ReturnType<typeof useComposer.getState>): Saved {
  const { image, audio, trim, cuts, prompt, settings, normalizeLoudness } = state;
  return { image, audio, trim, cuts, prompt, settings, normalizeLoudness };
}

/** Puts back what was being composed in `projectDir`; false when there was nothing (or nothing readable). */
export function restoreComposer(projectDir: string): boolean {
  let raw: unknown;
  try {
    raw = JSON.parse(localStorage.getItem(keyOf(projectDir)) ?? 'null');
  } catch {
    return false;
  }
  const parsed = SavedSchema.safeParse(raw);
  if (!parsed.success) return false;
  // Set as a whole: setAudio would select the whole new voice and drop the saved trim.
  useComposer.setState({ ...parsed.data, peaks: null, errors: { image: null, audio: null } });
  return true;
}

/** Keeps the composition of the open project saved as it changes; returns the unsubscribe function. */
export function rememberComposer(currentDir: () => string | null): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pendingDir: string | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pendingDir) return;
    try {
      localStorage.setItem(keyOf(pendingDir), JSON.stringify(savedOf(useComposer.getState())));
    } catch {
      // Storage full or refused: the composition simply is not kept across a restart.
    }
    pendingDir = null;
  };
  const off = useComposer.subscribe((state) => {
    const dir = currentDir();
    if (!dir || state.submitting) return;
    // Another project's composition is written before this one's starts to wait.
    if (pendingDir && pendingDir !== dir) flush();
    pendingDir = dir;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, SAVE_AFTER_MS);
  });
  // A window closed (or reloaded) within the wait still keeps its last change.
  window.addEventListener('pagehide', flush);
  return () => {
    flush();
    window.removeEventListener('pagehide', flush);
    off();
  };
}
