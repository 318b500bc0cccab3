import { AuroraSettingsSchema } from './aurora.ts';
import { z } from 'zod';
import { MAX_MEDIA_SECONDS } from './composition.ts';

/**
 * File name extensions (lower case, without the dot) that announce a picture or a
 * sound: the window sorts dropped files by them, and main mentions them when a file's
 * content is not what its name says.
 */
export const IMAGE_EXTENSIONS: readonly string[] = ['jpg', 'jpeg', 'png', 'webp', 'gif', 'bmp', 'tif', 'tiff', 'heic', 'heif', 'avif'];
export const AUDIO_EXTENSIONS: readonly string[] = ['wav', 'mp3', 'm4a', 'aac', 'flac', 'ogg', 'oga', 'opus', 'wma', 'aif', 'aiff', 'caf'];

/** A portrait imported into the project, as the composer shows it. */
/**
 * A voice or a portrait Runware made for this project (speech from a script, a portrait from
 * a description): what was asked and what it cost (null when Runware did not say).
 */
export const MadeMediaSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('speech'),
    text: z.string(),
    model: z.string(),
    voice: z.string(),
    costUSD: z.number().nonnegative().nullable(),
  }),
  z.object({
    kind: z.literal('portrait'),
    prompt: z.string(),
    model: z.string(),
    seed: z.number().nullable(),
    costUSD: z.number().nonnegative().nullable(),
  }),
]);
export type MadeMedia = z.infer<typeof MadeMediaSchema>;

export const ImportedImageSchema = z.object({
  kind: z.literal('image'),
  /** Project-relative path of the imported copy (media/<sha>.<ext>). */
  file: z.string(),
  name: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  format: z.string(),
  bytes: z.number().int().nonnegative(),
  made: MadeMediaSchema.optional(),
});
export type ImportedImage = z.infer<typeof ImportedImageSchema>;

/** A voice imported into the project. */
export const ImportedAudioSchema = z.object({
  kind: z.literal('audio'),
  file: z.string(),
  name: z.string(),
  /** Decoded length: what the trim and the price are measured against. */
  durationSec: z.number().positive(),
  sampleRate: z.number().int().positive(),
  channels: z.number().int().positive(),
  bytes: z.number().int().nonnegative(),
  made: MadeMediaSchema.optional(),
});
export type ImportedAudio = z.infer<typeof ImportedAudioSchema>;

export const ImportedInputSchema = z.discriminatedUnion('kind', [ImportedImageSchema, ImportedAudioSchema]);
export type ImportedInput = z.infer<typeof ImportedInputSchema>;

/** Min/max per bucket, for drawing a waveform without decoding the file in the window. */
export const PeaksSchema = z.object({
  durationSec: z.number().nonnegative(),
  min: z.array(z.number()),
  max: z.array(z.number()),
});
export type Peaks = z.infer<typeof PeaksSchema>;

/** Where speech starts and ends, for "trim silence". */
export const SpeechBoundsSchema = z.object({ startSec: z.number(), endSec: z.number(), savedSec: z.number() }).nullable();

/** Where a long selection would be cut (see shared/split-plan.ts). */
export const SplitPlanSchema = z.object({
  cuts: z.array(z.number()),
  parts: z.array(z.object({ startSec: z.number(), endSec: z.number() })),
  hardCuts: z.array(z.number()),
});
export type SplitPlanView = z.infer<typeof SplitPlanSchema>;

/** One line of a batch: a portrait, a voice, and optionally a prompt, a selection and a name. */
export const BatchItemSchema = z.object({
  image: z.string().min(1).max(4096),
  audio: z.string().min(1).max(4096),
  prompt: z.string().max(3000).optional(),
  startSec: z.number().nonnegative().max(MAX_MEDIA_SECONDS).optional(),
  endSec: z.number().positive().max(MAX_MEDIA_SECONDS).optional(),
  name: z.string().max(200).optional(),
  /** The names the person knows the files by, when the paths are the project's stored copies. */
  originalNames: z
    .object({ image: z.string().max(255).optional(), audio: z.string().max(255).optional() })
    .strict()
    .optional(),
  /** This item's own settings (a manifest's model, ttl, webhookURL, uploadEndpoint, safety columns). */
  settings: AuroraSettingsSchema.partial().optional(),
});
export type BatchItem = z.infer<typeof BatchItemSchema>;

/** A batch checked and priced, waiting for the person to confirm it. */
export const BatchPlanSchema = z.object({
  id: z.string(),
  name: z.string(),
  items: z.array(
    BatchItemSchema.extend({
      index: z.number().int(),
      startSec: z.number(),
      endSec: z.number(),
      durationSec: z.number(),
      billedSeconds: z.number().int(),
      estimateUSD: z.number(),
      name: z.string(),
    }),
  ),
  problems: z.array(z.object({ index: z.number().int(), message: z.string() })),
  totalSec: z.number(),
  totalBilledSec: z.number().int(),
  totalUSD: z.number(),
});
export type BatchPlanView = z.infer<typeof BatchPlanSchema>;
