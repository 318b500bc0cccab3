import type { MediaProgress } from './ffmpeg-progress.ts';
import { AppError } from '../../../shared/errors.ts';
import { PeakReducer } from './peak-reducer.ts';
import { streamPcm } from './pcm-stream.ts';
import { audioDurationSec } from './media-info.ts';
import { probeMedia } from './probe.ts';
import type { MediaContext } from './run-ffmpeg.ts';

export interface ComputePeaksOptions {
  input: string;
  /** How many min/max pairs to return, e.g. one per pixel column of the widest view. */
  buckets: number;
  /** Decoding rate; 8 kHz keeps the shape of speech and decodes a 10-minute file in well under a second. */
  sampleRate?: number;
  signal?: AbortSignal;
  onProgress?: (progress: MediaProgress) => void;
}

export interface WaveformPeaks {
  /** The decoded length, in seconds (sample count / rate). */
  durationSec: number;
  /** The rate the peaks were computed at. */
  sampleRate: number;
  /** Lowest and highest sample (−1…1) of each bucket, mono. */
  min: Float32Array;
  max: Float32Array;
}

export const PEAKS_SAMPLE_RATE = 8000;
const MAX_BUCKETS = 1_000_000;

/**
 * Min/max peaks per bucket from ffmpeg's PCM output, reduced as it streams, so the
 * window can draw a long file's waveform without decoding it.
 */
export async function computePeaks(ctx: MediaContext, options: ComputePeaksOptions): Promise<WaveformPeaks> {
  if (!Number.isInteger(options.buckets) || options.buckets < 1 || options.buckets > MAX_BUCKETS) {
    throw new AppError('invalid_input', `A waveform needs a whole number of buckets from 1 to ${MAX_BUCKETS} (got ${options.buckets}).`);
  }
  const info = await probeMedia(ctx, options.input, { expect: 'audio', signal: options.signal });
  const sampleRate = options.sampleRate ?? PEAKS_SAMPLE_RATE;
  const estimatedSec = audioDurationSec(info) ?? 60;
  const reducer = new PeakReducer(options.buckets, estimatedSec * sampleRate);
  await streamPcm(ctx, {
    info,
    sampleRate,
    action: 'drawing the waveform of',
    signal: options.signal,
    onSamples: (samples) => {
      reducer.push(samples);
      const outTimeSec = reducer.samples / sampleRate;
      options.onProgress?.({ outTimeSec, fraction: Math.min(0.99, outTimeSec / estimatedSec) });
    },
  });
  const { min, max } = reducer.finish(options.buckets);
  options.onProgress?.({ outTimeSec: reducer.samples / sampleRate, fraction: 1 });
  return { durationSec: reducer.samples / sampleRate, sampleRate, min, max };
}
