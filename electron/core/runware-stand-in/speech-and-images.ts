import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Real speech of the text, as the stand-in's answer to `audioInference`: espeak-ng reads it
 * (its voice picked from the requested one, so voices differ), ffmpeg encodes MP3 or WAV.
 */
export async function speak(options: {
  text: string;
  voice: string;
  format: 'MP3' | 'WAV';
  dir: string;
  name: string;
  ffmpeg?: string;
  espeak?: string;
}): Promise<string> {
  const wav = join(options.dir, `${options.name}.wav`);
  // A different pitch per voice name, so "Eve" and "Rex" are told apart by ear and by bytes.
  const pitch = 30 + ([...options.voice].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 50);
  await run(options.espeak ?? process.env.ESPEAK_PATH ?? 'espeak-ng', ['-p', String(pitch), '-w', wav, '--', options.text]);
  if (options.format === 'WAV') return wav;
  const mp3 = join(options.dir, `${options.name}.mp3`);
  await run(options.ffmpeg ?? process.env.FFMPEG_PATH ?? 'ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-i',
    wav,
    '-c:a',
    'libmp3lame',
    '-b:a',
    '128k',
    mp3,
  ]);
  return mp3;
}

/**
 * A real picture of the requested size, as the stand-in's answer to `imageInference`: a soft
 * gradient with a head-and-shoulders silhouette, its colours from the seed (so candidates differ).
 */
export async function paint(options: {
  width: number;
  height: number;
  seed: number;
  format: 'JPG' | 'PNG' | 'WEBP';
  dir: string;
  name: string;
  ffmpeg?: string;
}): Promise<string> {
  const ext = options.format === 'JPG' ? 'jpg' : options.format.toLowerCase();
  const file = join(options.dir, `${options.name}.${ext}`);
  const hue = options.seed % 360;
  const { width: w, height: h } = options;
  // Head: an ellipse; shoulders: a wider one below; both darker than the background.
  const shape =
    `if(lte(pow((X-${w / 2})/${w * 0.16},2)+pow((Y-${h * 0.4})/${h * 0.21},2),1)+` +
    `lte(pow((X-${w / 2})/${w * 0.38},2)+pow((Y-${h * 1.02})/${h * 0.36},2),1),1,0)`;
  await run(options.ffmpeg ?? process.env.FFMPEG_PATH ?? 'ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `color=c=gray:s=${w}x${h}:d=1`,
    '-vf',
    `geq=r='if(${shape},60,160+Y/${h}*60)':g='if(${shape},50,150+X/${w}*40)':b='if(${shape},70,170)',hue=h=${hue}:s=1.2`,
    '-frames:v',
    '1',
    file,
  ]);
  return file;
}
