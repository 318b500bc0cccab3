/**
 * What the generation engine needs from the media pipeline (electron/core/media).
 * Kept as an interface so the engine states its needs in its own terms; the
 * adapter in media-adapter.ts binds it to the ffmpeg toolkit.
 */
export interface MediaOps {
  probeAudio(file: string): Promise<{ durationSec: number }>;
  probeImage(file: string): Promise<{ width: number; height: number }>;
  /** Trims `[startSec, endSec]` of `input` to an Aurora-ready file; returns its measured length. */
  prepareAudio(options: {
    input: string;
    startSec: number;
    endSec: number;
    normalizeLoudness: boolean;
    outFile: string;
    signal?: AbortSignal;
  }): Promise<{ file: string; durationSec: number }>;
  /** An Aurora-ready portrait (orientation applied, alpha flattened, size capped). */
  prepareImage(options: { input: string; outFile: string; signal?: AbortSignal }): Promise<{ file: string; width: number; height: number }>;
  /** Throws when the take is not a decodable video of about the expected length. */
  verifyTake(options: { file: string; expectedDurationSec: number }): Promise<{ durationSec: number }>;
  makePoster(options: { video: string; outFile: string }): Promise<void>;
  exportTake(options: {
    input: string;
    format: 'mp4' | 'webm' | 'mov';
    outFile: string;
    originalAudio?: string;
    signal?: AbortSignal;
    onProgress?: (fraction: number) => void;
  }): Promise<void>;
}
