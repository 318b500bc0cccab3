import { create } from 'zustand';
import { DEFAULT_PORTRAIT_PROMPT } from '../../../../../shared/portrait-models.ts';
import type { ImportedAudio, ImportedImage } from '../../../../../shared/inputs.ts';
import { DEFAULT_TTS_MODEL, type SpeechModelView } from '../../../../../shared/tts-models.ts';

export type VoiceSource = 'file' | 'record' | 'script';
export type PortraitSource = 'file' | 'describe';

/** A preview as it was made: Use this voice is offered only while the script still says this. */
export interface SpeechPreview {
  audio: ImportedAudio;
  costUSD: number;
  reused: boolean;
  text: string;
  model: string;
  voice: string;
}

/** How the Voice and Portrait cards are being filled: which source, and each source's work so far. */
interface SourceState {
  voiceSource: VoiceSource;
  portraitSource: PortraitSource;
  script: { text: string; model: string; voice: string };
  models: SpeechModelView[] | null;
  modelsNotice: string | null;
  preview: SpeechPreview | null;
  previewing: boolean;
  previewError: string | null;
  describe: { prompt: string; candidates: ImportedImage[]; making: boolean; error: string | null };
  setVoiceSource: (source: VoiceSource) => void;
  setPortraitSource: (source: PortraitSource) => void;
  setScript: (patch: Partial<SourceState['script']>) => void;
  setModels: (models: SpeechModelView[], notice: string | null) => void;
  setPreview: (patch: Partial<Pick<SourceState, 'preview' | 'previewing' | 'previewError'>>) => void;
  setDescribe: (patch: Partial<SourceState['describe']>) => void;
  /** Another project opened: its previews and candidates are not this one's (the script stays). */
  forgetMade: () => void;
}

export const useSources = create<SourceState>()((set) => ({
  voiceSource: 'file',
  portraitSource: 'file',
  script: { text: '', model: DEFAULT_TTS_MODEL, voice: 'Eve' },
  models: null,
  modelsNotice: null,
  preview: null,
  previewing: false,
  previewError: null,
  describe: { prompt: DEFAULT_PORTRAIT_PROMPT, candidates: [], making: false, error: null },
  setVoiceSource: (voiceSource) => set({ voiceSource }),
  setPortraitSource: (portraitSource) => set({ portraitSource }),
  setScript: (patch) => set((s) => ({ script: { ...s.script, ...patch }, previewError: null })),
  setModels: (models, modelsNotice) => set({ models, modelsNotice }),
  setPreview: (patch) => set(patch),
  setDescribe: (patch) => set((s) => ({ describe: { ...s.describe, ...patch } })),
  forgetMade: () => set((s) => ({ preview: null, previewError: null, describe: { ...s.describe, candidates: [], error: null } })),
}));
