import { createMediaToolkit, speechBounds, type Env, type MediaToolkit } from '../media/index.ts';
import type { Logger } from '../logging/logger.ts';
import type { MediaOps } from './media-ops.ts';

const IMAGE_NAME = /\.(jpe?g|png|webp|gif|heic|heif|bmp|tiff?)$/i;

/** Binds the engine's and the use cases' media needs to the ffmpeg toolkit. */
export function mediaOpsFrom(kit: MediaToolkit): MediaOps {
  return {
    async probeAudio(file) {
      // Decoded length, not the header's claim: it decides the price.
      const inspection = await kit.inspectAudio({ input: file });
      return { durationSec: inspection.durationSec };
    },
    async probeImage(file) {
      // Format, animation and size are checked now, so a portrait Aurora cannot take is
      // refused before anything is copied or queued, in words that name the person's file.
      const { video } = await kit.inspectPortrait(file);
      return { width: video.displayWidth, height: video.displayHeight };
    },
    async inspectInput(file) {
      const info = await kit.probe(file).catch(async (error: unknown) => {
        // Say what is wrong in the terms of what the name promises ("holds text, not audio").
        await kit.probe(file, { expect: IMAGE_NAME.test(file) ? 'image' : 'audio' });
        throw error;
      });
      if (info.kind === 'image') {
        // Refuses GIF, SVG, HEIC and friends, too large or too small, in the pipeline's own words.
        const { video } = await kit.inspectPortrait(file);
        return { kind: 'image', width: video.displayWidth, height: video.displayHeight, format: video.codec ?? 'image' };
      }
      const inspection = await kit.inspectAudio({ input: file });
      return { kind: 'audio', durationSec: inspection.durationSec, sampleRate: inspection.sampleRate, channels: inspection.channels };
    },
    async prepareAudio(options) {
      const { maxSec, ...rest } = options;
      const prepared = await kit.prepareAudio({ ...rest, ...(maxSec !== undefined ? { maxSec } : {}) });
      return { file: prepared.file, durationSec: prepared.durationSec };
    },
    async prepareImage(options) {
      const image = await kit.normaliseImage(options);
      return { file: image.file, width: image.width, height: image.height };
    },
    async verifyTake(options) {
      const verified = await kit.verifyTake(options);
      return { durationSec: verified.decodedSec };
    },
    async makePoster(options) {
      await kit.makePoster(options);
    },
    async concatTakes(options) {
      await kit.concatTakes(options);
    },
    async exportTake(options) {
      await kit.exportTake({
        input: options.input,
        format: options.format,
        ...(options.quality ? { quality: options.quality } : {}),
        outFile: options.outFile,
        originalAudio: options.originalAudio,
        signal: options.signal,
        onProgress: options.onProgress ? (p) => p.fraction !== null && options.onProgress?.(p.fraction) : undefined,
      });
    },
    async silences(file) {
      return kit.detectSilences({ input: file });
    },
    async speechBounds(file, durationSec) {
      return speechBounds(await kit.detectSilences({ input: file }), durationSec);
    },
    async peaks(file, buckets) {
      const peaks = await kit.computePeaks({ input: file, buckets });
      const round = (values: Float32Array) => Array.from(values, (v) => Math.round(v * 1000) / 1000);
      return { durationSec: peaks.durationSec, min: round(peaks.min), max: round(peaks.max) };
    },
  };
}

/** The media door with its toolkit beside it (tests and benches reach past the door to measure it). */
export function createMediaOps(options: { env: Env; logger?: Logger; tempDir?: string }): MediaOps & { kit: MediaToolkit } {
  const kit = createMediaToolkit(options);
  return Object.assign(mediaOpsFrom(kit), { kit });
}
