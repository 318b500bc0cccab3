import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeRunware } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { probeDuration } from '../../../electron/core/runware-stand-in/video-maker.ts';
import type { RunwareClient } from '../../../electron/core/runware/runware-client.ts';
import { speechPriceUSD, ttsModel } from '../../../shared/tts-models.ts';
import { clientFor } from '../../support/runware-test-client.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const run = promisify(execFile);
const SCRIPT = 'Welcome back to the spring campaign. Today we talk about light, colour and the long evenings.';

describe('speech and pictures from the stand-in, through the client', () => {
  let fake: FakeRunware;
  let client: RunwareClient;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    fake = await FakeRunware.start();
    client = clientFor(fake);
    temp = await makeTempDir('speech ');
  });
  afterAll(async () => {
    await client.close();
    await fake.close();
    await temp.cleanup();
  });

  it('speaks a script as long as espeak-ng says it, and reports its price per 1,000 characters', async () => {
    const result = await client.synthesizeSpeech({ model: 'xai:tts@0', text: SCRIPT, voice: 'Eve' });
    expect(result.costUSD).toBe(speechPriceUSD(SCRIPT, ttsModel('xai:tts@0')));
    if (!('url' in result.media)) throw new Error('expected a URL');
    const file = join(temp.path, 'speech.mp3');
    await client.download(result.media.url, file);
    const reference = join(temp.path, 'reference.wav');
    await run('espeak-ng', ['-w', reference, '--', SCRIPT]);
    const [got, expected] = [await probeDuration(file), await probeDuration(reference)];
    expect(got).not.toBeNull();
    // MP3 framing adds a few tens of milliseconds, never more.
    expect(Math.abs((got ?? 0) - (expected ?? 0))).toBeLessThan(0.15);
    expect(fake.requests.filter((r) => r.tasks.some((t) => t.taskType === 'audioInference'))).toHaveLength(1);
  });

  it('refuses an unknown voice and a script over the model’s limit, with the parameter named', async () => {
    await expect(client.synthesizeSpeech({ model: 'xai:tts@0', text: SCRIPT, voice: 'Nobody' })).rejects.toMatchObject({
      code: 'invalidVoice',
    });
    const long = 'a'.repeat((ttsModel('inworld:tts@1.5-mini')?.textLimit ?? 0) + 1);
    await expect(client.synthesizeSpeech({ model: 'inworld:tts@1.5-mini', text: long, voice: 'Sarah' })).rejects.toMatchObject({
      code: 'invalidSpeechText',
    });
  });

  it('makes four different pictures of the requested size, each with its seed and cost', async () => {
    const images = await client.generateImages({
      model: 'runware:400@1',
      positivePrompt: 'head-and-shoulders portrait, mouth closed, even light, plain background',
      width: 512,
      height: 640,
      numberResults: 4,
    });
    expect(images).toHaveLength(4);
    expect(new Set(images.map((i) => i.seed)).size).toBe(4);
    for (const [n, image] of images.entries()) {
      if (!('url' in image.media)) throw new Error('expected a URL');
      const file = join(temp.path, `candidate-${n}.png`);
      await client.download(image.media.url, file);
      const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file]);
      expect(stdout.trim()).toBe('512,640');
      expect(image.costUSD).toBeGreaterThan(0);
    }
  });
});
