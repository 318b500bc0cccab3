import { z } from 'zod';
import { AuroraSettingsSchema, type AuroraSettings } from './aurora.ts';

/**
 * What a person composes: a portrait, a voice, the selection of it, and the settings.
 * The window sends it (its paths are the project's copies), the command line builds it
 * from flags (its paths are anywhere on disk), and the use cases take it in this one shape.
 */
/** No recording a person trims lasts a day: a longer time value is a mistake or an attack. */
export const MAX_MEDIA_SECONDS = 24 * 60 * 60;
/** A pasted picture or sound larger than this is dropped as a file instead. */
export const PASTE_LIMIT_BYTES = 50 * 1024 * 1024;

export const CompositionSchema = z
  .object({
    image: z.string().min(1).max(4096),
    audio: z.string().min(1).max(4096),
    startSec: z.number().nonnegative().max(MAX_MEDIA_SECONDS),
    endSec: z.number().positive().max(MAX_MEDIA_SECONDS),
    settings: AuroraSettingsSchema,
    normalizeLoudness: z.boolean(),
    name: z.string().max(200).optional(),
    /** The file names the person dropped (the paths above may be the project's copies). */
    originalNames: z
      .object({ image: z.string().max(255), audio: z.string().max(255) })
      .strict()
      .optional(),
  })
  .strict();
export type Composition = z.infer<typeof CompositionSchema>;

/**
 * A composition as the command line, a batch line or a split part asks for it: only the
 * portrait and the voice are required; the project's defaults fill the rest.
 */
export type CompositionRequest = Pick<Composition, 'image' | 'audio'> &
  Partial<Pick<Composition, 'startSec' | 'endSec' | 'normalizeLoudness' | 'name'>> & {
    settings?: Partial<AuroraSettings>;
    originalNames?: { image?: string; audio?: string };
  };

/** The containers a take can be exported to. */
export const EXPORT_FORMATS = ['mp4', 'webm', 'mov'] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/** How hard an export that has to re-encode compresses. */
export const ExportQualitySchema = z.enum(['high', 'balanced', 'small']);
export type ExportQuality = z.infer<typeof ExportQualitySchema>;
