/** What a probe learns about a file, however it was read (ffprobe or `ffmpeg -i`). */

export type MediaKind = 'audio' | 'video' | 'image';

export interface AudioStreamInfo {
  index: number;
  /** ffmpeg's codec name (`mp3`, `aac`, `pcm_s16le`…), or null when ffmpeg has no decoder for it. */
  codec: string | null;
  /** The container's tag for the codec (`0x1234`), useful to name an unknown one. */
  codecTag: string | null;
  sampleRate: number | null;
  channels: number | null;
  durationSec: number | null;
}

export interface VisualStreamInfo {
  index: number;
  codec: string | null;
  /** Stored size, before rotation. */
  width: number;
  height: number;
  pixelFormat: string | null;
  /** Clockwise degrees to turn the stored picture to show it upright. */
  rotation: 0 | 90 | 180 | 270;
  /** Size as shown, after rotation. */
  displayWidth: number;
  displayHeight: number;
  frameRate: number | null;
  durationSec: number | null;
  /** EXIF orientation (1–8) of a JPEG, when it has one. */
  exifOrientation: number | null;
}

export interface MediaInfo {
  file: string;
  /** ffmpeg's demuxer names, e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  container: string;
  kind: MediaKind;
  durationSec: number | null;
  /** True when ffmpeg guessed the duration from the bitrate (VBR files without a header): it may be far off. */
  durationEstimated: boolean;
  bitRate: number | null;
  /** The first audio stream (the one every job uses). */
  audio: AudioStreamInfo | null;
  /** The first picture stream that is not cover art. */
  video: VisualStreamInfo | null;
  /** How the file was read: ffprobe, or the `ffmpeg -i` fallback. */
  via: 'ffprobe' | 'ffmpeg';
}

/** What ffmpeg says when it guesses a duration instead of reading it. */
export const ESTIMATED_DURATION = /Estimating duration from bitrate/;

/** Containers ffmpeg uses for single pictures. */
const IMAGE_CONTAINERS = /^(image2|[a-z0-9]+_pipe|gif|apng)$/;

export function classifyKind(container: string, hasVideo: boolean, hasAudio: boolean): MediaKind | null {
  if (hasVideo && IMAGE_CONTAINERS.test(firstName(container))) return 'image';
  if (hasVideo) return 'video';
  if (hasAudio) return 'audio';
  return null;
}

/** Normalises a display-matrix angle (counter-clockwise, as ffmpeg reports it) to clockwise quarter turns. */
export function clockwiseRotation(counterClockwiseDegrees: number): 0 | 90 | 180 | 270 {
  const quarter = Math.round(-counterClockwiseDegrees / 90);
  return ((((quarter % 4) + 4) % 4) * 90) as 0 | 90 | 180 | 270;
}

export function displaySize(width: number, height: number, rotation: number): { displayWidth: number; displayHeight: number } {
  return rotation === 90 || rotation === 270
    ? { displayWidth: height, displayHeight: width }
    : { displayWidth: width, displayHeight: height };
}

function firstName(container: string): string {
  return container.split(',')[0] ?? container;
}

/** Single-picture demuxers that never read the path as a numbered sequence pattern. */
const PIPE_DEMUXER: Record<string, string> = {
  mjpeg: 'jpeg_pipe',
  png: 'png_pipe',
  webp: 'webp_pipe',
  bmp: 'bmp_pipe',
  tiff: 'tiff_pipe',
};

/**
 * Input options that open the file with the demuxer the probe chose. Naming it
 * stops ffmpeg from guessing again — and from reading a name such as `take%03d.jpg`
 * as a numbered image sequence.
 */
export function inputArgs(info: MediaInfo): string[] {
  let demuxer = firstName(info.container);
  if (demuxer === 'image2') demuxer = PIPE_DEMUXER[info.video?.codec ?? ''] ?? demuxer;
  return ['-f', demuxer, '-i', info.file];
}

/** `inputArgs` for decoding only the first audio stream: no picture, subtitle or data streams. */
export function audioInputArgs(info: MediaInfo): string[] {
  return [...inputArgs(info), '-map', `0:${info.audio?.index ?? 'a:0'}`, '-vn', '-sn', '-dn'];
}

/** The audio stream's own length, or the file's when the stream does not say. */
export function audioDurationSec(info: MediaInfo): number | null {
  return info.audio?.durationSec ?? info.durationSec;
}

/** Output options for one still picture; `-update 1` keeps the name from being read as a sequence pattern. */
export const STILL_IMAGE_OUTPUT = ['-frames:v', '1', '-f', 'image2', '-update', '1'];

/** `1/25`, `30000/1001` or `25` as a number; null for `0/0` and nonsense. */
export function parseRate(text: string | undefined): number | null {
  if (!text) return null;
  const [num, den] = text.split('/').map(Number);
  const value = den === undefined ? num : (num ?? NaN) / den;
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : null;
}

export function positiveNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}
