import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeRunware } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { probeDuration } from '../../../electron/core/runware-stand-in/video-maker.ts';
import type { GenerationRecord } from '../../../shared/generation.ts';
import { speechPriceUSD, ttsModel } from '../../../shared/tts-models.ts';
import { fastAppData, runCli } from '../../support/cli-runner.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const run = promisify(execFile);
const SCRIPT = 'Our new collection arrives in stores next week, and the first customers will find a small surprise.';

describe('avatar-studio speak', () => {
  let fake: FakeRunware;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  let project: string;
  const speechRequests = () => fake.requests.filter((r) => r.tasks.some((t) => t.taskType === 'audioInference')).length;
  beforeAll(async () => {
    fake = await FakeRunware.start();
    temp = await makeTempDir('cli speak ');
    env = {
      RUNWARE_API_URL: fake.url,
      RUNWARE_API_KEY: fake.apiKey,
      AVATAR_STUDIO_DATA: await fastAppData(join(temp.path, 'app data')),
      HOME: temp.path,
    };
    project = join(temp.path, 'Launch');
  });
  afterAll(async () => {
    await fake.close();
    await temp.cleanup();
  });

  it('speaks the script into the project’s media, as long as espeak-ng says it, at its price', async () => {
    const spoken = await runCli(['speak', '--text', SCRIPT, '--voice', 'Leo', '--project', project, '--json'], env);
    expect(spoken.code).toBe(0);
    const answer = JSON.parse(spoken.stdout) as {
      path: string;
      durationSec: number;
      costUSD: number;
      model: string;
      voice: string;
      reused: boolean;
    };
    expect(answer).toMatchObject({
      model: 'xai:tts@0',
      voice: 'Leo',
      reused: false,
      costUSD: speechPriceUSD(SCRIPT, ttsModel('xai:tts@0')),
    });
    expect(answer.path.startsWith(join(project, 'media'))).toBe(true);
    const reference = join(temp.path, 'reference.wav');
    await run('espeak-ng', ['-w', reference, '--', SCRIPT]);
    expect(Math.abs(answer.durationSec - ((await probeDuration(reference)) ?? 0))).toBeLessThan(0.15);
    expect(speechRequests()).toBe(1);
  });

  it('reuses the same script, model and voice: no second request, no second charge, still in the spend', async () => {
    const again = await runCli(['speak', '--text', SCRIPT, '--voice', 'Leo', '--project', project, '--json'], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ reused: true, costUSD: 0 });
    expect(speechRequests()).toBe(1);
    const listed = await runCli(['list', '--project', project, '--json'], env);
    const { spend } = JSON.parse(listed.stdout) as { spend: { spentUSD: number } };
    expect(spend.spentUSD).toBeCloseTo(speechPriceUSD(SCRIPT, ttsModel('xai:tts@0')) ?? 0, 6);
  });

  it('refuses a script over the model’s limit, or a voice it does not have, before sending anything', async () => {
    const long = 'word '.repeat(500);
    const tooLong = await runCli(
      ['speak', '--text', long, '--voice', 'Sarah', '--tts-model', 'inworld:tts@1.5-mini', '--project', project],
      env,
    );
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toContain('The script is 2,499 characters; Inworld TTS 1.5 Mini takes at most 2,000.');
    const noVoice = await runCli(['speak', '--text', SCRIPT, '--voice', 'Bob', '--project', project], env);
    expect(noVoice.code).toBe(2);
    expect(noVoice.stderr).toContain('xAI TTS has no voice “Bob”. Choose one of Eve, Ara, Leo, Rex, Sal.');
    expect(speechRequests()).toBe(1);
  });

  it('makes portrait candidates from a description into the project’s media, each with size, seed and cost', async () => {
    const made = await runCli(
      ['portrait', '--prompt', 'head-and-shoulders portrait, mouth closed', '--count', '2', '--project', project, '--json'],
      env,
    );
    expect(made.code).toBe(0);
    const { images } = JSON.parse(made.stdout) as {
      images: { path: string; width: number; height: number; seed: number; costUSD: number }[];
    };
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image).toMatchObject({ width: 1024, height: 1024 });
      expect(image.path.startsWith(join(project, 'media'))).toBe(true);
      expect(image.costUSD).toBeGreaterThan(0);
    }
    expect(images[0]?.seed).not.toBe(images[1]?.seed);
    const bad = await runCli(['portrait', '--prompt', 'x', '--count', '5', '--project', project], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--count must be 1, 2, 3 or 4 (got "5").');
  });

  it('goes from words to a video in one command, keeping the script, voice and both costs; run again, it pays for neither twice', async () => {
    const words = join(temp.path, 'Words');
    const args = [
      'generate',
      '--script',
      SCRIPT,
      '--voice',
      'Eve',
      '--portrait-prompt',
      'head-and-shoulders portrait, mouth closed',
      '--project',
      words,
      '--json',
    ];
    const first = await runCli(args, env);
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout) as { generationId: string; status: string; outputs: { path: string; durationSec: number }[] };
    expect(result.status).toBe('done');
    const record = JSON.parse(
      await readFile(join(words, 'generations', result.generationId, 'generation.json'), 'utf8'),
    ) as GenerationRecord;
    expect(record.made?.speech).toEqual({
      text: SCRIPT,
      model: 'xai:tts@0',
      voice: 'Eve',
      costUSD: speechPriceUSD(SCRIPT, ttsModel('xai:tts@0')),
      reused: false,
    });
    expect(record.made?.portrait).toMatchObject({
      prompt: 'head-and-shoulders portrait, mouth closed',
      model: 'runware:400@1',
      reused: false,
    });
    expect(record.made?.portrait?.costUSD).toBeGreaterThan(0);
    // The video lasts as long as the speech.
    expect(Math.abs((result.outputs[0]?.durationSec ?? 0) - (record.inputs.audio.durationSec ?? 0))).toBeLessThan(0.2);

    const speechBefore = speechRequests();
    const imagesBefore = fake.requests.filter((r) => r.tasks.some((t) => t.taskType === 'imageInference')).length;
    const again = await runCli(args, env);
    expect(again.code).toBe(0);
    expect(speechRequests()).toBe(speechBefore);
    expect(fake.requests.filter((r) => r.tasks.some((t) => t.taskType === 'imageInference')).length).toBe(imagesBefore);
  });
});
