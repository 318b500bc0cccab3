import { AURORA_MAX_AUDIO_SECONDS } from '../../../shared/aurora.ts';
import { assertAudible, truncatedError } from './audio-checks.ts';
import type { MediaProgress } from './ffmpeg-progress.ts';
import { parseMaxVolume } from './loudness.ts';
import { audioDurationSec, type MediaInfo } from './media-info.ts';
import { streamPcm } from './pcm-stream.ts';
import { probeMedia } from './probe.ts';
import type { MediaContext } from './run-ffmpeg.ts';

export interface InspectAudioOptions {
  input: string;
  signal?: AbortSignal;
  onProgress?: (progress: MediaProgress) => void;
}

export interface AudioInspection {
  info: MediaInfo;
  /** Decoded length: every sample counted, not the container's claim. */
  durationSec: number;
  sampleRate: number;
  channels: number;
  /** The loudest sample, in dBFS. */
  peakDb: number;
  /** Aurora takes up to 60 s; longer audio must be trimmed or split before it is sent. */
  fitsAurora: boolean;
}

/** A file that ends this much earlier than its header says is incomplete, not merely padded. */
const TRUNCATION_MIN_SEC = 0.5;
const TRUNCATION_MIN_SHARE = 0.02;

/**
 * Everything an import needs to know about an audio file (or a video's sound), read
 * by decoding it once: the true length, the peak level, and whether it is complete.
 * Refuses files that are not audio, incomplete or silent.
 */
export async function inspectAudio(ctx: MediaContext, options: InspectAudioOptions): Promise<AudioInspection> {
  const info = await probeMedia(ctx, options.input, { expect: 'audio', signal: options.signal });
  const declared = audioDurationSec(info);
  const lines: string[] = [];
  let seen = 0;
  const rate = info.audio?.sampleRate ?? 44100;
  const decoded = await streamPcm(ctx, {
    info,
    filters: ['volumedetect'],
    logLevel: 'info',
    action: 'reading',
    signal: options.signal,
    onStderrLine: (line) => {
      if (line.includes('max_volume')) lines.push(line);
    },
    onSamples: (samples) => {
      seen += samples.length;
      options.onProgress?.({ outTimeSec: seen / rate, fraction: declared ? Math.min(1, seen / rate / declared) : null });
    },
  });
  const durationSec = decoded.samples / decoded.sampleRate;
  if (
    declared !== null &&
    !info.durationEstimated &&
    declared - durationSec > Math.max(TRUNCATION_MIN_SEC, declared * TRUNCATION_MIN_SHARE)
  ) {
    throw truncatedError(info.file, durationSec, declared);
  }
  const peakDb = parseMaxVolume(lines) ?? -Infinity;
  assertAudible(info.file, peakDb);
  options.onProgress?.({ outTimeSec: durationSec, fraction: 1 });
  return {
    info,
    durationSec,
    sampleRate: decoded.sampleRate,
    channels: info.audio?.channels ?? 1,
    peakDb,
    fitsAurora: durationSec <= AURORA_MAX_AUDIO_SECONDS + 1e-9,
  };
}
