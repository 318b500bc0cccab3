import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Duration in seconds of a media file, by ffprobe. */
export async function probeDuration(file: string, ffprobe = process.env.FFPROBE_PATH ?? 'ffprobe'): Promise<number | null> {
  try {
    const { stdout } = await run(ffprobe, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
    const value = Number(stdout.trim());
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

const CODECS: Record<string, string[]> = {
  MP4: [
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-tune',
    'stillimage',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-movflags',
    '+faststart',
  ],
  MOV: ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'stillimage', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k'],
  WEBM: [
    '-c:v',
    'libvpx-vp9',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-b:v',
    '300k',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'libopus',
    '-b:a',
    '64k',
  ],
};

/**
 * A real video for the fake's results: the portrait held still over the audio, as
 * long as the audio, so downloads, players and duration checks are all real.
 */
export async function makeVideo(options: {
  image: string;
  audio: string;
  out: string;
  format: 'MP4' | 'WEBM' | 'MOV';
  height: number;
  /** The audio's length: `-shortest` alone overshoots with a looped still image. */
  durationSec: number;
  ffmpeg?: string;
}): Promise<void> {
  const ffmpeg = options.ffmpeg ?? process.env.FFMPEG_PATH ?? 'ffmpeg';
  await run(ffmpeg, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-loop',
    '1',
    '-framerate',
    '25',
    '-i',
    options.image,
    '-i',
    options.audio,
    '-map',
    '0:v',
    '-map',
    '1:a',
    '-vf',
    `scale=-2:${options.height},format=yuv420p`,
    '-t',
    options.durationSec.toFixed(3),
    '-shortest',
    ...(CODECS[options.format] ?? CODECS.MP4 ?? []),
    options.out,
  ]);
}
