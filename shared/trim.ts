import { AURORA_MAX_AUDIO_SECONDS } from './aurora.ts';
import { AppError } from './errors.ts';

/** The shortest selection worth sending (and paying a whole second for). */
export const MIN_SELECTION_SECONDS = 0.5;

function fmt(sec: number): string {
  return `${sec.toFixed(2)} s`;
}

/** Checks the selection against the audio and Aurora's limit, with messages that say what to do. */
export function checkTrim(
  startSec: number,
  endSec: number,
  durationSec: number,
  audioName: string,
  maxSec: number = AURORA_MAX_AUDIO_SECONDS,
): void {
  if (!Number.isFinite(startSec) || !Number.isFinite(endSec) || startSec < 0) {
    throw new AppError('trim_invalid', 'The start and end of the selection must be numbers of seconds, 0 or more.');
  }
  if (startSec >= durationSec) {
    throw new AppError('trim_invalid', `“${audioName}” is only ${fmt(durationSec)} long; the selection cannot start at ${fmt(startSec)}.`);
  }
  if (endSec <= startSec) {
    throw new AppError(
      'trim_invalid',
      `The selection ends (${fmt(endSec)}) before it starts (${fmt(startSec)}). Set an end after the start.`,
    );
  }
  if (endSec > durationSec + 0.005) {
    throw new AppError('trim_invalid', `The selection ends at ${fmt(endSec)}, after the end of “${audioName}” (${fmt(durationSec)}).`);
  }
  const length = endSec - startSec;
  if (length < MIN_SELECTION_SECONDS) {
    throw new AppError('trim_invalid', `The selection is ${fmt(length)}; select at least ${MIN_SELECTION_SECONDS} s of audio.`);
  }
  if (length > maxSec + 1e-6) {
    throw new AppError(
      'audio_too_long',
      `This selection is ${length.toFixed(1)} s; Aurora takes up to ${AURORA_MAX_AUDIO_SECONDS} s. Trim it, or split it into parts.`,
    );
  }
}
