import type { MediaProgress } from './ffmpeg-progress.ts';
import { audioDurationSec, audioInputArgs } from './media-info.ts';
import { probeMedia } from './probe.ts';
import { runFfmpeg, type MediaContext } from './run-ffmpeg.ts';

export interface Silence {
  startSec: number;
  endSec: number;
}

export interface DetectSilencesOptions {
  input: string;
  /** Quieter than this counts as silence; -45 dB sits under room noise in a typical voice recording. */
  thresholdDb?: number;
  /** Shorter pauses are speech, not silence. */
  minSilenceSec?: number;
  signal?: AbortSignal;
  onProgress?: (progress: MediaProgress) => void;
}

export const DEFAULT_SILENCE_THRESHOLD_DB = -45;
export const DEFAULT_MIN_SILENCE_SEC = 0.3;

/**
 * The silent stretches of a file's audio, in seconds of decoded audio (the same
 * clock as trimming and the waveform). Used to trim leading and trailing silence —
 * every second not sent is a second not billed — and to find places to split.
 */
export async function detectSilences(ctx: MediaContext, options: DetectSilencesOptions): Promise<Silence[]> {
  const info = await probeMedia(ctx, options.input, { expect: 'audio', signal: options.signal });
  const threshold = options.thresholdDb ?? DEFAULT_SILENCE_THRESHOLD_DB;
  const minimum = options.minSilenceSec ?? DEFAULT_MIN_SILENCE_SEC;
  const lines: string[] = [];
  let decodedSec = 0;
  await runFfmpeg(ctx, {
    args: [
      ...audioInputArgs(info),
      '-af',
      // Timestamps from the sample count, so positions match the trimmer's exactly.
      `asetpts=N/SR/TB,silencedetect=noise=${threshold}dB:d=${minimum}`,
      '-f',
      'null',
      '-',
    ],
    subject: info.file,
    action: 'looking for silence in',
    signal: options.signal,
    logLevel: 'info',
    totalSec: audioDurationSec(info),
    onProgress: (p) => {
      decodedSec = Math.max(decodedSec, p.outTimeSec);
      options.onProgress?.(p);
    },
    onStderrLine: (line) => {
      if (line.includes('silence_')) lines.push(line);
    },
  });
  return parseSilences(lines, decodedSec || (audioDurationSec(info) ?? 0));
}

/**
 * Pairs silencedetect's `silence_start` / `silence_end` lines. A silence still open
 * at the end of the file (older ffmpeg does not close it) runs to `durationSec`.
 */
export function parseSilences(lines: readonly string[], durationSec: number): Silence[] {
  const silences: Silence[] = [];
  let open: number | null = null;
  for (const line of lines) {
    const start = /silence_start: (-?[\d.e+-]+)/.exec(line);
    if (start) {
      open = Math.max(0, Number(start[1]));
      continue;
    }
    const end = /silence_end: ([\d.e+-]+)/.exec(line);
    if (end && open !== null) {
      silences.push({ startSec: open, endSec: Number(end[1]) });
      open = null;
    }
  }
  if (open !== null && durationSec > open) silences.push({ startSec: open, endSec: durationSec });
  return silences;
}

export interface SpeechBounds {
  startSec: number;
  endSec: number;
  /** Seconds no longer sent (and billed) once leading and trailing silence is cut. */
  savedSec: number;
}

/**
 * Where the sound starts and stops once the silence at both ends is left out, keeping
 * a short margin so breaths and soft consonants are not clipped. Null when the whole
 * file is silent.
 */
export function speechBounds(silences: readonly Silence[], durationSec: number, marginSec = 0.15): SpeechBounds | null {
  const EDGE = 0.01;
  const leading = silences.find((s) => s.startSec <= EDGE);
  const trailing = silences.findLast((s) => s.endSec >= durationSec - EDGE);
  if (leading && leading === trailing) return null;
  const startSec = leading ? Math.max(0, leading.endSec - marginSec) : 0;
  const endSec = trailing ? Math.min(durationSec, trailing.startSec + marginSec) : durationSec;
  return { startSec, endSec, savedSec: Math.max(0, durationSec - (endSec - startSec)) };
}
