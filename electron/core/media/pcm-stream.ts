import { audioInputArgs, type MediaInfo } from './media-info.ts';
import { runFfmpeg, type MediaContext } from './run-ffmpeg.ts';

export interface PcmOptions {
  /** A probed file with an audio stream. */
  info: MediaInfo;
  /** Resample to this rate; the source rate when absent. */
  sampleRate?: number;
  /** Filters run on the audio before it is written out (e.g. `volumedetect`). */
  filters?: string[];
  /** Called with consecutive mono samples in -1…1; the array is only valid during the call. */
  onSamples: (samples: Float32Array) => void;
  onStderrLine?: (line: string) => void;
  logLevel?: 'error' | 'info';
  action: string;
  signal?: AbortSignal;
}

export interface PcmResult {
  /** Mono samples decoded, counted one by one: the file's true length. */
  samples: number;
  sampleRate: number;
}

const BYTES = Float32Array.BYTES_PER_ELEMENT;

/**
 * Decodes the first audio stream to mono 32-bit float PCM on a pipe and hands it
 * over chunk by chunk, so a long file is never held in memory at once.
 */
export async function streamPcm(ctx: MediaContext, options: PcmOptions): Promise<PcmResult> {
  const audio = options.info.audio;
  const sampleRate = options.sampleRate ?? audio?.sampleRate ?? 44100;
  let carry = Buffer.alloc(0);
  let samples = 0;
  const onStdout = (chunk: Buffer): void => {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const usable = bytes.length - (bytes.length % BYTES);
    carry = Buffer.from(bytes.subarray(usable));
    if (usable === 0) return;
    // A Float32Array view needs 4-byte alignment; pipe buffers come from a pool and may not have it.
    const aligned = bytes.byteOffset % BYTES === 0 ? bytes : Buffer.from(bytes.subarray(0, usable));
    samples += usable / BYTES;
    options.onSamples(new Float32Array(aligned.buffer, aligned.byteOffset, usable / BYTES));
  };
  await runFfmpeg(ctx, {
    args: [
      ...audioInputArgs(options.info),
      ...(options.filters?.length ? ['-af', options.filters.join(',')] : []),
      '-ac',
      '1',
      '-ar',
      String(sampleRate),
      '-c:a',
      'pcm_f32le',
      '-f',
      'f32le',
      'pipe:1',
    ],
    subject: options.info.file,
    action: options.action,
    signal: options.signal,
    onStdout,
    onStderrLine: options.onStderrLine,
    logLevel: options.logLevel,
  });
  return { samples, sampleRate };
}
