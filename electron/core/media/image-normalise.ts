import { copyFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { AURORA_IMAGE_FORMATS } from '../../../shared/aurora.ts';
import { orientationFilters } from './exif-orientation.ts';
import { inputArgs, STILL_IMAGE_OUTPUT, type MediaInfo } from './media-info.ts';
import { isMediaError, MediaError, quoted } from './media-error.ts';
import { headerSize } from './image-header.ts';
import { codecLabel, readHead, unreadable, withArticle } from './media-refusals.ts';
import { probeMedia } from './probe.ts';
import { runFfmpeg, type MediaContext } from './run-ffmpeg.ts';
import { fileSize, writeBeside } from './temp-files.ts';

/** Larger pictures only cost upload time: Aurora renders 720p. */
export const IMAGE_MAX_LONG_SIDE = 2048;
/** Below this a face has too few pixels to animate convincingly. */
export const IMAGE_MIN_SHORT_SIDE = 256;
/** Transparent areas become a mid grey: neither a halo on dark hair nor on a light collar. */
export const FLATTEN_BACKGROUND = '0x808080';

export type ImageFormat = 'jpeg' | 'png' | 'webp';

const FORMAT_OF_CODEC: Record<string, ImageFormat> = { mjpeg: 'jpeg', png: 'png', webp: 'webp' };
const EXTENSION: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

/** "JPEG, PNG or WebP", from the formats Aurora accepts. */
const ACCEPTED_LABEL = (() => {
  const labels = [...new Set(AURORA_IMAGE_FORMATS.map((ext) => codecLabel(ext === 'jpg' || ext === 'jpeg' ? 'mjpeg' : ext)))];
  return `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
})();

/** Formats people try that ffmpeg here cannot read at all, named so the refusal can say what they are. */
const KNOWN_UNREADABLE: Record<string, string> = {
  '.heic': 'HEIC',
  '.heif': 'HEIF',
  '.avif': 'AVIF',
  '.jxl': 'JPEG XL',
  '.svg': 'SVG',
  '.psd': 'Photoshop',
  '.raw': 'camera RAW',
  '.dng': 'camera RAW',
  '.cr2': 'camera RAW',
  '.nef': 'camera RAW',
};

export interface NormaliseImageOptions {
  input: string;
  /** Where to write; its extension is replaced by that of the format written (.jpg, .png or .webp). */
  outFile: string;
  signal?: AbortSignal;
}

export interface NormalisedImage {
  file: string;
  width: number;
  height: number;
  format: ImageFormat;
  /** False when the input already suited Aurora and was copied byte for byte. */
  changed: boolean;
  bytes: number;
  /** What was done, when something was. */
  rotated: boolean;
  flattened: boolean;
  scaled: boolean;
}

/**
 * Makes a picture Aurora can take: JPEG, PNG or WebP, upright (EXIF orientation
 * applied), opaque (alpha flattened onto grey), at most 2048 px on the long side and
 * at least 256 px on the short one. A picture that already fits is copied unchanged,
 * so its bytes — and the upload cache entry for them — stay the same.
 */
export async function normaliseImage(ctx: MediaContext, options: NormaliseImageOptions): Promise<NormalisedImage> {
  const { info, video, sourceFormat, plan } = await inspectPortrait(ctx, options.input, options.signal);
  const rotated = orientationFilters(video.exifOrientation).length > 0;
  const flattened = hasAlpha(video.pixelFormat);
  const changed = rotated || flattened || plan.scaled;
  // Re-encoded output keeps a photo a JPEG and makes anything else a lossless PNG.
  const format: ImageFormat = changed ? (sourceFormat === 'jpeg' ? 'jpeg' : 'png') : sourceFormat;
  const target = withExtension(resolve(options.outFile), EXTENSION[format]);

  await writeBeside(target, async (part) => {
    if (!changed) {
      await copyFile(info.file, part);
      return;
    }
    await runFfmpeg(ctx, {
      args: [
        '-noautorotate',
        ...inputArgs(info),
        '-filter_complex',
        imageFilterGraph(video.exifOrientation, flattened, plan, format),
        '-map',
        '[out]',
        ...(format === 'jpeg' ? ['-c:v', 'mjpeg', '-q:v', '2'] : ['-c:v', 'png']),
        '-map_metadata',
        '-1',
        '-fflags',
        '+bitexact',
        ...STILL_IMAGE_OUTPUT,
        part,
      ],
      subject: info.file,
      action: 'converting the picture',
      signal: options.signal,
    });
  });
  return {
    file: target,
    width: plan.width,
    height: plan.height,
    format,
    changed,
    bytes: await fileSize(target),
    rotated,
    flattened,
    scaled: plan.scaled,
  };
}

async function probeImage(ctx: MediaContext, input: string, signal?: AbortSignal): Promise<MediaInfo> {
  try {
    return await probeMedia(ctx, input, { expect: 'image', signal });
  } catch (error) {
    const known = KNOWN_UNREADABLE[extname(input).toLowerCase()];
    if (known && isMediaError(error, 'media_unreadable') && error.details.reason !== 'text') {
      throw new MediaError(
        'image_unsupported',
        `${quoted(input)} is ${withArticle(known)} picture, which Avatar Studio cannot read; Aurora takes ${ACCEPTED_LABEL}. Save or export it as JPEG, then add it again.`,
        { file: basename(input), reason: known },
      );
    }
    throw error;
  }
}

/** More than this is refused before anything decodes it (ffmpeg's own limit is near 268 megapixels). */
export const IMAGE_MAX_PIXELS = 100_000_000;

export interface Portrait {
  info: MediaInfo;
  video: NonNullable<MediaInfo['video']>;
  sourceFormat: ImageFormat;
  plan: ImagePlan;
}

/**
 * A picture Aurora can take, or a refusal naming the person's file: one still JPEG, PNG
 * or WebP (not an animated GIF, an SVG, an animated PNG), not beyond the pixel limit (with
 * its real size, read from its header when ffmpeg will not say it), and large enough.
 */
export async function inspectPortrait(ctx: MediaContext, input: string, signal?: AbortSignal): Promise<Portrait> {
  const info = await probeImage(ctx, input, signal);
  const video = info.video;
  if (video && (video.width === 0 || video.height === 0)) {
    const size = headerSize(await readHead(info.file, 64 * 1024).catch(() => new Uint8Array()));
    if (size && size.width * size.height > IMAGE_MAX_PIXELS) throw tooManyPixels(info.file, size);
    // ffmpeg named a reader from the file's name alone and found no picture in it.
    if (!size) throw await unreadable(info.file, null, 'image');
  }
  const sourceFormat = video ? FORMAT_OF_CODEC[video.codec ?? ''] : undefined;
  if (!video || !sourceFormat || video.width === 0 || video.height === 0) throw unsupported(info);
  if (video.displayWidth * video.displayHeight > IMAGE_MAX_PIXELS)
    throw tooManyPixels(info.file, { width: video.displayWidth, height: video.displayHeight });
  return { info, video, sourceFormat, plan: planImage(info.file, video.displayWidth, video.displayHeight) };
}

function tooManyPixels(file: string, size: { width: number; height: number }): MediaError {
  const megapixels = Math.round((size.width * size.height) / 1_000_000);
  return new MediaError(
    'image_too_large',
    `${quoted(file)} is ${size.width}×${size.height} px (${megapixels} megapixels); Avatar Studio reads pictures up to ${IMAGE_MAX_PIXELS / 1_000_000} megapixels. Scale it down (Aurora needs no more than ${IMAGE_MAX_LONG_SIDE} px on the long side), then add it again.`,
    { file: basename(file), width: size.width, height: size.height },
  );
}

function unsupported(info: MediaInfo): MediaError {
  const codec = info.video?.codec ?? null;
  const what = codec === 'webp' ? 'an animated WebP' : `${withArticle(codecLabel(codec))} picture`;
  return new MediaError(
    'image_unsupported',
    `${quoted(info.file)} is ${what}; Aurora takes a still ${ACCEPTED_LABEL} picture. Save it as JPEG or PNG (any image editor can), then add it again.`,
    { file: basename(info.file), reason: codec ?? 'unknown' },
  );
}

export interface ImagePlan {
  /** Upright size of the source. */
  sourceWidth: number;
  sourceHeight: number;
  /** Size written. */
  width: number;
  height: number;
  scaled: boolean;
}

/** The output size: the long side capped, the short side checked against the minimum. */
export function planImage(file: string, width: number, height: number): ImagePlan {
  const details = { file: basename(file), width, height, minSide: IMAGE_MIN_SHORT_SIDE };
  if (Math.min(width, height) < IMAGE_MIN_SHORT_SIDE) {
    throw new MediaError(
      'image_too_small',
      `${quoted(file)} is ${width}×${height} px; Aurora needs at least ${IMAGE_MIN_SHORT_SIDE} px on the short side to animate a face. Choose a larger picture.`,
      details,
    );
  }
  const scale = Math.min(1, IMAGE_MAX_LONG_SIDE / Math.max(width, height));
  const out = {
    sourceWidth: width,
    sourceHeight: height,
    width: Math.round(width * scale),
    height: Math.round(height * scale),
    scaled: scale < 1,
  };
  if (Math.min(out.width, out.height) < IMAGE_MIN_SHORT_SIDE) {
    throw new MediaError(
      'image_too_small',
      `${quoted(file)} is ${width}×${height} px: brought down to ${IMAGE_MAX_LONG_SIDE} px on the long side, its short side would be only ${Math.min(out.width, out.height)} px, and Aurora needs at least ${IMAGE_MIN_SHORT_SIDE}. Crop it closer to the face, then add it again.`,
      details,
    );
  }
  return out;
}

/**
 * Turn upright, flatten onto grey at full size (scaling transparent edges first would
 * bleed hidden colours into the outline), then scale down.
 */
export function imageFilterGraph(orientation: number | null, flatten: boolean, plan: ImagePlan, format: ImageFormat): string {
  const upright = orientationFilters(orientation);
  const scale = plan.scaled ? [`scale=${plan.width}:${plan.height}:flags=lanczos`] : [];
  const pixels = format === 'jpeg' ? 'yuvj420p' : flatten ? 'rgb24' : null;
  const finish = [...scale, ...(pixels ? [`format=${pixels}`] : [])];
  if (!flatten) return `[0:v]${[...upright, ...finish].join(',') || 'null'}[out]`;
  const chain = [...upright, 'format=rgba'].join(',');
  return (
    `[0:v]${chain}[fg];color=c=${FLATTEN_BACKGROUND}:s=${plan.sourceWidth}x${plan.sourceHeight}[bg];` +
    '[bg][fg]overlay=shortest=1:format=rgb' +
    (finish.length ? `,${finish.join(',')}` : '') +
    '[out]'
  );
}

/** Pixel formats with an alpha channel; `pal8` palettes may hold transparency too. */
export function hasAlpha(pixelFormat: string | null): boolean {
  return pixelFormat !== null && /^(yuva|gbrap|ya\d|rgba|bgra|argb|abgr|pal8)/.test(pixelFormat);
}

function withExtension(file: string, ext: string): string {
  const name = basename(file, extname(file));
  return join(dirname(file), `${name}.${ext}`);
}
