import { extname, resolve } from 'node:path';
import { inputArgs, STILL_IMAGE_OUTPUT } from './media-info.ts';
import { probeMedia } from './probe.ts';
import { runFfmpeg, type MediaContext } from './run-ffmpeg.ts';
import { fileSize, writeBeside } from './temp-files.ts';

export interface MakePosterOptions {
  video: string;
  /** A .jpg (default) or .png path. */
  outFile: string;
  /** The moment to show; a little way in by default, past any fade from black. */
  atSec?: number;
  signal?: AbortSignal;
}

export interface Poster {
  file: string;
  width: number;
  height: number;
  atSec: number;
}

const DEFAULT_AT_SHARE = 0.1;
const DEFAULT_AT_MAX_SEC = 1;

/** One frame of a video as a still picture, for lists and the player before it starts. */
export async function makePoster(ctx: MediaContext, options: MakePosterOptions): Promise<Poster> {
  const info = await probeMedia(ctx, options.video, { expect: 'video', signal: options.signal });
  const duration = info.durationSec ?? 0;
  const frame = 1 / (info.video?.frameRate ?? 25);
  const wanted = options.atSec ?? Math.min(DEFAULT_AT_MAX_SEC, duration * DEFAULT_AT_SHARE);
  const outFile = resolve(options.outFile);
  const png = extname(outFile).toLowerCase() === '.png';

  const grab = (atSec: number, part: string) =>
    runFfmpeg(ctx, {
      args: [
        '-ss',
        atSec.toFixed(3),
        ...inputArgs(info),
        '-map',
        `0:${info.video?.index ?? 'v:0'}`,
        ...(png ? ['-c:v', 'png'] : ['-c:v', 'mjpeg', '-q:v', '3', '-pix_fmt', 'yuvj420p']),
        ...STILL_IMAGE_OUTPUT,
        part,
      ],
      subject: info.file,
      action: 'taking a still from',
      signal: options.signal,
    });

  const atSec = Math.max(0, Math.min(wanted, duration - frame));
  const used = await writeBeside(outFile, async (part) => {
    await grab(atSec, part);
    // Seeking close to the end can land after the last frame and write nothing: take the first frame instead.
    if (atSec > 0 && (await fileSize(part).catch(() => 0)) === 0) {
      await grab(0, part);
      return 0;
    }
    return atSec;
  });
  return { file: outFile, width: info.video?.displayWidth ?? 0, height: info.video?.displayHeight ?? 0, atSec: used };
}
