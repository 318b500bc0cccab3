import { basename } from 'node:path';
import { type AURORA_AUDIO_FORMATS, AURORA_MAX_AUDIO_SECONDS } from '../../../shared/aurora.ts';
import { formatSeconds, MediaError, quoted } from './media-error.ts';

/** Audio files Aurora accepts; anything else is converted first. */
export type AudioFormat = (typeof AURORA_AUDIO_FORMATS)[number];

/** Fades this long at a cut stop the click a waveform cut mid-cycle makes. */
export const FADE_SEC = 0.005;
/** How much longer than the selection the sent audio may ever be, padding included. */
export const TRIM_TOLERANCE_SEC = 0.01;
/** A selection end past the file's end by less than this is taken as "to the end" (marker rounding). */
export const END_SLACK_SEC = 0.05;
export const MIN_SELECTION_SEC = 0.1;

/**
 * What LAME adds around n samples: 576 samples of encoder delay, the decoder's 529,
 * and at least 47 of end padding, all in whole frames — an mp3 of n samples spans
 * ceil((n + 1152) / frame) frames (measured with LAME 3.100 at every rate).
 */
export const MP3_OVERHEAD_SAMPLES = 1152;

const STANDARD_RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];

/**
 * wav keeps the source rate (the next standard one up, 48 kHz at most). mp3 always
 * uses 44.1 or 48 kHz: its fixed overhead is counted in samples, so at a low rate
 * the end given up to stay within the selection would grow to 70 ms.
 */
export function outputSampleRate(sourceRate: number | null, format: AudioFormat): number {
  if (sourceRate === null) return 44100;
  if (format === 'mp3') return sourceRate > 44100 ? 48000 : 44100;
  return STANDARD_RATES.find((rate) => rate >= sourceRate) ?? 48000;
}

/** Mono stays mono; anything wider is mixed down to stereo. */
export function outputChannels(sourceChannels: number | null): 1 | 2 {
  return sourceChannels === 1 ? 1 : 2;
}

/** Samples per mp3 frame: MPEG-1 (32 kHz and up) uses 1152, MPEG-2/2.5 below that 576. */
export function mp3FrameSamples(rate: number): number {
  return rate >= 32000 ? 1152 : 576;
}

/**
 * The most samples any reading of the sent file may span: the selection plus the
 * tolerance, but never past Aurora's limit (a full 60 s selection sent as an mp3 whose
 * header says 60.003 s would be refused, or billed a 61st second).
 */
export function longestSamples(selectedSamples: number, rate: number, maxSec: number | null): number {
  const withTolerance = selectedSamples + Math.floor(TRIM_TOLERANCE_SEC * rate);
  return maxSec === null ? withTolerance : Math.min(withTolerance, Math.floor(maxSec * rate + 1e-6));
}

/**
 * The most samples an mp3 may hold so that its whole frames — delay and padding
 * included, which is what a reader of frame counts bills — span no more than `limitSamples`.
 */
export function mp3SafeSamples(
  selectedSamples: number,
  rate: number,
  limitSamples = selectedSamples + Math.floor(TRIM_TOLERANCE_SEC * rate),
): number {
  const frame = mp3FrameSamples(rate);
  const frames = Math.floor(limitSamples / frame);
  return Math.max(0, Math.min(selectedSamples, frames * frame - MP3_OVERHEAD_SAMPLES));
}

export interface TrimRequest {
  file: string;
  /** The audio's length as probed; null when the container does not say. */
  durationSec: number | null;
  sourceRate: number | null;
  sourceChannels: number | null;
  startSec?: number;
  endSec?: number;
  format: AudioFormat;
  /**
   * Longest selection allowed: Aurora's 60 s unless null (the continuous soundtrack
   * a split generation is joined over is never sent, so it may be longer).
   */
  maxSec?: number | null;
}

export interface TrimPlan {
  /** First sample to keep, counted at the source rate from the first decoded sample. */
  startSample: number;
  sourceRate: number;
  outputRate: number;
  channels: 1 | 2;
  startSec: number;
  /** The selection's length in output samples. */
  selectedSamples: number;
  /** Samples actually written: fewer than selected for mp3, so padding cannot make it longer. */
  keptSamples: number;
  /** The most samples any reading of the written file may span (`longestSamples`). */
  limitSamples: number;
  fadeSamples: number;
  fadeIn: boolean;
  fadeOut: boolean;
}

/**
 * Turns a selection in seconds into exact sample counts, refusing what Aurora
 * would refuse (over 60 s) and what cannot be cut (empty, reversed, outside the file).
 */
export function planTrim(request: TrimRequest): TrimPlan {
  const sourceRate = request.sourceRate ?? 44100;
  const outputRate = outputSampleRate(request.sourceRate, request.format);
  const wholeFile = request.startSec === undefined && request.endSec === undefined;
  const startSec = request.startSec ?? 0;
  const endSec = clampEnd(request, startSec);
  const lengthSec = endSec - startSec;

  const maxSec = request.maxSec === undefined ? AURORA_MAX_AUDIO_SECONDS : request.maxSec;
  if (maxSec !== null && lengthSec > maxSec + 1e-9) throw tooLong(request.file, lengthSec, wholeFile);
  const selectedSamples = Math.floor(lengthSec * outputRate + 1e-6);
  const limitSamples = longestSamples(selectedSamples, outputRate, maxSec);
  const keptSamples = request.format === 'mp3' ? mp3SafeSamples(selectedSamples, outputRate, limitSamples) : selectedSamples;
  const reachesEnd = request.durationSec !== null && startSec + keptSamples / outputRate >= request.durationSec - 1 / outputRate;
  return {
    startSample: Math.round(startSec * sourceRate),
    sourceRate,
    outputRate,
    channels: outputChannels(request.sourceChannels),
    startSec,
    selectedSamples,
    keptSamples,
    limitSamples,
    fadeSamples: Math.round(FADE_SEC * outputRate),
    fadeIn: startSec > 0,
    fadeOut: !reachesEnd,
  };
}

function clampEnd(request: TrimRequest, startSec: number): number {
  const { file, durationSec } = request;
  const endSec = request.endSec ?? durationSec;
  const name = quoted(file);
  const invalid = (message: string, reason: string) =>
    new MediaError('selection_invalid', message, { file: basename(file), durationSec: durationSec ?? undefined, reason });

  if (endSec === null || endSec === undefined) {
    throw invalid(`The length of ${name} is unknown, so the selection needs an end. Set the end marker, then try again.`, 'no_end');
  }
  if (!Number.isFinite(startSec) || !Number.isFinite(endSec)) {
    throw invalid(`The selection of ${name} is not a pair of numbers. Set the start and end markers again.`, 'not_finite');
  }
  if (startSec < 0) {
    throw invalid(`The selection of ${name} must start at 0 s or later (it starts at ${formatSeconds(startSec)}).`, 'negative_start');
  }
  if (endSec <= startSec) {
    throw invalid(
      `The selection of ${name} is empty: its end (${formatSeconds(endSec)}) must come after its start (${formatSeconds(startSec)}).`,
      'reversed',
    );
  }
  if (durationSec !== null && startSec >= durationSec) {
    throw invalid(
      `The selection of ${name} starts at ${formatSeconds(startSec)}, after the end of the audio (${formatSeconds(durationSec)}). Move the start marker inside the audio.`,
      'start_after_end',
    );
  }
  if (durationSec !== null && endSec > durationSec + END_SLACK_SEC) {
    throw invalid(
      `The selection of ${name} ends at ${formatSeconds(endSec)}, but the audio is ${formatSeconds(durationSec)} long. Move the end marker inside the audio.`,
      'end_after_end',
    );
  }
  const clamped = durationSec !== null ? Math.min(endSec, durationSec) : endSec;
  if (clamped - startSec < MIN_SELECTION_SEC) {
    throw invalid(
      `The selection of ${name} is ${(clamped - startSec).toFixed(2)} s long; choose at least ${MIN_SELECTION_SEC} s of audio.`,
      'too_short',
    );
  }
  return clamped;
}

function tooLong(file: string, seconds: number, wholeFile: boolean): MediaError {
  const limit = AURORA_MAX_AUDIO_SECONDS;
  const parts = Math.ceil(seconds / limit - 1e-9);
  const length = formatSeconds(seconds, limit);
  const message = wholeFile
    ? `${quoted(file)} is ${length} long; Aurora takes up to ${limit} s. Trim it to ${limit} s or less, or split it into ${parts} parts.`
    : `The selection of ${quoted(file)} is ${length} long; Aurora takes up to ${limit} s. Shorten the selection, or split it into ${parts} parts.`;
  return new MediaError('audio_too_long', message, { file: basename(file), durationSec: seconds, limitSec: limit });
}
