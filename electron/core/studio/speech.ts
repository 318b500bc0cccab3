import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import { DEFAULT_TTS_MODEL, speechPriceUSD, ttsModel, type TtsModel } from '../../../shared/tts-models.ts';
import { PaidMediaLedger } from '../projects/paid-media-ledger.ts';
import { importResult, type PaidMediaDeps } from './result-media.ts';

export interface SpeakRequest {
  text: string;
  voice: string;
  model?: string;
}

export interface Spoken {
  /** The speech in the project's media (`media/<sha256-16>.mp3`), ready to use as the voice. */
  file: string;
  /** The same, as an absolute path. */
  path: string;
  durationSec: number;
  /** What this call was charged: 0 when the same speech was already paid for. */
  costUSD: number;
  model: string;
  voice: string;
  /** True when nothing was sent: this exact script, model and voice were spoken before. */
  reused: boolean;
}

/** The script, model and voice checked before anything is sent. */
export function checkScript(request: SpeakRequest): { model: TtsModel; text: string } {
  const air = request.model ?? DEFAULT_TTS_MODEL;
  const model = ttsModel(air);
  if (!model)
    throw new AppError(
      'invalid_input',
      `“${air}” is not a text-to-speech model Avatar Studio knows. Choose xai:tts@0, inworld:tts@1.5-mini or inworld:tts@1.5-max.`,
    );
  const text = request.text.trim();
  if (text === '') throw new AppError('invalid_input', 'The script is empty: write what the voice should say.');
  const length = Array.from(text).length;
  if (length > model.textLimit) {
    throw new AppError(
      'invalid_input',
      `The script is ${length.toLocaleString('en')} characters; ${model.label} takes at most ${model.textLimit.toLocaleString('en')}. Shorten it, or split it into several scripts. Nothing was sent.`,
    );
  }
  if (!model.voices.includes(request.voice)) {
    throw new AppError('invalid_input', `${model.label} has no voice “${request.voice}”. Choose one of ${model.voices.join(', ')}.`);
  }
  return { model, text };
}

/**
 * Voices from scripts: speech is asked of Runware once per script, model and voice, saved
 * into the project's media like any imported voice, and what it cost is kept in the
 * project's spend. The same request again reuses it: no second request, no second charge.
 */
export class Speech {
  readonly #deps: PaidMediaDeps;

  constructor(deps: PaidMediaDeps) {
    this.#deps = deps;
  }

  async speak(dir: string, request: SpeakRequest): Promise<Spoken> {
    const project = this.#deps.projects.get(dir);
    const { model, text } = checkScript(request);
    const key = createHash('sha256')
      .update(JSON.stringify([model.air, request.voice, text, 'MP3']))
      .digest('hex');
    const known = await PaidMediaLedger.get(project, key);
    if (known) {
      const path = project.path(known.file);
      const still = await this.#deps.media.probeAudio(path).catch(() => null);
      if (still)
        return {
          file: known.file,
          path,
          durationSec: known.durationSec ?? still.durationSec,
          costUSD: 0,
          model: model.air,
          voice: request.voice,
          reused: true,
        };
    }
    const result = await this.#deps.runware.synthesizeSpeech({ model: model.air, text, voice: request.voice, outputFormat: 'MP3' });
    const { imported, facts } = await importResult(this.#deps, project, result.media, `speech-${key.slice(0, 16)}.mp3`, (file) =>
      this.#deps.media.probeAudio(file),
    );
    const estimateUSD = speechPriceUSD(text, model);
    await PaidMediaLedger.put(project, key, {
      kind: 'speech',
      file: imported.file,
      model: model.air,
      voice: request.voice,
      text,
      durationSec: facts.durationSec,
      costUSD: result.costUSD,
      estimateUSD,
      createdAt: new Date().toISOString(),
    });
    return {
      file: imported.file,
      path: project.path(imported.file),
      durationSec: facts.durationSec,
      costUSD: result.costUSD ?? estimateUSD ?? 0,
      model: model.air,
      voice: request.voice,
      reused: false,
    };
  }
}
