import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { jpegExifOrientation, orientationRotation } from './exif-orientation.ts';
import { parseFfmpegInfo } from './ffmpeg-info-text.ts';
import {
  classifyKind,
  clockwiseRotation,
  displaySize,
  ESTIMATED_DURATION,
  parseRate,
  positiveNumber,
  type AudioStreamInfo,
  type MediaInfo,
  type VisualStreamInfo,
} from './media-info.ts';
import { MediaError, quoted } from './media-error.ts';
import { assertKind, looksLikeText, readHead, unreadable, type Expected } from './media-refusals.ts';
import { lastReason, runTool, type MediaContext } from './run-ffmpeg.ts';

export type { Expected } from './media-refusals.ts';

export interface ProbeOptions {
  signal?: AbortSignal;
  /** Refuse, with a message for a person, anything that is not this kind of media. */
  expect?: Expected;
}

/**
 * Container, codecs, duration, sample rate, channels, size and rotation of a file,
 * read with ffprobe when there is one and from `ffmpeg -i` otherwise. A missing,
 * empty, unreadable or unsupported file is a typed error naming the file.
 */
export async function probeMedia(ctx: MediaContext, input: string, options: ProbeOptions = {}): Promise<MediaInfo> {
  const file = resolve(input);
  await assertNonEmptyFile(file);
  const read = ctx.tools.ffprobe ? await viaFfprobe(ctx, file, options.signal) : await viaFfmpeg(ctx, file, options.signal);
  if (!read.info) throw await unreadable(file, read.reason, options.expect);
  // ffmpeg picks its picture reader by the name alone, so a renamed text file "is" a JPEG of no size.
  if (read.info.kind === 'image' && !(read.info.video?.width && read.info.video.height) && (await looksLikeText(file))) {
    throw await unreadable(file, null, options.expect);
  }
  const info = read.info.video?.codec === 'mjpeg' ? await withExifOrientation(read.info) : read.info;
  if (options.expect) assertKind(info, options.expect);
  return info;
}

async function assertNonEmptyFile(file: string): Promise<void> {
  const details = { file: basename(file) };
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
      throw new MediaError(
        'media_missing',
        `${quoted(file)} was not found. It may have been moved, renamed or deleted; choose it again.`,
        details,
      );
    }
    throw new MediaError(
      'media_unreadable',
      `${quoted(file)} could not be opened (${error.code ?? 'I/O error'}). Check that you may read it, then try again.`,
      { ...details, reason: error.code },
      { cause: error },
    );
  });
  if (info.isDirectory()) {
    throw new MediaError('media_unreadable', `${quoted(file)} is a folder, not a file. Choose a file inside it.`, {
      ...details,
      reason: 'folder',
    });
  }
  if (!info.isFile()) {
    // A device (/dev/zero) or a pipe never ends: reading it would hang.
    throw new MediaError('media_unreadable', `${quoted(file)} is not a regular file (it is a device or a pipe). Choose a saved file.`, {
      ...details,
      reason: 'not_regular',
    });
  }
  if (info.size === 0) {
    throw new MediaError(
      'media_empty',
      `${quoted(file)} is empty (0 bytes). Choose the file again, or export it again from the app that made it.`,
      details,
    );
  }
}

interface ReadResult {
  info: MediaInfo | null;
  reason: string | null;
}

async function viaFfprobe(ctx: MediaContext, file: string, signal?: AbortSignal): Promise<ReadResult> {
  // Warnings too: one of them says whether the duration is only a guess.
  const args = ['-v', 'warning', '-print_format', 'json', '-show_format', '-show_streams'];
  // ffprobe would read a name such as "take%03d.png" as an image sequence pattern.
  if (file.includes('%')) args.push('-pattern_type', 'none');
  let estimated = false;
  const result = await runTool(ctx, ctx.tools.ffprobe ?? '', {
    args: [...args, file],
    subject: file,
    signal,
    collectStdout: true,
    onStderrLine: (line) => {
      estimated ||= ESTIMATED_DURATION.test(line);
    },
  });
  if (result.exitCode !== 0) return { info: null, reason: lastReason(result.stderrTail, file) };
  try {
    return { info: parseFfprobeJson(file, JSON.parse(result.stdout) as FfprobeJson, estimated), reason: null };
  } catch {
    return { info: null, reason: 'ffprobe gave an answer that could not be read' };
  }
}

async function viaFfmpeg(ctx: MediaContext, file: string, signal?: AbortSignal): Promise<ReadResult> {
  const lines: string[] = [];
  // Without an output ffmpeg exits with an error after describing the input; the description is what is read.
  const result = await runTool(ctx, ctx.tools.ffmpeg, {
    args: ['-hide_banner', '-nostdin', '-i', file],
    subject: file,
    signal,
    onStderrLine: (line) => {
      if (lines.length < 500) lines.push(line);
    },
  });
  const info = parseFfmpegInfo(file, lines.join('\n'));
  const reason = lastReason(
    result.stderrTail.filter((l) => !/At least one output file must be specified/.test(l)),
    file,
  );
  return { info, reason };
}

export interface FfprobeJson {
  format?: { format_name?: string; duration?: string; bit_rate?: string };
  streams?: FfprobeStream[];
}

interface FfprobeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  codec_tag?: string;
  sample_rate?: string;
  channels?: number;
  width?: number;
  height?: number;
  pix_fmt?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  side_data_list?: { rotation?: number }[];
  tags?: { rotate?: string };
}

/** ffprobe's JSON (`-show_format -show_streams`) as a MediaInfo; null when it holds no usable stream. */
export function parseFfprobeJson(file: string, json: FfprobeJson, durationEstimated = false): MediaInfo | null {
  const streams = json.streams ?? [];
  const audioStream = streams.find((s) => s.codec_type === 'audio');
  const videoStream = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  const container = json.format?.format_name ?? 'unknown';
  const kind = classifyKind(container, videoStream !== undefined, audioStream !== undefined);
  if (!kind) return null;
  return {
    file,
    container,
    kind,
    durationSec: positiveNumber(json.format?.duration),
    durationEstimated,
    bitRate: positiveNumber(json.format?.bit_rate),
    audio: audioStream ? audioFromJson(audioStream) : null,
    video: videoStream ? videoFromJson(videoStream) : null,
    via: 'ffprobe',
  };
}

function audioFromJson(s: FfprobeStream): AudioStreamInfo {
  return {
    index: s.index,
    codec: s.codec_name ?? null,
    codecTag: s.codec_tag && s.codec_tag !== '0x0000' ? s.codec_tag : null,
    sampleRate: positiveNumber(s.sample_rate),
    channels: positiveNumber(s.channels),
    durationSec: positiveNumber(s.duration),
  };
}

function videoFromJson(s: FfprobeStream): VisualStreamInfo {
  const matrix = s.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  // Old files carry a `rotate` tag (clockwise) instead of a display matrix (counter-clockwise).
  const rotation = matrix !== undefined ? clockwiseRotation(matrix) : clockwiseRotation(-Number(s.tags?.rotate ?? 0) || 0);
  const width = s.width ?? 0;
  const height = s.height ?? 0;
  return {
    index: s.index,
    codec: s.codec_name ?? null,
    width,
    height,
    pixelFormat: s.pix_fmt ?? null,
    rotation,
    ...displaySize(width, height, rotation),
    frameRate: parseRate(s.avg_frame_rate) ?? parseRate(s.r_frame_rate),
    durationSec: positiveNumber(s.duration),
    exifOrientation: null,
  };
}

const EXIF_SCAN_BYTES = 256 * 1024;

async function withExifOrientation(info: MediaInfo): Promise<MediaInfo> {
  const video = info.video;
  if (!video) return info;
  const orientation = jpegExifOrientation(await readHead(info.file, EXIF_SCAN_BYTES));
  const rotation = orientationRotation(orientation);
  return { ...info, video: { ...video, exifOrientation: orientation, rotation, ...displaySize(video.width, video.height, rotation) } };
}
