/** What kind of media the bytes are, from their magic numbers (as Runware "sniffs"). */
export type MediaKind = 'jpeg' | 'png' | 'webp' | 'gif' | 'mp3' | 'wav' | 'flac' | 'ogg' | 'mp4' | 'unknown';

export function sniffMedia(bytes: Buffer): MediaKind {
  const ascii = (start: number, end: number) => bytes.subarray(start, end).toString('latin1');
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav';
  if (ascii(0, 3) === 'GIF') return 'gif';
  if (ascii(0, 4) === 'fLaC') return 'flac';
  if (ascii(0, 4) === 'OggS') return 'ogg';
  if (ascii(4, 8) === 'ftyp') return 'mp4';
  if (ascii(0, 3) === 'ID3' || (bytes.length >= 2 && bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return 'mp3';
  return 'unknown';
}

export const IMAGE_KINDS: MediaKind[] = ['jpeg', 'png', 'webp', 'gif'];
export const AUDIO_KINDS: MediaKind[] = ['mp3', 'wav', 'flac', 'ogg'];
/** Creatify's Aurora takes only these audio containers. */
export const AURORA_AUDIO_KINDS: MediaKind[] = ['mp3', 'wav'];

export const EXTENSION: Record<MediaKind, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  mp3: 'mp3',
  wav: 'wav',
  flac: 'flac',
  ogg: 'ogg',
  mp4: 'mp4',
  unknown: 'bin',
};
