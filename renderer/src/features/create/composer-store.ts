import { create } from 'zustand';
import { DEFAULT_AURORA_SETTINGS, type AuroraSettings } from '../../../../shared/aurora.ts';
import type { ImportedAudio, ImportedImage, Peaks } from '../../../../shared/inputs.ts';

export interface Trim {
  startSec: number;
  endSec: number;
}

/** What the person is composing: UI state only, until Generate hands it to main. */
export interface ComposerState {
  image: ImportedImage | null;
  audio: ImportedAudio | null;
  peaks: Peaks | null;
  loading: { image: boolean; audio: boolean };
  errors: { image: string | null; audio: string | null };
  trim: Trim;
  prompt: string;
  settings: AuroraSettings;
  normalizeLoudness: boolean;
  submitting: boolean;
  /** Cut times when a selection over 60 s is made in parts; null when not split. */
  cuts: number[] | null;
  setCuts: (cuts: number[] | null) => void;
  setImage: (image: ImportedImage | null) => void;
  setAudio: (audio: ImportedAudio | null, peaks?: Peaks | null) => void;
  setPeaks: (peaks: Peaks | null) => void;
  setLoading: (kind: 'image' | 'audio', loading: boolean) => void;
  setError: (kind: 'image' | 'audio', message: string | null) => void;
  setTrim: (trim: Trim) => void;
  setPrompt: (prompt: string) => void;
  setSettings: (patch: Partial<AuroraSettings>) => void;
  /** All the settings at once: none of the previous ones (prompt, CFG, content check) lingers. */
  replaceSettings: (settings: AuroraSettings) => void;
  setNormalizeLoudness: (on: boolean) => void;
  setSubmitting: (on: boolean) => void;
  /** A new project starts from its own defaults. */
  reset: (defaults?: { settings: AuroraSettings; normalizeLoudness: boolean }) => void;
}

const round = (v: number) => Math.round(v * 100) / 100;

type ComposerData = Omit<
  ComposerState,
  { [K in keyof ComposerState]: ComposerState[K] extends (...args: never[]) => unknown ? K : never }[keyof ComposerState]
>;

/** An empty composition, starting from a project's defaults when given. */
function blank(defaults?: { settings: AuroraSettings; normalizeLoudness: boolean }): ComposerData {
  return {
    image: null,
    audio: null,
    peaks: null,
    loading: { image: false, audio: false },
    errors: { image: null, audio: null },
    trim: { startSec: 0, endSec: 0 },
    prompt: defaults?.settings.positivePrompt ?? '',
    settings: defaults?.settings ?? DEFAULT_AURORA_SETTINGS,
    normalizeLoudness: defaults?.normalizeLoudness ?? false,
    submitting: false,
    cuts: null,
  };
}

export const useComposer = create<ComposerState>()((set) => ({
  ...blank(),
  setImage: (image) => set((s) => ({ image, errors: { ...s.errors, image: null } })),
  setAudio: (audio, peaks = null) =>
    set((s) => ({
      audio,
      peaks,
      errors: { ...s.errors, audio: null },
      // A new voice starts fully selected, up to what Aurora takes.
      trim: audio ? { startSec: 0, endSec: round(audio.durationSec) } : { startSec: 0, endSec: 0 },
      cuts: null,
    })),
  setPeaks: (peaks) => set({ peaks }),
  setLoading: (kind, loading) => set((s) => ({ loading: { ...s.loading, [kind]: loading } })),
  setError: (kind, message) => set((s) => ({ errors: { ...s.errors, [kind]: message } })),
  // A new selection drops the old cuts: they were planned for other bounds.
  setTrim: (trim) => set({ trim: { startSec: round(trim.startSec), endSec: round(trim.endSec) }, cuts: null }),
  setCuts: (cuts) => set({ cuts: cuts ? [...cuts].sort((a, b) => a - b).map((c) => Math.round(c * 100) / 100) : null }),
  setPrompt: (prompt) => set({ prompt }),
  setSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
  replaceSettings: (settings) => set({ settings: { ...settings } }),
  setNormalizeLoudness: (normalizeLoudness) => set({ normalizeLoudness }),
  setSubmitting: (submitting) => set({ submitting }),
  reset: (defaults) => set(blank(defaults)),
}));
