import {
  classifyKind,
  clockwiseRotation,
  displaySize,
  ESTIMATED_DURATION,
  parseRate,
  type AudioStreamInfo,
  type MediaInfo,
  type VisualStreamInfo,
} from './media-info.ts';

/**
 * Reads what `ffmpeg -i <file>` prints about its input, for machines where ffprobe
 * is missing (some ffmpeg packages ship without it). The text is meant for people,
 * so only the stable parts are read: the input line, Duration, the Stream lines and
 * their display-matrix side data. Returns null when there is no input description.
 */
export function parseFfmpegInfo(file: string, text: string): MediaInfo | null {
  const lines = text.split(/\r?\n/);
  const inputAt = lines.findIndex((l) => /^Input #0, /.test(l));
  if (inputAt < 0) return null;
  const container = /^Input #0, (.+), from '/.exec(lines[inputAt] ?? '')?.[1] ?? 'unknown';

  let durationSec: number | null = null;
  let bitRate: number | null = null;
  let audio: AudioStreamInfo | null = null;
  let video: VisualStreamInfo | null = null;
  let last: 'audio' | 'video' | 'other' = 'other';

  for (const line of lines.slice(inputAt + 1)) {
    if (/^(Input|Output) #[1-9]/.test(line) || /^Stream mapping:/.test(line)) break;
    const duration = /^\s+Duration: (?:(\d+):(\d\d):(\d\d(?:\.\d+)?)|N\/A)(?:.*bitrate: (\d+) kb\/s)?/.exec(line);
    if (duration) {
      if (duration[1] !== undefined) durationSec = Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]);
      if (duration[4] !== undefined) bitRate = Number(duration[4]) * 1000;
      continue;
    }
    const stream = /^\s+Stream #0:(\d+)\S*: (Audio|Video|Data|Subtitle|Attachment): (.*)$/.exec(line);
    if (stream) {
      const index = Number(stream[1]);
      const body = stream[3] ?? '';
      last = 'other';
      if (stream[2] === 'Audio' && !audio) {
        audio = parseAudioStream(index, body);
        last = 'audio';
      } else if (stream[2] === 'Video' && !video && !/\(attached pic\)/.test(body)) {
        video = parseVideoStream(index, body);
        last = video ? 'video' : 'other';
      }
      continue;
    }
    const rotation = /displaymatrix: rotation of (-?[\d.]+) degrees/.exec(line);
    if (rotation && last === 'video' && video) {
      const turned = clockwiseRotation(Number(rotation[1]));
      video = { ...video, rotation: turned, ...displaySize(video.width, video.height, turned) };
    }
  }

  const kind = classifyKind(container, video !== null, audio !== null);
  if (!kind) return null;
  const durationEstimated = lines.some((l) => ESTIMATED_DURATION.test(l));
  return { file, container, kind, durationSec, durationEstimated, bitRate, audio, video, via: 'ffmpeg' };
}

/** Splits `a (x, y), b, c` at the commas that are not inside parentheses or brackets. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth += 1;
    if (ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

const LAYOUT_CHANNELS: Record<string, number> = {
  mono: 1,
  stereo: 2,
  '2.1': 3,
  '3.0': 3,
  quad: 4,
  '4.0': 4,
  '5.0': 5,
  '5.1': 6,
  '6.1': 7,
  '7.1': 8,
};

function parseAudioStream(index: number, body: string): AudioStreamInfo {
  const parts = splitTopLevel(body);
  const codecWord = (parts[0] ?? '').split(' ')[0] ?? '';
  const rateAt = parts.findIndex((p) => / Hz$/.test(p));
  const layout = rateAt >= 0 ? (parts[rateAt + 1] ?? '') : '';
  const counted = /^(\d+) channels/.exec(layout);
  return {
    index,
    codec: codecWord === 'none' || codecWord === '' ? null : codecWord,
    codecTag: /\/ (0x[0-9a-f]+)\)/i.exec(parts[0] ?? '')?.[1]?.toLowerCase() ?? null,
    sampleRate: rateAt >= 0 ? Number.parseInt(parts[rateAt] ?? '', 10) || null : null,
    channels: counted ? Number(counted[1]) : (LAYOUT_CHANNELS[layout.replace(/\(.*\)$/, '')] ?? null),
    durationSec: null,
  };
}

function parseVideoStream(index: number, body: string): VisualStreamInfo | null {
  const parts = splitTopLevel(body);
  const size = parts.map((p) => /^(\d{1,5})x(\d{1,5})\b/.exec(p)).find((m) => m !== null);
  if (!size) return null;
  const codecWord = (parts[0] ?? '').split(' ')[0] ?? '';
  const pixel = parts[1] && !/^\d+x\d+/.test(parts[1]) ? parts[1].replace(/\(.*\)$/, '') : null;
  const fps = parts.map((p) => /^([\d.]+k?) fps$/.exec(p)?.[1]).find((v) => v !== undefined);
  const width = Number(size[1]);
  const height = Number(size[2]);
  return {
    index,
    codec: codecWord === 'none' || codecWord === '' ? null : codecWord,
    width,
    height,
    pixelFormat: pixel,
    rotation: 0,
    ...displaySize(width, height, 0),
    frameRate: fps === undefined ? null : fps.endsWith('k') ? Number(fps.slice(0, -1)) * 1000 : parseRate(fps),
    durationSec: null,
    exifOrientation: null,
  };
}
