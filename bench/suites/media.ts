import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createMediaToolkit, type AudioFormat } from '../../electron/core/media/index.ts';
import { JFK_FLAC } from '../../tests/support/fixture-paths.ts';
import { medianMs, type BenchResult, type BenchSuite } from '../bench-types.ts';

const run = promisify(execFile);
const ffmpeg = (...args: string[]) =>
  run('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], { maxBuffer: 1 << 26 });

/**
 * The media pipeline against ffmpeg doing the bare job in one command, on the same
 * machine and files: what probing, measuring the result and the safety steps cost.
 */
const suite: BenchSuite = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bench media '));
  try {
    const media = createMediaToolkit({ env: process.env, tempDir: join(dir, 'scratch') });
    await media.tools();
    // 99 s of real speech (JFK looped), a 10-minute mp3 and a 40-megapixel photo.
    const speech = join(dir, 'speech 99s.flac');
    await ffmpeg('-stream_loop', '8', '-i', JFK_FLAC, '-c:a', 'flac', speech);
    const tenMinutes = join(dir, 'ten minutes.mp3');
    await ffmpeg(
      '-f',
      'lavfi',
      '-i',
      'aevalsrc=0.5*sin(220*2*PI*t)*(0.6+0.4*sin(2*PI*t)):s=44100:d=600',
      '-ac',
      '2',
      '-c:a',
      'libmp3lame',
      '-b:a',
      '128k',
      tenMinutes,
    );
    const photo = join(dir, 'photo 40MP.jpg');
    await ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=7744x5164', '-frames:v', '1', '-q:v', '4', photo);

    const results: BenchResult[] = [];
    for (const format of ['wav', 'mp3'] as const) results.push(await trimBench(media, speech, dir, format));

    const peaks = await medianMs(3, () => media.computePeaks({ input: tenMinutes, buckets: 2000 }));
    const decodeOnly = await medianMs(3, () => ffmpeg('-i', tenMinutes, '-ac', '1', '-ar', '8000', '-f', 'f32le', join(dir, 'pcm.raw')));
    results.push({ name: 'media: waveform peaks, 10-min mp3 (vs decode only)', value: peaks, unit: 'ms', baseline: decodeOnly });

    const image = await medianMs(3, () => media.normaliseImage({ input: photo, outFile: join(dir, 'out', 'portrait.jpg') }));
    const scaleOnly = await medianMs(3, () =>
      ffmpeg('-i', photo, '-vf', 'scale=2048:-1:flags=lanczos', '-q:v', '2', join(dir, 'scaled.jpg')),
    );
    results.push({ name: 'media: normalise 40-MP photo (vs one ffmpeg scale)', value: image, unit: 'ms', baseline: scaleOnly });
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** 60 s cut from 10 s in, with fades, through the toolkit and as the one equivalent ffmpeg command. */
async function trimBench(
  media: ReturnType<typeof createMediaToolkit>,
  input: string,
  dir: string,
  format: AudioFormat,
): Promise<BenchResult> {
  const outFile = join(dir, 'out', `sent.${format}`);
  const value = await medianMs(5, () => media.prepareAudio({ input, startSec: 10, endSec: 70, format, outFile }));
  const codec = format === 'wav' ? ['-c:a', 'pcm_s16le'] : ['-c:a', 'libmp3lame', '-b:a', '192k'];
  const baseline = await medianMs(5, () =>
    ffmpeg(
      '-i',
      input,
      '-af',
      'atrim=start=10:end=70,asetpts=N/SR/TB,afade=t=in:d=0.005,afade=t=out:st=59.995:d=0.005',
      ...codec,
      join(dir, `direct.${format}`),
    ),
  );
  return { name: `media: trim+encode 60 s → ${format} (vs one ffmpeg command)`, value, unit: 'ms', baseline };
}

export default suite;
