import { createMediaToolkit, type Env, type MediaToolkit } from '../media/index.ts';
import { planImage } from '../media/image-normalise.ts';
import type { Logger } from '../logging/logger.ts';
import type { MediaOps } from './media-ops.ts';

/** Binds the engine's media needs to the ffmpeg toolkit. */
export function mediaOpsFrom(kit: MediaToolkit): MediaOps {
  return {
    async probeAudio(file) {
      // Decoded length, not the header's claim: it decides the price.
      const inspection = await kit.inspectAudio({ input: file });
      return { durationSec: inspection.durationSec };
    },
    async probeImage(file) {
      const info = await kit.probe(file, { expect: 'image' });
      const width = info.video?.displayWidth ?? 0;
      const height = info.video?.displayHeight ?? 0;
      // Size limits are checked now, so a portrait too small is refused before anything is queued.
      planImage(info.file, width, height);
      return { width, height };
    },
    async prepareAudio(options) {
      const prepared = await kit.prepareAudio({ ...options, format: 'wav' });
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
    async exportTake(options) {
      await kit.exportTake({
        input: options.input,
        format: options.format,
        outFile: options.outFile,
        originalAudio: options.originalAudio,
        signal: options.signal,
        onProgress: options.onProgress ? (p) => p.fraction !== null && options.onProgress?.(p.fraction) : undefined,
      });
    },
  };
}

export async function createMediaOps(options: { env: Env; logger?: Logger; tempDir?: string }): Promise<MediaOps & { kit: MediaToolkit }> {
  const kit = createMediaToolkit(options);
  return Object.assign(mediaOpsFrom(kit), { kit });
}
