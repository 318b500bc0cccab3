import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GenerationRecord } from '../../../shared/generation.ts';
import { FakeRunware } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { probeDuration } from '../../../electron/core/runware-stand-in/video-maker.ts';
import { MONALISA_JPG } from '../../support/fixture-paths.ts';
import { fastAppData, filesUnder, runCli, startCli } from '../../support/cli-runner.ts';
import { longSpeech } from '../../support/long-speech.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { wavTone } from '../../support/wav-tone.ts';

describe('batches and long audio from the command line', () => {
  let fake: FakeRunware;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  let manifest: string;
  beforeAll(async () => {
    temp = await makeTempDir('cli batch ');
    const voices = join(temp.path, 'voices');
    await mkdir(voices);
    const rows = ['image,audio,prompt,start,end,name'];
    for (let i = 1; i <= 6; i += 1) {
      await writeFile(join(voices, `line ${i}.wav`), wavTone(1 + i * 0.25, { frequency: 200 + i * 40 }));
      rows.push(`${MONALISA_JPG},voices/line ${i}.wav,${i === 3 ? '"calm, friendly"' : ''},,,`);
    }
    manifest = join(temp.path, 'spring lines.csv');
    await writeFile(manifest, rows.join('\n'));
  }, 60_000);
  afterAll(() => temp.cleanup());
  beforeEach(async () => {
    await fake?.close();
    fake = await FakeRunware.start({ pollsBeforeSuccess: 2, videoHeight: 120 });
    env = {
      RUNWARE_API_URL: fake.url,
      RUNWARE_API_KEY: fake.apiKey,
      AVATAR_STUDIO_DATA: await fastAppData(join(temp.path, `data ${Date.now()}`)),
      HOME: temp.path,
    };
  });

  it('runs a batch of 1 portrait × 6 voices: six verified videos, named from the template in exports/', async () => {
    const project = join(temp.path, 'Spring');
    const run = await runCli(['batch', manifest, '--project', project, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as {
      name: string;
      count: number;
      done: number;
      costUSD: number;
      generations: { outputs: { path: string; durationSec: number }[] }[];
    };
    expect(summary).toMatchObject({ name: 'spring lines', count: 6, done: 6 });
    expect(summary.costUSD).toBeCloseTo(
      [1.25, 1.5, 1.75, 2, 2.25, 2.5].reduce((s, d) => s + Math.ceil(d) * 0.14, 0),
      2,
    );
    for (const [i, g] of summary.generations.entries()) {
      expect(g.outputs).toHaveLength(1);
      expect(g.outputs[0]?.durationSec).toBeCloseTo(1 + (i + 1) * 0.25, 0);
    }
    expect(run.stderr).toContain('6 generations · 11.3 s of audio · 14 s billed · $1.96');
    // Row 3's prompt went with row 3's voice, and with no other (items run two at a time, in either order).
    const records = await Promise.all(
      (await readdir(join(project, 'generations'))).map(
        async (id) => JSON.parse(await readFile(join(project, 'generations', id, 'generation.json'), 'utf8')) as GenerationRecord,
      ),
    );
    const prompts = Object.fromEntries(
      records.map((r) => [r.inputs.audio.originalName, fake.tasks.get(r.taskUUID ?? '')?.request.positivePrompt ?? null]),
    );
    expect(prompts).toEqual({
      'line 1.wav': null,
      'line 2.wav': null,
      'line 3.wav': 'calm, friendly',
      'line 4.wav': null,
      'line 5.wav': null,
      'line 6.wav': null,
    });
    const exported = (await readdir(join(project, 'exports', 'spring lines'))).sort();
    expect(exported).toEqual([1, 2, 3, 4, 5, 6].map((i) => `Spring_monalisa_line ${i}_1.mp4`).sort());
  });

  it('survives a SIGKILL halfway: resume finishes the batch without sending any task twice', async () => {
    const project = join(temp.path, 'Killed');
    const run = startCli(['batch', manifest, '--project', project, '--json'], env);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (fake.acceptedSubmissions.length >= 3) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    run.child.kill('SIGKILL');
    await run.done;
    const resumed = await runCli(['resume', '--project', project, '--json'], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    const list = JSON.parse((await runCli(['list', '--project', project, '--json'], env)).stdout) as {
      generations: { status: string; outputs: unknown[] }[];
    };
    expect(list.generations).toHaveLength(6);
    expect(list.generations.every((g) => g.status === 'done' && g.outputs.length === 1)).toBe(true);
    expect(fake.acceptedSubmissions).toHaveLength(6);
    expect(new Set(fake.acceptedSubmissions).size).toBe(6);
    expect((await filesUnder(project)).filter((f) => /\.part$/.test(f))).toEqual([]);
  });

  it('refuses a manifest with bad rows, listing each, before sending anything', async () => {
    const bad = join(temp.path, 'bad.csv');
    await writeFile(
      bad,
      `image,audio,start\n${MONALISA_JPG},voices/missing.wav,\n,voices/line 1.wav,\n${MONALISA_JPG},voices/line 2.wav,abc\n`,
    );
    const run = await runCli(['batch', bad, '--project', join(temp.path, 'Bad'), '--json'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Row 3: “image” is missing.');
    expect(run.stderr).toContain('Row 4: “start” must be a number of seconds, 0 or more (got "abc").');
    expect(fake.requests).toEqual([]);
  });

  describe('audio over 60 s', () => {
    let speech: string;
    beforeAll(async () => {
      speech = (await longSpeech(temp.path, 150)).file;
    }, 60_000);

    it('is refused without --split, saying how to make it', async () => {
      const run = await runCli(
        ['generate', '--image', MONALISA_JPG, '--audio', speech, '--project', join(temp.path, 'Long'), '--json'],
        env,
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        'This selection is 150.0 s; Aurora takes up to 60 s. Trim it, or split it into parts. Add --split auto to make it in parts, joined into one video.',
      );
      expect(fake.requests).toEqual([]);
    });

    it('with --split auto is made in parts and joined into one video as long as the audio', async () => {
      const run = await runCli(
        ['generate', '--image', MONALISA_JPG, '--audio', speech, '--split', 'auto', '--project', join(temp.path, 'Long split'), '--json'],
        env,
      );
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as { status: string; outputs: { path: string }[]; costUSD: number };
      expect(result.status).toBe('done');
      expect(result.outputs).toHaveLength(1);
      expect(Math.abs(((await probeDuration(result.outputs[0]?.path as string)) ?? 0) - 150)).toBeLessThan(0.1);
      expect(fake.acceptedSubmissions).toHaveLength(3);
    }, 120_000);
  });
});
