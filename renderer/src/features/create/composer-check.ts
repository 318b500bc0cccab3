import { AuroraSettingsSchema, type AuroraSettings } from '../../../../shared/aurora.ts';
import { isAppError } from '../../../../shared/errors.ts';
import type { ImportedAudio, ImportedImage } from '../../../../shared/inputs.ts';
import { checkCuts } from '../../../../shared/split-plan.ts';
import { checkTrim } from '../../../../shared/trim.ts';
import type { Trim } from './composer-store.ts';

export interface ComposerCheckInput {
  keyConfigured: boolean;
  hasProject: boolean;
  image: ImportedImage | null;
  audio: ImportedAudio | null;
  trim: Trim;
  prompt: string;
  settings: AuroraSettings;
  /** Cuts when the selection is made in parts. */
  cuts?: number[] | null;
}

export interface ComposerCheck {
  /** Why Generate is disabled (the first problem), or null when it is ready. */
  reason: string | null;
  /** Messages to show beside the field concerned. */
  fields: Partial<
    Record<
      'trim' | 'prompt' | 'CFGScale' | 'numberResults' | 'outputQuality' | 'outputFormat' | 'ttl' | 'webhookURL' | 'uploadEndpoint',
      string
    >
  >;
}

/** The settings as they will be sent: an empty prompt is left out. */
export function settingsToSend(prompt: string, settings: AuroraSettings): AuroraSettings {
  const { positivePrompt: _ignored, ...rest } = settings;
  return prompt.trim() === '' ? rest : { ...rest, positivePrompt: prompt };
}

/**
 * Everything Generate needs, checked with the same rules main applies (shared
 * schema and trim checks), so the button never promises what main would refuse.
 */
export function checkComposer(input: ComposerCheckInput): ComposerCheck {
  const fields: ComposerCheck['fields'] = {};
  const split = input.cuts !== undefined && input.cuts !== null && input.cuts.length > 0;
  if (input.audio) {
    try {
      checkTrim(
        input.trim.startSec,
        input.trim.endSec,
        input.audio.durationSec,
        input.audio.name,
        split ? Number.POSITIVE_INFINITY : undefined,
      );
      const cutProblem = split ? checkCuts(input.trim.startSec, input.trim.endSec, input.cuts ?? []) : null;
      if (cutProblem) fields.trim = cutProblem;
    } catch (error) {
      fields.trim = isAppError(error) ? error.message : 'The selection is not valid.';
    }
  }
  if (split && input.settings.numberResults !== 1) fields.numberResults = 'Audio made in parts gives one take per part; set Takes to 1.';
  const parsed = AuroraSettingsSchema.safeParse(settingsToSend(input.prompt, input.settings));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] === 'positivePrompt' ? 'prompt' : (issue.path[0] as keyof ComposerCheck['fields']);
      if (key && !fields[key]) fields[key] = issue.message;
    }
  }
  const reason = !input.keyConfigured
    ? 'Add your Runware API key in Settings.'
    : !input.hasProject
      ? 'Create or choose a project first.'
      : !input.image
        ? 'Add a portrait.'
        : !input.audio
          ? 'Add a voice.'
          : (fields.trim ??
            fields.prompt ??
            fields.CFGScale ??
            fields.numberResults ??
            fields.outputQuality ??
            fields.outputFormat ??
            fields.ttl ??
            fields.webhookURL ??
            fields.uploadEndpoint ??
            null);
  return { reason, fields };
}
