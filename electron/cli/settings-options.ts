import { AURORA_LIMITS, AuroraSettingsSchema, SAFETY_MODES, type AuroraSettings } from '../../shared/aurora.ts';
import { AURORA_MODEL_IDS, type AuroraModelId } from '../../shared/aurora-models.ts';
import { formatOption, numberOption, UsageError } from './cli-args.ts';

/** The flags that choose a generation's settings, shared by `generate` and `batch`. */
export const SETTINGS_OPTIONS = {
  prompt: { type: 'string' },
  cfg: { type: 'string' },
  results: { type: 'string' },
  format: { type: 'string' },
  quality: { type: 'string' },
  model: { type: 'string' },
  ttl: { type: 'string' },
  'webhook-url': { type: 'string' },
  'upload-endpoint': { type: 'string' },
  safety: { type: 'string' },
} as const;

export type SettingsFlags = Partial<Record<keyof typeof SETTINGS_OPTIONS, string>>;

/** One line each, for --help. */
export const SETTINGS_HELP = `  --model v1|fast          v1: final, Aurora v1, 720p, $0.14/s · fast: draft, Aurora v1 Fast, 480p, $0.07/s
  --prompt <text>          what the face does (2–3000 characters)
  --cfg <0-10>             how closely the prompt is followed
  --results <1-4>          takes, each billed
  --format mp4|webm|mov    the video container
  --quality <20-99>        the video's encoding quality
  --safety none|fast|full  Runware's content check: off, key frames, or every frame
  --ttl <sec>              how long Runware keeps the result's link (60 or more); the app downloads at once
  --webhook-url <url>      Runware also POSTs each finished result there (http or https)
  --upload-endpoint <url>  Runware also PUTs the video there (e.g. a presigned URL: make it outlive the generation)`;

function urlOption(value: string | undefined, flag: string, field: 'webhookURL' | 'uploadEndpoint'): string | undefined {
  if (value === undefined) return undefined;
  if (!AuroraSettingsSchema.shape[field].safeParse(value).success) {
    // The value is not quoted whole: it may be a presigned URL with its signature.
    throw new UsageError(`--${flag} must be an http:// or https:// URL.`);
  }
  return value;
}

function oneOf<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be ${allowed.join(', ').replace(/, ([^,]*)$/, ' or $1')} (got "${value.slice(0, 40)}").`);
}

/** The settings the flags name (absent flags leave the project's defaults), refused in the flag's words. */
export function settingsFromFlags(values: SettingsFlags): Partial<AuroraSettings> {
  const L = AURORA_LIMITS;
  const settings: Partial<AuroraSettings> = {};
  const cfg = numberOption(values.cfg, 'cfg', L.CFGScale.min, L.CFGScale.max);
  const results = numberOption(values.results, 'results', L.numberResults.min, L.numberResults.max, true);
  const quality = numberOption(values.quality, 'quality', L.outputQuality.min, L.outputQuality.max, true);
  const format = formatOption(values.format);
  const model = oneOf<AuroraModelId>(values.model, 'model', AURORA_MODEL_IDS);
  const safety = oneOf(values.safety, 'safety', SAFETY_MODES);
  if (values.ttl !== undefined && !/^\d+$/.test(values.ttl))
    throw new UsageError(`--ttl must be a whole number of seconds, ${L.ttl.min} or more (got "${values.ttl.slice(0, 40)}").`);
  const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttl !== undefined && ttl < L.ttl.min)
    throw new UsageError(`--ttl must be a whole number of seconds, ${L.ttl.min} or more (got ${ttl}).`);
  const webhookURL = urlOption(values['webhook-url'], 'webhook-url', 'webhookURL');
  const uploadEndpoint = urlOption(values['upload-endpoint'], 'upload-endpoint', 'uploadEndpoint');
  if (cfg !== undefined) settings.CFGScale = cfg;
  if (results !== undefined) settings.numberResults = results;
  if (quality !== undefined) settings.outputQuality = quality;
  if (format !== undefined) settings.outputFormat = format.toUpperCase() as AuroraSettings['outputFormat'];
  if (values.prompt !== undefined) settings.positivePrompt = values.prompt;
  if (model !== undefined) settings.model = model;
  if (safety !== undefined) settings.safety = safety === 'none' ? { checkContent: false } : { checkContent: true, mode: safety };
  if (ttl !== undefined) settings.ttl = ttl;
  if (webhookURL !== undefined) settings.webhookURL = webhookURL;
  if (uploadEndpoint !== undefined) settings.uploadEndpoint = uploadEndpoint;
  return settings;
}
