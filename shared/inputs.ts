import { z } from 'zod';

/** A portrait imported into the project, as the composer shows it. */
export const ImportedImageSchema = z.object({
  kind: z.literal('image'),
  /** Project-relative path of the imported copy (media/<sha>.<ext>). */
  file: z.string(),
  name: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  format: z.string(),
  bytes: z.number().int().nonnegative(),
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
