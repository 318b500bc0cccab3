import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeRunware } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';
import { fastAppData, filesUnder, runCli } from '../../support/cli-runner.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { probeDuration } from '../../../electron/core/runware-stand-in/video-maker.ts';

describe('the avatar-studio command line', () => {
  let fake: FakeRunware;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    fake = await FakeRunware.start({ pollsBeforeSuccess: 1 });
    temp = await makeTempDir('cli test ');
    env = {
      RUNWARE_API_URL: fake.url,
      RUNWARE_API_KEY: fake.apiKey,
      AVATAR_STUDIO_DATA: await fastAppData(join(temp.path, 'app data')),
      HOME: temp.path,
    };
  });
  afterAll(async () => {
    await fake.close();
    await temp.cleanup();
  });

  it('generates, lists and exports, printing exactly one JSON object', async () => {
    const project = join(temp.path, 'Spring ads');
    const generate = await runCli(
      [
        'generate',
        '--image',
        MONALISA_JPG,
        '--audio',
        JFK_FLAC,
        '--start',
        '1',
        '--end',
        '6.5',
        '--results',
        '2',
        '--prompt',
        'gentle nods',
        '--project',
        project,
        '--json',
      ],
      env,
    );
    expect(generate.code).toBe(0);
    const result = JSON.parse(generate.stdout) as {
      generationId: string;
      status: string;
      taskUUID: string;
      costUSD: number;
      outputs: { path: string; durationSec: number }[];
    };
    expect(generate.stdout.trim().split('\n')).toHaveLength(1);
    expect(result).toMatchObject({ status: 'done', costUSD: 1.68, taskUUID: expect.any(String) });
    expect(result.outputs).toHaveLength(2);
    expect(result.outputs[0]?.durationSec).toBeCloseTo(5.5, 0);
    expect(generate.stderr).toContain('generating');
    expect(fake.tasks.get(result.taskUUID)?.request).toMatchObject({ positivePrompt: 'gentle nods', numberResults: 2 });

    const list = await runCli(['list', '--project', project, '--json'], env);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual({
      generations: [
        {
          generationId: result.generationId,
          status: 'done',
          taskUUID: result.taskUUID,
          createdAt: expect.any(String),
          costUSD: 1.68,
          outputs: result.outputs.map((o) => ({ ...o, videoUUID: expect.any(String) })),
        },
      ],
      spend: { spentUSD: 1.68, committedUSD: 0, trashedUSD: 0 },
    });

    const out = join(project, 'exports', 'spring.webm');
    const exported = await runCli(['export', result.generationId, '--project', project, '--format', 'webm', '--out', out], env);
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim()).toBe(out);
    expect(await probeDuration(out)).toBeCloseTo(5.5, 0);
  });

  it('exports without --out into exports/, named by the project’s template like the window’s export, and checks the take is there', async () => {
    const project = join(temp.path, 'Autumn');
    const generate = await runCli(
      ['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--end', '2.5', '--project', project, '--json'],
      env,
    );
    const { generationId } = JSON.parse(generate.stdout) as { generationId: string };
    const exported = await runCli(['export', generationId, '--project', project, '--format', 'webm', '--quality', 'small'], env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout.trim()).toBe(join(project, 'exports', 'Autumn_monalisa_jfk_1.webm'));
    // A second export never overwrites the first.
    const again = await runCli(['export', generationId, '--project', project, '--format', 'webm'], env);
    expect(again.stdout.trim()).toBe(join(project, 'exports', 'Autumn_monalisa_jfk_1 (2).webm'));
    expect(await probeDuration(join(project, 'exports', 'Autumn_monalisa_jfk_1.webm'))).toBeCloseTo(2.5, 0);

    // Moved away outside the app: said the way the window says it.
    const take = join(project, 'generations', generationId, 'take-1.mp4');
    await rename(take, `${take}.moved`);
    const missing = await runCli(['export', generationId, '--project', project, '--format', 'mp4'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `Take 1 of “jfk” is no longer in its folder (it was moved or deleted outside Avatar Studio), so it cannot be exported.`,
    );
    expect(await runCli(['export', generationId, '--project', project, '--format', 'mp4', '--quality', 'best'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--quality must be high, balanced or small (got "best").'),
    });
  });

  it.each([
    [['generate', '--audio', JFK_FLAC], 'Give the portrait with one of --image <file> or --portrait-prompt <text>.'],
    [['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--cfg', '11'], '--cfg must be from 0 to 10 (got 11).'],
    [
      ['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--results', '2.5'],
      '--results must be a whole number from 1 to 4 (got 2.5).',
    ],
    [['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--format', 'gif'], '--format must be mp4, webm or mov (got "gif").'],
    [['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--quality', 'high'], '--quality must be a number (got "high").'],
    [['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--colour', 'red'], "Unknown option '--colour'"],
    [['resume'], '--project <dir> is required.'],
    [['frobnicate'], 'Unknown command "frobnicate".'],
  ])('exits 2 on a usage mistake: %j', async (args, message) => {
    const before = fake.requests.length;
    const run = await runCli(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(fake.requests.length).toBe(before);
  });

  it('exits 2 naming the file or field for bad input, before any request', async () => {
    const before = fake.requests.length;
    const notAudio = join(temp.path, 'notes.wav');
    await writeFile(notAudio, 'these are my notes, not audio');
    const cases: [string[], RegExp][] = [
      [['--image', MONALISA_JPG, '--audio', notAudio], /"notes\.wav"/],
      [['--image', JFK_FLAC, '--audio', JFK_FLAC], /"jfk\.flac"/],
      [
        ['--image', MONALISA_JPG, '--audio', JFK_FLAC, '--start', '5', '--end', '4'],
        /The selection ends \(4\.00 s\) before it starts \(5\.00 s\)/,
      ],
      [['--image', MONALISA_JPG, '--audio', JFK_FLAC, '--end', '30'], /after the end of “jfk\.flac”/],
      [['--image', MONALISA_JPG, '--audio', JFK_FLAC, '--prompt', 'x'], /The prompt must be 2–3000 characters long \(it has 1\)/],
      [['--image', join(temp.path, 'missing.jpg'), '--audio', JFK_FLAC], /missing\.jpg/],
    ];
    for (const [args, pattern] of cases) {
      const run = await runCli(['generate', ...args, '--project', join(temp.path, 'bad input'), '--json'], env);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(pattern);
      expect(run.stderr).toContain('Nothing was sent.');
      expect(JSON.parse(run.stdout)).toMatchObject({
        status: 'invalid',
        error: { code: expect.any(String), message: expect.stringMatching(pattern) },
      });
    }
    expect(fake.requests.length).toBe(before);
    expect(await filesUnder(join(temp.path, 'bad input', 'generations'))).toEqual([]);
  });

  it('exits 2 without a key, and 3 when Runware rejects it (resumable)', async () => {
    const project = join(temp.path, 'keys');
    const noKey = await runCli(['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--end', '2', '--project', project], {
      ...env,
      RUNWARE_API_KEY: '',
    });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('Set RUNWARE_API_KEY to your Runware API key');
    const wrong = await runCli(['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--end', '2', '--project', project, '--json'], {
      ...env,
      RUNWARE_API_KEY: 'rw_wrong_0000000000000000000',
    });
    expect(wrong.code).toBe(3);
    expect(JSON.parse(wrong.stdout)).toMatchObject({
      status: 'uploading',
      error: {
        code: 'invalidApiKey',
        message: 'Runware rejected this key. Check it, or create a new one on the API Keys page at my.runware.ai.',
      },
    });
    const resumed = await runCli(['resume', '--project', project, '--json'], env);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).generations[0]).toMatchObject({ status: 'done' });
  });

  it('exits 3 with the API reason when Runware refuses the content', async () => {
    const run = await runCli(
      [
        'generate',
        '--image',
        MONALISA_JPG,
        '--audio',
        JFK_FLAC,
        '--end',
        '2',
        '--prompt',
        'please [blocked]',
        '--project',
        join(temp.path, 'blocked'),
        '--json',
      ],
      env,
    );
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'failed', error: { code: 'contentPolicyViolation' } });
  });

  it('exits 3 when the balance is too low, and nothing is lost', async () => {
    fake.creditsUSD = 0.1;
    try {
      const run = await runCli(
        ['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--end', '2', '--project', join(temp.path, 'poor'), '--json'],
        env,
      );
      expect(run.code).toBe(3);
      expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'insufficientCredits', message: expect.stringContaining('Top up') } });
    } finally {
      fake.creditsUSD = Number.POSITIVE_INFINITY;
    }
  });
});
