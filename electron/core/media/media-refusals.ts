import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { AUDIO_EXTENSIONS, IMAGE_EXTENSIONS } from '../../../shared/inputs.ts';
import type { MediaInfo, MediaKind } from './media-info.ts';
import { MediaError, quoted } from './media-error.ts';

/*
 * The words for refusing a file that is not what the caller needs: a picture where
 * audio was expected, a codec this ffmpeg cannot decode, text renamed as media.
 */

/** What a caller needs the file to be; it decides the wording of a refusal. */
export type Expected = 'audio' | 'image' | 'video';

const WANTED: Record<Expected, { noun: string; hint: string; extensions: readonly string[] }> = {
  audio: {
    noun: 'audio',
    hint: 'Choose an audio file (wav, mp3, m4a, flac, ogg or opus) or a video with sound.',
    extensions: AUDIO_EXTENSIONS,
  },
  image: { noun: 'a picture', hint: 'Choose a JPEG, PNG or WebP picture.', extensions: IMAGE_EXTENSIONS },
  video: { noun: 'video', hint: 'Download or export it again.', extensions: ['mp4', 'mov', 'm4v', 'webm', 'mkv', 'avi'] },
};

const CODEC_LABELS: Record<string, string> = {
  mjpeg: 'JPEG',
  png: 'PNG',
  apng: 'animated PNG',
  webp: 'WebP',
  gif: 'GIF',
  bmp: 'BMP',
  tiff: 'TIFF',
  hevc: 'HEVC',
  h264: 'H.264',
  av1: 'AV1',
  jpegxl: 'JPEG XL',
};

/** "a" or "an" before a format's name, as it is said: an SVG, an HEIC, a JPEG, a PNG. */
export function withArticle(label: string): string {
  const spelledOut = /^[A-Z0-9]{2,}/.test(label);
  const vowelSound = spelledOut ? /^[AEFHILMNORSX]/.test(label) : /^[aeiou]/i.test(label);
  return `${vowelSound ? 'an' : 'a'} ${label}`;
}

/** How a person would name a codec: "JPEG", "H.264", else ffmpeg's name in capitals. */
export function codecLabel(codec: string | null): string {
  if (!codec) return 'unknown';
  return CODEC_LABELS[codec] ?? codec.toUpperCase();
}

export function assertKind(info: MediaInfo, expect: Expected): void {
  const { hint } = WANTED[expect];
  const name = quoted(info.file);
  const details = { file: basename(info.file), reason: info.kind };
  const ext = extname(info.file).toLowerCase();
  const fits: Record<Expected, boolean> = {
    audio: info.audio !== null && info.kind !== 'image',
    image: info.kind === 'image',
    video: info.kind === 'video',
  };
  if (fits[expect]) {
    assertDecodable(info, expect);
    return;
  }
  const holds: Record<MediaKind, string> = {
    image: `a picture (${codecLabel(info.video?.codec ?? null)})`,
    audio: 'audio',
    video: info.audio ? 'a video' : 'a video without sound',
  };
  // A renamed file is the usual cause; saying so explains the surprise.
  const despite = WANTED[expect].extensions.includes(ext.slice(1)) ? `, although its name ends in ${ext}` : '';
  throw new MediaError('media_wrong_kind', `${name} holds ${holds[info.kind]}, not ${WANTED[expect].noun}${despite}. ${hint}`, details);
}

/** ffprobe names no codec when this ffmpeg has no decoder for it. */
function assertDecodable(info: MediaInfo, expect: Expected): void {
  const stream = expect === 'audio' ? info.audio : info.video;
  if (!stream || stream.codec !== null) return;
  const codecTag = expect === 'audio' ? info.audio?.codecTag : null;
  const tag = codecTag ? ` (codec tag ${codecTag})` : '';
  const noun = expect === 'audio' ? 'an audio' : expect === 'image' ? 'a picture' : 'a video';
  throw new MediaError(
    'media_unsupported',
    `${quoted(info.file)} uses ${noun} codec that this ffmpeg cannot decode${tag}. Convert it in another app (${expect === 'audio' ? 'to wav or mp3' : 'to a common format'}), then add it again.`,
    { file: basename(info.file), reason: codecTag ?? 'unknown codec' },
  );
}

export async function unreadable(file: string, reason: string | null, expect: Expected | undefined): Promise<MediaError> {
  const { noun, hint } = WANTED[expect ?? 'audio'];
  const what = expect ? noun : 'audio, video or a picture';
  const advice = expect ? hint : 'Choose a media file.';
  if (await looksLikeText(file)) {
    return new MediaError('media_unreadable', `${quoted(file)} holds text, not ${what}; it may have been renamed. ${advice}`, {
      file: basename(file),
      reason: 'text',
    });
  }
  return new MediaError(
    'media_unreadable',
    `${quoted(file)} could not be read as ${what}${reason ? ` (ffmpeg: ${reason})` : ''}. It may be damaged or in a format ffmpeg does not know. ${advice}`,
    { file: basename(file), reason: reason ?? undefined },
  );
}

/** Control characters other than tab, line breaks and form feed: they never occur in a document. */
function isBinaryControl(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code <= 0x08 || (code >= 0x0e && code <= 0x1f) || code === 0x7f;
}

/** True when the first bytes are plain UTF-8 text: a renamed document, not damaged media. */
export async function looksLikeText(file: string): Promise<boolean> {
  const head = await readHead(file, 512).catch(() => new Uint8Array());
  if (head.length === 0 || head.includes(0)) return false;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(head.length === 512 ? trimPartialChar(head) : head);
    return ![...text].some(isBinaryControl);
  } catch {
    return false;
  }
}

/** A 512-byte cut may split a multi-byte character; drop its first bytes. */
function trimPartialChar(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > bytes.length - 4 && end > 0 && ((bytes[end - 1] ?? 0) & 0xc0) === 0x80) end -= 1;
  if (end > 0 && ((bytes[end - 1] ?? 0) & 0xc0) === 0xc0) end -= 1;
  return bytes.subarray(0, end);
}

/** The first `bytes` of a file (fewer when it is shorter). */
export async function readHead(file: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
