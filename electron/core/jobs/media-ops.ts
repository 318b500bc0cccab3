import type { ExportFormat, ExportQuality } from '../../../shared/composition.ts';
import type { Peaks } from '../../../shared/inputs.ts';

/** What a dropped file is, as far as the composer needs to know. */
export type InputFacts =
  | { kind: 'image'; width: number; height: number; format: string }
  | { kind: 'audio'; durationSec: number; sampleRate: number; channels: number };

/**
 * What the engine and the use cases need from the media pipeline (electron/core/media),
 * in their own terms: the only door to it for jobs/ and studio/. The adapter in
 * media-adapter.ts binds it to the ffmpeg toolkit.
 */
export interface MediaOps {
  probeAudio(file: string): Promise<{ durationSec: number }>;
  probeImage(file: string): Promise<{ width: number; height: number }>;
  /**
   * Reads a file the person dropped: a portrait Aurora can take (size, format) or a
   * sound (decoded length), refused in words that name what is wrong with it.
   */
  inspectInput(file: string): Promise<InputFacts>;
  /**
   * Trims `[startSec, endSec]` of `input` to an Aurora-ready file; returns its measured
   * length. `mp3` is what is sent (compact; never longer than the selection, padding
   * included); `wav` is lossless, for audio that stays on this computer.
   */
  prepareAudio(options: {
    input: string;
    startSec: number;
    endSec: number;
    normalizeLoudness: boolean;
    format: 'mp3' | 'wav';
    outFile: string;
    /** Longest selection allowed (Aurora's 60 s by default; null for a split generation's whole audio). */
    maxSec?: number | null;
    signal?: AbortSignal;
  }): Promise<{ file: string; durationSec: number }>;
  /** An Aurora-ready portrait (orientation applied, alpha flattened, size capped). */
  prepareImage(options: { input: string; outFile: string; signal?: AbortSignal }): Promise<{ file: string; width: number; height: number }>;
  /** Throws when the take is not a decodable video of about the expected length. */
  verifyTake(options: { file: string; expectedDurationSec: number }): Promise<{ durationSec: number }>;
  makePoster(options: { video: string; outFile: string }): Promise<void>;
  /** Joins a split generation's takes, in order, over its continuous audio. */
  concatTakes(options: { inputs: string[]; audio: string; outFile: string }): Promise<void>;
  exportTake(options: {
    input: string;
    format: ExportFormat;
    quality?: ExportQuality;
    outFile: string;
    originalAudio?: string;
    signal?: AbortSignal;
    onProgress?: (fraction: number) => void;
  }): Promise<void>;
  /** Pauses in the audio (where a long selection can be cut, where speech starts and ends). */
  silences(file: string): Promise<{ startSec: number; endSec: number }[]>;
  /** Where speech starts and ends, and how much silence trimming saves. */
  speechBounds(file: string, durationSec: number): Promise<{ startSec: number; endSec: number; savedSec: number } | null>;
  /** Min/max per bucket, rounded for the window's waveform. */
  peaks(file: string, buckets: number): Promise<Peaks>;
}
