import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { ImportedAudio } from '../../../shared/inputs.ts';
import { AppError } from '../../../shared/errors.ts';
import { DEFAULT_TTS_MODEL, speechPriceUSD, ttsModel, type TtsModel } from '../../../shared/tts-models.ts';
import { PaidMediaLedger } from '../projects/paid-media-ledger.ts';
import { importResult, inWordsOf, type PaidMediaDeps } from './result-media.ts';

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
  /** As it was measured when it was made (absent for speech kept before these were noted). */
  sampleRate?: number;
  channels?: number;
  /** What it cost when it was made: Runware's figure, else the estimate. */
  paidUSD: number | null;
  /** Size of the file in the project's media. */
  bytes: number;
}

/**
 * The script, model and voice checked before anything is sent. `voices` is the model's list
 * as Runware's schema gives it (the table's when not given).
 */
export function checkScript(request: SpeakRequest, voices?: readonly string[]): { model: TtsModel; text: string } {
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
  const allowed = voices && voices.length > 0 ? voices : model.voices;
  if (!allowed.includes(request.voice)) {
    const listed =
      allowed.length > 12 ? `${allowed.slice(0, 12).join(', ')} or another of its ${allowed.length} voices` : allowed.join(', ');
    throw new AppError('invalid_input', `${model.label} has no voice “${request.voice}”. Choose one of ${listed}.`);
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
  readonly #voices: (air: string) => Promise<readonly string[]>;

  /** `voices`: a model's voices as Runware publishes them (the voice catalog). */
  constructor(deps: PaidMediaDeps, voices?: (air: string) => Promise<readonly string[]>) {
    this.#deps = deps;
    this.#voices = voices ?? (() => Promise.resolve([]));
  }

  /**
   * The Script source's Preview: the speech (made, or reused when this script, model and
   * voice were spoken before), as a voice the composer can use like any imported file.
   */
  async preview(dir: string, request: SpeakRequest): Promise<{ audio: ImportedAudio; costUSD: number; reused: boolean }> {
    const spoken = await this.speak(dir, request);
    // What was measured when it was made serves again: a reused preview decodes nothing.
    const facts =
      spoken.sampleRate !== undefined && spoken.channels !== undefined
        ? { durationSec: spoken.durationSec, sampleRate: spoken.sampleRate, channels: spoken.channels }
        : await this.#deps.media.inspectInput(spoken.path);
    if ('kind' in facts && facts.kind !== 'audio')
      throw new AppError('invalid_input', 'Runware answered with something that is not speech. Try again.');
    const text = request.text.trim();
    return {
      audio: {
        kind: 'audio',
        durationSec: facts.durationSec,
        sampleRate: facts.sampleRate,
        channels: facts.channels,
        file: spoken.file,
        name: speechName(spoken.voice, text),
        bytes: spoken.bytes,
        made: { kind: 'speech', text, model: spoken.model, voice: spoken.voice, costUSD: spoken.paidUSD },
      },
      costUSD: spoken.costUSD,
      reused: spoken.reused,
    };
  }

  async speak(dir: string, request: SpeakRequest): Promise<Spoken> {
    const project = this.#deps.projects.get(dir);
    const { model, text } = checkScript(request, await this.#voices(request.model ?? DEFAULT_TTS_MODEL));
    const key = speechKey(model.air, request.voice, text);
    const known = await PaidMediaLedger.get(project, key);
    if (known) {
      const path = project.path(known.file);
      // Kept speech is still there (media files are named by their content, never rewritten);
      // one deleted by hand is made again.
      const size = await stat(path).then(
        (s) => s.size,
        () => 0,
      );
      const still = size > 0;
      const durationSec = known.durationSec ?? (still ? (await this.#deps.media.probeAudio(path)).durationSec : 0);
      if (still)
        return {
          file: known.file,
          path,
          durationSec,
          costUSD: 0,
          model: model.air,
          voice: request.voice,
          reused: true,
          sampleRate: known.sampleRate,
          channels: known.channels,
          paidUSD: known.costUSD ?? known.estimateUSD,
          bytes: size,
        };
    }
    const result = await this.#deps.runware
      .synthesizeSpeech({ model: model.air, text, voice: request.voice, outputFormat: 'MP3' })
      .catch((error: unknown) => {
        throw inWordsOf(error, 'speech');
      });
    const { imported, facts } = await importResult(this.#deps, project, result.media, `speech-${key.slice(0, 16)}.mp3`, async (file) => {
      const facts = await this.#deps.media.inspectInput(file);
      if (facts.kind !== 'audio') throw new AppError('invalid_input', 'Runware answered with something that is not speech. Try again.');
      return facts;
    });
    const estimateUSD = speechPriceUSD(text, model);
    await PaidMediaLedger.put(project, key, {
      kind: 'speech',
      file: imported.file,
      model: model.air,
      voice: request.voice,
      text,
      durationSec: facts.durationSec,
      sampleRate: facts.sampleRate,
      channels: facts.channels,
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
      sampleRate: facts.sampleRate,
      channels: facts.channels,
      paidUSD: result.costUSD ?? estimateUSD,
      bytes: imported.bytes,
    };
  }
}

/** What a speech is kept under in the project's ledger: the same request is never paid twice. */
function speechKey(model: string, voice: string, text: string): string {
  return createHash('sha256')
    .update(JSON.stringify([model, voice, text, 'MP3']))
    .digest('hex');
}

/** A name the person recognises (the voice and how the script starts), used in file names too. */
export function speechName(voice: string, text: string): string {
  const start = text.replace(/\s+/g, ' ').trim();
  const snippet = Array.from(start).length > 32 ? `${Array.from(start).slice(0, 32).join('').trimEnd()}…` : start;
  return `${voice} – ${snippet}.mp3`;
}
