/**
 * Runware's Aurora v1 (`creatify:aurora@0`): every request parameter with its type,
 * range, step, default and allowed values, the price and the audio limit. Source:
 * https://runware.ai/docs/models/creatify-aurora-v1 (parameters, price) and
 * Creatify's Aurora API (60 s, mp3/wav audio). The window, the CLI and the Runware
 * client validate against this one schema, so a bad value is refused locally, with
 * the field, the limit and the value, before anything is sent or billed.
 */
import { z } from 'zod';
import { AURORA_AIRS, AURORA_MODEL_IDS, AURORA_MODELS, auroraModel, type AuroraModelId } from './aurora-models.ts';

/** Aurora v1's identifier; the model table (`aurora-models.ts`) has every model. */
export const AURORA_MODEL = AURORA_MODELS.v1.air;
/** Creatify's limit on the audio (and so the video) length. */
export const AURORA_MAX_AUDIO_SECONDS = 60;
/** Audio containers Aurora accepts; anything else is converted first. */
export const AURORA_AUDIO_FORMATS = ['mp3', 'wav'] as const;
export const AURORA_IMAGE_FORMATS = ['jpg', 'jpeg', 'png', 'webp'] as const;

export const OUTPUT_FORMATS = ['MP4', 'WEBM', 'MOV'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const SAFETY_MODES = ['none', 'fast', 'full'] as const;

/** Limits for the user-facing parameters; the UI draws its controls from these. */
export const AURORA_LIMITS = {
  positivePrompt: { min: 2, max: 3000 },
  CFGScale: { min: 0, max: 10, step: 0.01, default: 1 },
  numberResults: { min: 1, max: 4, default: 1 },
  outputQuality: { min: 20, max: 99, default: 95 },
  outputFormat: { default: 'MP4' as OutputFormat },
  /** Seconds Runware keeps the result URL: at least 60; no upper limit is published [UNK]. */
  ttl: { min: 60, max: Number.MAX_SAFE_INTEGER },
} as const;

/** True when `value` is a multiple of `step` (within floating-point noise). */
function onStep(value: number, step: number): boolean {
  const units = value / step;
  return Math.abs(units - Math.round(units)) < 1e-6;
}

const uri = (field: string) =>
  z.string().superRefine((value, ctx) => {
    if (!/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value)) {
      ctx.addIssue({ code: 'custom', message: `${field} must be an http(s) URL (got "${value.slice(0, 80)}").` });
    }
  });

const bounded = (field: string, min: number, max: number, integer: boolean) =>
  z.number({ message: `${field} must be a number.` }).superRefine((value, ctx) => {
    if (!Number.isFinite(value)) {
      ctx.addIssue({ code: 'custom', message: `${field} must be a finite number.` });
    } else {
      const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
      if (integer && !Number.isInteger(value)) {
        ctx.addIssue({ code: 'custom', message: `${field} must be a whole number ${range} (got ${value}).` });
      } else if (value < min || value > max) {
        ctx.addIssue({ code: 'custom', message: `${field} must be ${range} (got ${value}).` });
      }
    }
  });

/** The parameters a person chooses (everything but the inputs and the plumbing). */
export const AuroraSettingsSchema = z
  .object({
    // Spaces around a prompt are not sent; a prompt of only spaces is no prompt.
    positivePrompt: z
      .string()
      .trim()
      .superRefine((value, ctx) => {
        const { min, max } = AURORA_LIMITS.positivePrompt;
        if (value.length > 0 && (value.length < min || value.length > max)) {
          ctx.addIssue({
            code: 'custom',
            message: `The prompt must be ${min}–${max} characters long (it has ${value.length}), or left empty.`,
          });
        }
      })
      .transform((value) => value || undefined)
      .optional(),
    CFGScale: bounded('CFG scale', AURORA_LIMITS.CFGScale.min, AURORA_LIMITS.CFGScale.max, false)
      .superRefine((value, ctx) => {
        if (Number.isFinite(value) && !onStep(value, AURORA_LIMITS.CFGScale.step)) {
          ctx.addIssue({ code: 'custom', message: `CFG scale must be in steps of ${AURORA_LIMITS.CFGScale.step} (got ${value}).` });
        }
      })
      .optional(),
    numberResults: bounded('Number of takes', AURORA_LIMITS.numberResults.min, AURORA_LIMITS.numberResults.max, true),
    outputFormat: z.enum(OUTPUT_FORMATS, { message: `Format must be one of ${OUTPUT_FORMATS.join(', ')}.` }),
    outputQuality: bounded('Quality', AURORA_LIMITS.outputQuality.min, AURORA_LIMITS.outputQuality.max, true),
    safety: z
      .object({
        checkContent: z.boolean(),
        mode: z.enum(SAFETY_MODES, { message: `Content check mode must be one of ${SAFETY_MODES.join(', ')}.` }).optional(),
      })
      .strict()
      .optional(),
    /** Final (Aurora v1) or draft (Aurora v1 Fast); absent means v1. Sent as its AIR in `model`. */
    model: z.enum(AURORA_MODEL_IDS, { message: `Model must be one of ${AURORA_MODEL_IDS.join(', ')}.` }).optional(),
    // Delivery: where Runware also sends the result. The app polls and downloads its own copy either way.
    ttl: bounded('ttl', AURORA_LIMITS.ttl.min, AURORA_LIMITS.ttl.max, true).optional(),
    webhookURL: uri('webhookURL').optional(),
    uploadEndpoint: uri('uploadEndpoint').optional(),
  })
  .strict();
export type AuroraSettings = z.infer<typeof AuroraSettingsSchema>;

/** The price per second of the model `settings` choose. */
export function pricePerSecondOf(settings: { model?: AuroraModelId }): number {
  return auroraModel(settings.model).pricePerSecondUSD;
}

export const DEFAULT_AURORA_SETTINGS: AuroraSettings = {
  CFGScale: AURORA_LIMITS.CFGScale.default,
  numberResults: AURORA_LIMITS.numberResults.default,
  outputFormat: AURORA_LIMITS.outputFormat.default,
  outputQuality: AURORA_LIMITS.outputQuality.default,
};

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A media reference Aurora accepts: a Runware media UUID or an http(s) URL. */
const mediaRef = (field: string) =>
  z.string().refine((v) => UUID_V4.test(v) || /^https?:\/\//i.test(v), {
    message: `${field} must be an uploaded media UUID or an http(s) URL.`,
  });

/** The whole `videoInference` task as sent to Runware. */
export const AuroraTaskSchema = AuroraSettingsSchema.extend({
  taskType: z.literal('videoInference'),
  taskUUID: z.string().regex(UUID_V4, 'taskUUID must be a UUID v4.'),
  model: z.enum(AURORA_AIRS),
  deliveryMethod: z.literal('async'),
  outputType: z.literal('URL').optional(),
  includeCost: z.boolean().optional(),
  inputs: z.object({ image: mediaRef('inputs.image'), audio: mediaRef('inputs.audio') }).strict(),
}).strict();
export type AuroraTask = z.infer<typeof AuroraTaskSchema>;

/** Seconds Runware bills for an audio of `seconds`: partial seconds round up. */
export function billedSeconds(seconds: number): number {
  // A float like 5.0000000001 from sample maths must not become 6 s.
  return Math.max(1, Math.ceil(seconds - 1e-6));
}

/** Rounds a sum of money to whole cents, so sums of prices do not drift by fractions of a cent. */
export function cents(valueUSD: number): number {
  return Math.round(valueUSD * 100) / 100;
}

/** The price before submitting: ceil(seconds) × the model's price × takes. */
export function estimateCostUSD(seconds: number, takes: number, pricePerSecond: number): number {
  return cents(billedSeconds(seconds) * pricePerSecond * takes);
}

/** A selection made in parts, one take each: every part is billed, and rounds up, on its own. */
export function estimatePartsCost(
  parts: readonly { startSec: number; endSec: number }[],
  pricePerSecond: number,
): { billedSec: number; totalUSD: number } {
  return {
    billedSec: parts.reduce((sum, p) => sum + billedSeconds(p.endSec - p.startSec), 0),
    totalUSD: cents(parts.reduce((sum, p) => sum + estimateCostUSD(p.endSec - p.startSec, 1, pricePerSecond), 0)),
  };
}
