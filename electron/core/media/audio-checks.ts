import { basename } from 'node:path';
import { formatSeconds, MediaError, quoted } from './media-error.ts';
import { SILENT_PEAK_DB } from './loudness.ts';

const DIGITAL_SILENCE_DB = -90;

/**
 * Refuses audio with nothing to animate. Sending silence would still be billed,
 * and Aurora would return a still face.
 */
export function assertAudible(file: string, peakDb: number | null, selection?: { startSec: number; endSec: number }): void {
  if (peakDb === null || peakDb > SILENT_PEAK_DB) return;
  // volumedetect reports zeros as -inf (float) or about -91 dB (16-bit): both mean nothing at all.
  const digital = peakDb < DIGITAL_SILENCE_DB;
  const loudest = digital ? 'it holds only digital silence' : `its loudest point is ${peakDb.toFixed(1)} dB`;
  const what = selection
    ? `The selection ${selection.startSec.toFixed(1)}–${selection.endSec.toFixed(1)} s of ${quoted(file)}`
    : quoted(file);
  const advice = selection ? 'choose a part with speech' : 'choose a recording with speech';
  throw new MediaError('audio_silent', `${what} is silent (${loudest}). Aurora animates the face from the voice, so ${advice}.`, {
    file: basename(file),
    reason: digital ? 'digital silence' : `peak ${peakDb.toFixed(1)} dB`,
  });
}

export function truncatedError(file: string, decodedSec: number, declaredSec: number): MediaError {
  return new MediaError(
    'media_truncated',
    `${quoted(file)} stops after ${formatSeconds(decodedSec)}, though its header says it lasts ${formatSeconds(declaredSec)}: ` +
      'the file is incomplete, perhaps from an interrupted download or copy. Get the whole file again, or export it again from the app that made it.',
    { file: basename(file), durationSec: decodedSec },
  );
}
