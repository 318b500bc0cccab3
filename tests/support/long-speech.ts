import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { JFK_FLAC } from './fixture-paths.ts';

const run = promisify(execFile);

const SENTENCES = [
  'Welcome back to the spring campaign. Today we talk about light, colour and the long evenings.',
  'Our new collection arrives in stores next week, and the first customers will find a small surprise.',
  'Thank you for watching, and see you in the next episode, where we open the workshop doors.',
];

/**
 * About 150 s of real speech: the JFK clip and espeak-ng sentences, separated by
 * 0.6 s pauses, as a 44.1 kHz stereo wav. Long enough to need three parts.
 */
export async function longSpeech(dir: string, seconds = 150): Promise<{ file: string; gaps: { startSec: number; endSec: number }[] }> {
  const pieces: string[] = [];
  const norm = (i: number) => join(dir, `piece-${i}.wav`);
  const gap = join(dir, 'gap.wav');
  await run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'anullsrc=r=44100:cl=stereo',
    '-t',
    '0.6',
    '-c:a',
    'pcm_s16le',
    gap,
  ]);
  const sources: string[] = [JFK_FLAC];
  for (const [i, text] of SENTENCES.entries()) {
    const raw = join(dir, `sentence-${i}.wav`);
    await run('espeak-ng', ['-s', '150', '-w', raw, text]);
    sources.push(raw);
  }
  const durations: number[] = [];
  for (const [i, source] of sources.entries()) {
    await run('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-i',
      source,
      '-ar',
      '44100',
      '-ac',
      '2',
      '-c:a',
      'pcm_s16le',
      norm(i),
    ]);
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', norm(i)]);
    durations.push(Number(stdout.trim()));
  }
  const gaps: { startSec: number; endSec: number }[] = [];
  let total = 0;
  for (let i = 0; total < seconds + 5; i = (i + 1) % sources.length) {
    pieces.push(norm(i), gap);
    total += durations[i] ?? 0;
    gaps.push({ startSec: total, endSec: total + 0.6 });
    total += 0.6;
  }
  const list = join(dir, 'pieces.txt');
  await writeFile(list, pieces.map((p) => `file '${p.replace(/'/g, "'\\''")}'\n`).join(''));
  const file = join(dir, `speech ${seconds}s.wav`);
  await run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    list,
    '-t',
    String(seconds),
    '-c:a',
    'pcm_s16le',
    file,
  ]);
  return { file, gaps: gaps.filter((g) => g.endSec <= seconds) };
}
