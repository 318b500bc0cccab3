import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMediaOps } from '../../electron/core/jobs/media-adapter.ts';
import type { MediaOps } from '../../electron/core/jobs/media-ops.ts';
import { ThroughputModel } from '../../electron/core/jobs/throughput.ts';
import { JobEngine } from '../../electron/core/jobs/job-engine.ts';
import { Project } from '../../electron/core/projects/project.ts';
import { FakeRunware } from '../../electron/core/runware-stand-in/fake-runware.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../tests/support/fixture-paths.ts';
import { ffmpeg } from '../../tests/support/media-fixtures.ts';
import { RunwareClient } from '../../electron/core/runware/runware-client.ts';
import { UploadCache } from '../../electron/core/runware/upload-cache.ts';
import type { BenchSuite } from '../bench-types.ts';
import { startThrottledLink } from '../throttled-link.ts';

const AUDIO_SEC = 60;
const GENERATION_MS = 5_000;
const LINK_BITS_PER_SEC = 10_000_000;

/** The engine as shipped, but sending the selection as a lossless WAV: the baseline. */
function sendingWav(media: MediaOps): MediaOps {
  return { ...media, prepareAudio: (options) => media.prepareAudio({ ...options, format: 'wav' }) };
}

/** A client as shipped (production timeouts and retries), with an empty upload cache. */
function shippedClient(fake: FakeRunware): RunwareClient {
  return new RunwareClient({ baseUrl: fake.url, apiKey: () => fake.apiKey, uploadCache: new UploadCache() });
}

/** A fake Runware reached only through a 10 Mbit/s link, its result URLs too. */
async function linkedFake() {
  const fake = await FakeRunware.start({ generationMs: GENERATION_MS, videoHeight: 120 });
  const target = new URL(fake.url);
  const link = await startThrottledLink({ host: target.hostname, port: Number(target.port) }, LINK_BITS_PER_SEC);
  fake.url = `http://${link.host}/v1`;
  return {
    fake,
    link,
    close: async () => {
      await link.close();
      await fake.close();
    },
  };
}

/** Bytes on the wire for the upload of one prepared file, per second of audio in it. */
async function uploadBytesPerSecond(file: string): Promise<number> {
  const { fake, link, close } = await linkedFake();
  const runware = shippedClient(fake);
  try {
    await runware.uploadMedia(await readFile(file));
    return link.bytesUp / AUDIO_SEC;
  } finally {
    await runware.close();
    await close();
  }
}

/** Seconds from queueing a 60 s generation to its take verified on disk, over the link. */
async function endToEndSec(dir: string, label: string, media: MediaOps, audio: string): Promise<number> {
  const { fake, close } = await linkedFake();
  const runware = shippedClient(fake);
  const engine = new JobEngine({ runware, media, throughput: new ThroughputModel(null, GENERATION_MS / 1000 / AUDIO_SEC) });
  try {
    const project = await Project.openOrCreate(join(dir, `end to end ${label}`));
    const started = performance.now();
    const { id } = await engine.enqueue(project, { image: MONALISA_JPG, audio, name: label });
    const [record] = await engine.settled(project, [id]);
    if (record?.state !== 'done') throw new Error(`The ${label} generation ended ${record?.state}: ${record?.error?.message ?? ''}`);
    return (performance.now() - started) / 1000;
  } finally {
    engine.stop();
    await runware.close();
    await close();
  }
}

/**
 * What sending MP3 instead of WAV saves: bytes per second of audio on the wire, and the
 * time a 60 s stereo generation takes end to end over a 10 Mbit/s link (the fake takes
 * the same 5 s to "generate" either way), with WAV measured in the same run as baseline.
 */
const suite: BenchSuite = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bench upload '));
  try {
    const speech = join(dir, 'speech 60s.flac');
    await ffmpeg('-stream_loop', '5', '-i', JFK_FLAC, '-t', String(AUDIO_SEC), '-c:a', 'flac', speech);
    const media = createMediaOps({ env: process.env, tempDir: join(dir, 'scratch') });
    const prepared = async (format: 'mp3' | 'wav') =>
      (
        await media.prepareAudio({
          input: speech,
          startSec: 0,
          endSec: AUDIO_SEC,
          normalizeLoudness: false,
          format,
          outFile: join(dir, `sent.${format}`),
        })
      ).file;
    const mp3Bytes = await uploadBytesPerSecond(await prepared('mp3'));
    const wavBytes = await uploadBytesPerSecond(await prepared('wav'));
    const mp3Sec = await endToEndSec(dir, 'mp3', media, speech);
    const wavSec = await endToEndSec(dir, 'wav', sendingWav(media), speech);
    return [
      {
        name: 'upload: bytes on the wire per second of stereo audio (MP3 vs WAV)',
        value: Math.round(mp3Bytes),
        unit: 'B/s',
        baseline: Math.round(wavBytes),
      },
      { name: 'upload: 60 s generation end to end over 10 Mbit/s (MP3 vs WAV)', value: mp3Sec, unit: 's', baseline: wavSec },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
export default suite;
