/**
 * The media pipeline on ffmpeg: one toolkit, built from plain inputs, that the
 * generation journal, the CLI and the test servers call. ffmpeg is looked up on the
 * first call that needs it (and again after a failed lookup, so installing ffmpeg
 * while the app runs is enough).
 */
import { tmpdir } from 'node:os';
import type { Logger } from '../logging/logger.ts';
import { inspectAudio, type AudioInspection, type InspectAudioOptions } from './audio-inspect.ts';
import { prepareAudio, type PrepareAudioOptions, type PreparedAudio } from './audio-prepare.ts';
import { locateFfmpeg, type Env, type FfmpegTools } from './ffmpeg-locator.ts';
import { inspectPortrait, normaliseImage, type NormaliseImageOptions, type NormalisedImage, type Portrait } from './image-normalise.ts';
import type { MediaInfo } from './media-info.ts';
import { makePoster, type MakePosterOptions, type Poster } from './poster.ts';
import { probeMedia, type ProbeOptions } from './probe.ts';
import type { MediaContext } from './run-ffmpeg.ts';
import { toolEnv } from './tool-env.ts';
import { detectSilences, type DetectSilencesOptions, type Silence } from './silence-detect.ts';
import { concatTakes, type ConcatenatedTakes, type ConcatTakesOptions } from './video-concat.ts';
import { exportTake, type ExportedTake, type ExportTakeOptions } from './video-export.ts';
import { verifyTake, type VerifiedTake, type VerifyTakeOptions } from './video-verify.ts';
import { computePeaks, type ComputePeaksOptions, type WaveformPeaks } from './waveform-peaks.ts';

export interface MediaToolkitOptions {
  /** The environment to find ffmpeg in (FFMPEG_PATH, FFPROBE_PATH, PATH) and to run it with. */
  env: Env;
  /** Where scratch folders go (always removed); the system's temp folder by default. */
  tempDir?: string;
  logger?: Logger;
  /** Overrides how the optional ffmpeg-static package is found (packaged apps, tests). */
  loadFfmpegStatic?: () => Promise<string | null>;
}

export interface MediaToolkit {
  /** The ffmpeg and ffprobe in use; throws `ffmpeg_missing` naming every place looked in. */
  tools(): Promise<FfmpegTools>;
  probe(file: string, options?: ProbeOptions): Promise<MediaInfo>;
  inspectAudio(options: InspectAudioOptions): Promise<AudioInspection>;
  prepareAudio(options: PrepareAudioOptions): Promise<PreparedAudio>;
  detectSilences(options: DetectSilencesOptions): Promise<Silence[]>;
  computePeaks(options: ComputePeaksOptions): Promise<WaveformPeaks>;
  normaliseImage(options: NormaliseImageOptions): Promise<NormalisedImage>;
  /** A picture Aurora can take (one still JPEG, PNG or WebP of a usable size), or a refusal naming the file. */
  inspectPortrait(file: string): Promise<Portrait>;
  verifyTake(options: VerifyTakeOptions): Promise<VerifiedTake>;
  makePoster(options: MakePosterOptions): Promise<Poster>;
  exportTake(options: ExportTakeOptions): Promise<ExportedTake>;
  concatTakes(options: ConcatTakesOptions): Promise<ConcatenatedTakes>;
}

export function createMediaToolkit(options: MediaToolkitOptions): MediaToolkit {
  let located: Promise<FfmpegTools> | null = null;
  const tools = (): Promise<FfmpegTools> => {
    located ??= locateFfmpeg({ env: options.env, loadFfmpegStatic: options.loadFfmpegStatic }).then(
      (found) => {
        options.logger?.info('ffmpeg found', { ffmpeg: found.ffmpegSource, ffprobe: found.ffprobeSource, version: found.version });
        return found;
      },
      (error: unknown) => {
        located = null;
        throw error;
      },
    );
    return located;
  };
  // The tools are looked up with the whole environment (FFMPEG_PATH, PATH), but run with a minimal one.
  const runEnv = toolEnv(options.env);
  const context = async (): Promise<MediaContext> => ({
    tools: await tools(),
    env: runEnv,
    tempDir: options.tempDir ?? tmpdir(),
    logger: options.logger,
  });
  const bound =
    <O, R>(run: (ctx: MediaContext, o: O) => Promise<R>) =>
    async (o: O): Promise<R> =>
      run(await context(), o);

  return {
    tools,
    probe: async (file, probeOptions) => probeMedia(await context(), file, probeOptions),
    inspectAudio: bound(inspectAudio),
    prepareAudio: bound(prepareAudio),
    detectSilences: bound(detectSilences),
    computePeaks: bound(computePeaks),
    normaliseImage: bound(normaliseImage),
    inspectPortrait: async (file) => inspectPortrait(await context(), file),
    verifyTake: bound(verifyTake),
    makePoster: bound(makePoster),
    exportTake: bound(exportTake),
    concatTakes: bound(concatTakes),
  };
}

export type { MediaProgress } from './ffmpeg-progress.ts';
export type { Env } from './ffmpeg-locator.ts';
export type { MediaInfo } from './media-info.ts';
export type { AudioFormat } from './audio-plan.ts';
export { speechBounds } from './silence-detect.ts';
