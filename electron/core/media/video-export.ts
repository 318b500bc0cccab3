import { resolve } from 'node:path';
import type { MediaProgress } from './ffmpeg-progress.ts';
import { inputArgs, type MediaInfo } from './media-info.ts';
import { probeMedia } from './probe.ts';
import { runFfmpeg, type MediaContext } from './run-ffmpeg.ts';
import { fileSize, writeBeside } from './temp-files.ts';
import type { ExportFormat, ExportQuality } from '../../../shared/composition.ts';

export type { ExportFormat, ExportQuality };

export interface ExportTakeOptions {
  input: string;
  format: ExportFormat;
  /** Applies when a stream has to be re-encoded; streams that already fit are copied untouched. */
  quality?: ExportQuality;
  /**
   * The full-quality audio that was sent (the trimmed wav): replaces the take's own
   * sound, which Aurora returns re-encoded.
   */
  originalAudio?: string;
  outFile: string;
  signal?: AbortSignal;
  onProgress?: (progress: MediaProgress) => void;
}

export interface ExportedTake {
  file: string;
  format: ExportFormat;
  bytes: number;
  videoCodec: string;
  audioCodec: string | null;
  /** True when the picture was copied without re-encoding (no quality lost). */
  videoCopied: boolean;
  audioCopied: boolean;
}

interface ContainerRules {
  /** Video codecs the container plays everywhere as they are. */
  copyVideo: readonly string[];
  copyAudio: readonly string[];
  encodeVideo: (quality: ExportQuality) => string[];
  encodeAudio: (quality: ExportQuality) => string[];
  /** The codec for re-muxed original audio: lossless where the container allows it. */
  originalAudio: string[];
  muxer: string[];
  videoCodec: string;
}

const X264_CRF: Record<ExportQuality, number> = { high: 18, balanced: 23, small: 28 };
const VP9_CRF: Record<ExportQuality, number> = { high: 24, balanced: 32, small: 38 };
const AUDIO_KBPS: Record<ExportQuality, number> = { high: 192, balanced: 160, small: 96 };

const x264 = (q: ExportQuality) => ['-c:v', 'libx264', '-preset', 'medium', '-crf', String(X264_CRF[q]), '-pix_fmt', 'yuv420p'];
const aac = (q: ExportQuality) => ['-c:a', 'aac', '-b:a', `${AUDIO_KBPS[q]}k`];

const RULES: Record<ExportFormat, ContainerRules> = {
  mp4: {
    copyVideo: ['h264'],
    copyAudio: ['aac', 'mp3'],
    encodeVideo: x264,
    encodeAudio: aac,
    originalAudio: ['-c:a', 'aac', '-b:a', '256k'],
    // The index up front lets a player start before the whole file is read.
    muxer: ['-movflags', '+faststart', '-f', 'mp4'],
    videoCodec: 'h264',
  },
  mov: {
    copyVideo: ['h264'],
    copyAudio: ['aac', 'pcm_s16le', 'pcm_s24le'],
    encodeVideo: x264,
    encodeAudio: aac,
    originalAudio: ['-c:a', 'pcm_s16le'],
    muxer: ['-movflags', '+faststart', '-f', 'mov'],
    videoCodec: 'h264',
  },
  webm: {
    copyVideo: ['vp9', 'vp8', 'av1'],
    copyAudio: ['opus', 'vorbis'],
    // row-mt and cpu-used 4: VP9 at a usable speed without a visible loss at these rates.
    encodeVideo: (q) => [
      '-c:v',
      'libvpx-vp9',
      '-crf',
      String(VP9_CRF[q]),
      '-b:v',
      '0',
      '-deadline',
      'good',
      '-cpu-used',
      '4',
      '-row-mt',
      '1',
      '-pix_fmt',
      'yuv420p',
    ],
    encodeAudio: (q) => ['-c:a', 'libopus', '-b:a', `${AUDIO_KBPS[q]}k`],
    originalAudio: ['-c:a', 'libopus', '-b:a', '192k'],
    muxer: ['-f', 'webm'],
    videoCodec: 'vp9',
  },
};

/**
 * Writes a take as MP4 (H.264/AAC), WebM (VP9/Opus) or MOV. Streams that already
 * suit the container are copied, so an MP4 take exported as MP4 or MOV loses
 * nothing; the original trimmed audio can replace the take's own sound.
 */
export async function exportTake(ctx: MediaContext, options: ExportTakeOptions): Promise<ExportedTake> {
  const info = await probeMedia(ctx, options.input, { expect: 'video', signal: options.signal });
  const original = options.originalAudio ? await probeMedia(ctx, options.originalAudio, { expect: 'audio', signal: options.signal }) : null;
  const rules = RULES[options.format];
  const quality = options.quality ?? 'high';
  const videoCodec = info.video?.codec ?? '';
  const videoCopied = rules.copyVideo.includes(videoCodec);
  const audio = planAudio(info, original, rules, quality);
  const outFile = resolve(options.outFile);

  await writeBeside(outFile, (part) =>
    runFfmpeg(ctx, {
      args: [
        ...inputArgs(info),
        ...(original ? inputArgs(original) : []),
        '-map',
        `0:${info.video?.index ?? 'v:0'}`,
        ...audio.map,
        ...(videoCopied ? ['-c:v', 'copy'] : rules.encodeVideo(quality)),
        ...audio.codec,
        ...rules.muxer,
        part,
      ],
      subject: info.file,
      action: 'exporting',
      signal: options.signal,
      onProgress: options.onProgress,
      totalSec: info.durationSec,
    }),
  );
  return {
    file: outFile,
    format: options.format,
    bytes: await fileSize(outFile),
    videoCodec: videoCopied ? videoCodec : rules.videoCodec,
    audioCodec: audio.codecName,
    videoCopied,
    audioCopied: audio.copied,
  };
}

function planAudio(
  take: MediaInfo,
  original: MediaInfo | null,
  rules: ContainerRules,
  quality: ExportQuality,
): { map: string[]; codec: string[]; codecName: string | null; copied: boolean } {
  if (original) {
    return {
      map: ['-map', `1:${original.audio?.index ?? 'a:0'}`],
      codec: rules.originalAudio,
      codecName: codecOf(rules.originalAudio),
      copied: false,
    };
  }
  if (!take.audio) return { map: [], codec: ['-an'], codecName: null, copied: false };
  const map = ['-map', `0:${take.audio.index}`];
  if (take.audio.codec && rules.copyAudio.includes(take.audio.codec))
    return { map, codec: ['-c:a', 'copy'], codecName: take.audio.codec, copied: true };
  const codec = rules.encodeAudio(quality);
  return { map, codec, codecName: codecOf(codec), copied: false };
}

/** ffmpeg's encoder names as the codec a player would report. */
function codecOf(args: readonly string[]): string {
  const encoder = args[args.indexOf('-c:a') + 1] ?? '';
  return encoder.replace(/^lib/, '');
}
