import { basename, resolve } from 'node:path';
import { assertAudible, truncatedError } from './audio-checks.ts';
import { mp3FrameSamples, planTrim, type AudioFormat, type TrimPlan } from './audio-plan.ts';
import { progressSlice, type MediaProgress } from './ffmpeg-progress.ts';
import { applyLoudnessFilter, measureLoudnessFilter, parseLoudnormReport, parseMaxVolume, type LoudnessMeasurement } from './loudness.ts';
import { audioDurationSec, audioInputArgs, type MediaInfo } from './media-info.ts';
import { MediaError, quoted } from './media-error.ts';
import { streamPcm } from './pcm-stream.ts';
import { probeMedia } from './probe.ts';
import { runFfmpeg, type MediaContext } from './run-ffmpeg.ts';
import { fileSize, writeBeside } from './temp-files.ts';
import { readWavLayout } from './wav-header.ts';

export interface PrepareAudioOptions {
  input: string;
  /** Selection start in seconds of the decoded audio; 0 when absent. */
  startSec?: number;
  /** Selection end; the end of the audio when absent. */
  endSec?: number;
  format: AudioFormat;
  /** Bring the selection to -16 LUFS (EBU R128) so every clip of a project speaks at one level. */
  normalizeLoudness?: boolean;
  /** Longest selection allowed (default Aurora's 60 s); null for audio that is never sent. */
  maxSec?: number | null;
  outFile: string;
  signal?: AbortSignal;
  onProgress?: (progress: MediaProgress) => void;
}

export interface PreparedAudio {
  file: string;
  format: AudioFormat;
  sampleRate: number;
  channels: number;
  /** Decoded samples in the written file (per channel). */
  samples: number;
  /** samples / sampleRate: what a player plays. */
  durationSec: number;
  /**
   * The length the container declares. For mp3 it counts whole frames, encoder
   * delay and padding included; a service reading it bills this figure.
   */
  containerDurationSec: number;
  bytes: number;
  /** The part of the source that was kept, in source seconds. */
  startSec: number;
  endSec: number;
  peakDb: number;
  loudness: LoudnessMeasurement | null;
}

/**
 * Cuts `[startSec, endSec]` out of any audio (or a video's sound) sample-accurately,
 * with a few-ms fade at each cut, optionally brings it to the project loudness, and
 * writes the wav or mp3 Aurora will be sent. The result is measured from the file
 * written: it is never longer than the selection by more than 10 ms, mp3 padding
 * included (an mp3 gives up those few ms at the end instead).
 */
export async function prepareAudio(ctx: MediaContext, options: PrepareAudioOptions): Promise<PreparedAudio> {
  const { signal } = options;
  const info = await probeMedia(ctx, options.input, { expect: 'audio', signal });
  const plan = planTrim({
    file: info.file,
    durationSec: await selectableDuration(ctx, info, options.endSec, signal),
    sourceRate: info.audio?.sampleRate ?? null,
    sourceChannels: info.audio?.channels ?? null,
    startSec: options.startSec,
    endSec: options.endSec,
    format: options.format,
    maxSec: options.maxSec,
  });
  const cut: Cut = {
    ctx,
    info,
    plan,
    format: options.format,
    loudness: null,
    selection: { startSec: plan.startSec, endSec: plan.startSec + plan.selectedSamples / plan.outputRate },
    signal,
  };
  let measuredPeakDb: number | null = null;
  if (options.normalizeLoudness) {
    ({ loudness: cut.loudness, peakDb: measuredPeakDb } = await measureSelection(cut, progressSlice(options.onProgress, 0, 0.3)));
  }
  const encodeProgress = progressSlice(options.onProgress, cut.loudness ? 0.3 : 0, 0.95);
  const outFile = resolve(options.outFile);

  return writeBeside(outFile, async (part) => {
    let written = await writeCut(cut, part, encodeProgress);
    const excess = excessSamples(written.measured, cut.plan);
    if (excess > 0 && cut.format === 'mp3') {
      // An encoder that pads more than LAME does is corrected once, by whole frames.
      const frame = mp3FrameSamples(cut.plan.outputRate);
      cut.plan = { ...cut.plan, keptSamples: cut.plan.keptSamples - Math.ceil(excess / frame) * frame };
      written = await writeCut(cut, part, encodeProgress);
    }
    if (excessSamples(written.measured, cut.plan) > 0) throw overLong(info.file);
    const { measured } = written;
    options.onProgress?.({ outTimeSec: measured.samples / measured.sampleRate, fraction: 1 });
    return {
      file: outFile,
      format: cut.format,
      sampleRate: measured.sampleRate,
      channels: measured.channels,
      samples: measured.samples,
      durationSec: measured.samples / measured.sampleRate,
      containerDurationSec: measured.containerSec,
      bytes: await fileSize(part),
      startSec: cut.plan.startSec,
      endSec: cut.plan.startSec + measured.samples / measured.sampleRate,
      peakDb: measuredPeakDb ?? written.peakDb ?? -Infinity,
      loudness: cut.loudness,
    };
  });
}

/** One preparation: what is cut from where, and how it is written. */
interface Cut {
  ctx: MediaContext;
  info: MediaInfo;
  plan: TrimPlan;
  format: AudioFormat;
  /** The first pass's measurement, when the loudness is normalised. */
  loudness: LoudnessMeasurement | null;
  selection: { startSec: number; endSec: number };
  signal: AbortSignal | undefined;
}

/** Encodes the cut into `part`, refuses silence and a source that ends early, and measures the result. */
async function writeCut(
  cut: Cut,
  part: string,
  onProgress: ((p: MediaProgress) => void) | undefined,
): Promise<{ measured: MeasuredAudio; peakDb: number | null }> {
  const peakDb = await encode(cut, part, onProgress);
  if (!cut.loudness) assertAudible(cut.info.file, peakDb, cut.selection);
  const measured = await measureWrittenAudio(cut.ctx, part, cut.format, cut.signal);
  const { plan } = cut;
  if ((plan.keptSamples - measured.samples) / plan.outputRate > END_SHORTFALL_SEC) {
    throw truncatedError(cut.info.file, plan.startSec + measured.samples / plan.outputRate, cut.selection.endSec);
  }
  return { measured, peakDb };
}

/** Samples by which the longest reading of the file exceeds what the plan allows. */
function excessSamples(measured: MeasuredAudio, plan: TrimPlan): number {
  return Math.ceil((measured.longestSec - plan.limitSamples / plan.outputRate) * plan.outputRate - 1e-6);
}

/**
 * The length the selection is checked against. The header's figure is good enough
 * to check a given end marker; but "to the end" must be exact (an mp3's header
 * counts its padding, so a 60.00 s mp3 would claim 60.05 s and be refused), and a
 * guessed duration is no basis for either, so then the audio is decoded and counted.
 */
async function selectableDuration(
  ctx: MediaContext,
  info: MediaInfo,
  endSec: number | undefined,
  signal?: AbortSignal,
): Promise<number | null> {
  const declared = audioDurationSec(info);
  if (endSec !== undefined && declared !== null && !info.durationEstimated) return declared;
  const decoded = await streamPcm(ctx, { info, action: 'measuring', signal, onSamples: () => undefined });
  return decoded.samples / decoded.sampleRate;
}

/** Near the file's end the decoder may give a few ms less than the container promised; more is damage. */
const END_SHORTFALL_SEC = 0.25;

/**
 * The filters that cut the selection: start at a sample of the source, then
 * resample, then end at an exact sample of the output rate. The coarse end on the
 * source side only lets ffmpeg stop decoding right after the selection.
 */
export function selectionFilters(plan: TrimPlan): string[] {
  const sourceSpan = Math.ceil((plan.keptSamples * plan.sourceRate) / plan.outputRate) + 256;
  const filters = [`atrim=start_sample=${plan.startSample}:end_sample=${plan.startSample + sourceSpan}`, 'asetpts=N/SR/TB'];
  if (plan.sourceRate !== plan.outputRate) filters.push(`aresample=${plan.outputRate}`);
  filters.push(`atrim=end_sample=${plan.keptSamples}`);
  return filters;
}

/** Fades at the cut points; timestamps are renumbered first so sample positions are exact. */
export function fadeFilters(plan: TrimPlan): string[] {
  const fade = Math.min(plan.fadeSamples, Math.floor(plan.keptSamples / 2));
  const filters = ['asetpts=N/SR/TB'];
  if (plan.fadeIn) filters.push(`afade=t=in:ss=0:ns=${fade}`);
  if (plan.fadeOut) filters.push(`afade=t=out:ss=${plan.keptSamples - fade}:ns=${fade}`);
  return filters;
}

async function measureSelection(
  cut: Cut,
  onProgress: ((p: MediaProgress) => void) | undefined,
): Promise<{ loudness: LoudnessMeasurement; peakDb: number | null }> {
  const { info, plan } = cut;
  const lines: string[] = [];
  await runFfmpeg(cut.ctx, {
    args: [
      ...audioInputArgs(info),
      '-af',
      [...selectionFilters(plan), 'volumedetect', measureLoudnessFilter()].join(','),
      '-f',
      'null',
      '-',
    ],
    subject: info.file,
    action: 'measuring the loudness of',
    signal: cut.signal,
    onProgress,
    totalSec: plan.keptSamples / plan.outputRate,
    logLevel: 'info',
    onStderrLine: (line) => lines.push(line),
  });
  const peakDb = parseMaxVolume(lines);
  // Silence first: it has no loudness to measure, and "silent" is what the person needs to hear.
  assertAudible(info.file, peakDb, cut.selection);
  const loudness = parseLoudnormReport(lines);
  if (!loudness) {
    throw new MediaError(
      'ffmpeg_failed',
      `The loudness of ${quoted(info.file)} could not be measured. Try again without loudness normalisation.`,
      {
        file: basename(info.file),
        reason: 'loudnorm_report_missing',
      },
    );
  }
  return { loudness, peakDb };
}

/** Writes the cut; returns the selection's peak level when it was measured in this pass. */
async function encode(cut: Cut, part: string, onProgress: ((p: MediaProgress) => void) | undefined): Promise<number | null> {
  const { info, plan, loudness } = cut;
  const level = loudness
    ? [applyLoudnessFilter(loudness), `aresample=${plan.outputRate}`, `atrim=end_sample=${plan.keptSamples}`]
    : ['volumedetect'];
  const lines: string[] = [];
  await runFfmpeg(cut.ctx, {
    args: [
      ...audioInputArgs(info),
      '-af',
      [...selectionFilters(plan), ...level, ...fadeFilters(plan)].join(','),
      '-ac',
      String(plan.channels),
      '-ar',
      String(plan.outputRate),
      ...codecArgs(cut.format, plan.channels),
      // Same input, same bytes: an unchanged preparation then hits the upload cache.
      '-map_metadata',
      '-1',
      '-fflags',
      '+bitexact',
      '-flags:a',
      '+bitexact',
      part,
    ],
    subject: info.file,
    action: 'preparing the audio of',
    signal: cut.signal,
    onProgress,
    totalSec: plan.keptSamples / plan.outputRate,
    logLevel: loudness ? 'error' : 'info',
    onStderrLine: (line) => {
      if (line.includes('max_volume')) lines.push(line);
    },
  });
  return loudness ? null : parseMaxVolume(lines);
}

function codecArgs(format: AudioFormat, channels: number): string[] {
  if (format === 'wav') return ['-c:a', 'pcm_s16le', '-f', 'wav'];
  // Transparent for speech and music (LAME CBR at the top of its range), a quarter of a WAV's bytes.
  return ['-c:a', 'libmp3lame', '-b:a', channels === 1 ? '256k' : '320k', '-f', 'mp3'];
}

export interface MeasuredAudio {
  samples: number;
  sampleRate: number;
  channels: number;
  containerSec: number;
  /** The longer of the decoded and the declared length: what the strictest reader sees. */
  longestSec: number;
}

/**
 * Measures a written file the way a receiver would. A PCM wav's data chunk is its
 * exact length; an mp3 is decoded sample by sample and its header read too, since
 * a reader that counts frames sees the padding as well.
 */
export async function measureWrittenAudio(
  ctx: MediaContext,
  file: string,
  format: AudioFormat,
  signal?: AbortSignal,
): Promise<MeasuredAudio> {
  const wav = format === 'wav' ? await readWavLayout(file) : null;
  if (wav) {
    const sec = wav.samples / wav.sampleRate;
    return { samples: wav.samples, sampleRate: wav.sampleRate, channels: wav.channels, containerSec: sec, longestSec: sec };
  }
  const info = await probeMedia(ctx, file, { expect: 'audio', signal });
  const decoded = await streamPcm(ctx, { info, action: 'checking', signal, onSamples: () => undefined });
  const decodedSec = decoded.samples / decoded.sampleRate;
  const containerSec = audioDurationSec(info) ?? decodedSec;
  return {
    samples: decoded.samples,
    sampleRate: decoded.sampleRate,
    channels: info.audio?.channels ?? 1,
    containerSec,
    longestSec: Math.max(decodedSec, containerSec),
  };
}

function overLong(file: string): MediaError {
  return new MediaError(
    'ffmpeg_failed',
    `The audio prepared from ${quoted(file)} came out longer than the selection, which would be billed as an extra second. Choose wav as the audio format and try again.`,
    { file: basename(file), reason: 'encoder_padding' },
  );
}
