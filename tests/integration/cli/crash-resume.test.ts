import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GenerationState } from '../../../shared/generation.ts';
import { Project } from '../../../electron/core/projects/project.ts';
import { FakeRunware, type Fault } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { probeDuration } from '../../../electron/core/runware-stand-in/video-maker.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';
import { fastAppData, filesUnder, onlyRecord, runCli, startCli, waitForState } from '../../support/cli-runner.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/**
 * The journal's promise, tested with the real CLI as a child process: killed at any
 * step (SIGKILL: no cleanup runs), `resume` finishes the generation, Runware saw one
 * accepted submission for its taskUUID, every take is complete and verified, and no
 * partial or temporary file is left behind.
 */
describe('crash at any step, then resume', () => {
  let fake: FakeRunware;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  let project: string;

  beforeAll(async () => {
    temp = await makeTempDir('crash test ');
  });
  afterAll(() => temp.cleanup());
  beforeEach(async () => {
    fake = await FakeRunware.start({ pollsBeforeSuccess: 2 });
    const appData = await fastAppData(join(temp.path, `app data ${Date.now()}`));
    env = { RUNWARE_API_URL: fake.url, RUNWARE_API_KEY: fake.apiKey, AVATAR_STUDIO_DATA: appData, HOME: temp.path };
    project = join(temp.path, `project ${Date.now()}`);
  });
  afterEach(() => fake.close());

  const cases: { state: GenerationState; faults: Fault[]; setup?: () => Promise<void>; audioEnd: string }[] = [
    {
      state: 'preparing',
      faults: [],
      audioEnd: '11',
      // Loudness normalisation measures, then encodes: long enough to be caught mid-way.
      setup: async () => {
        const p = await Project.openOrCreate(project);
        await p.update({ defaults: { ...p.info.defaults, normalizeLoudness: true } });
      },
    },
    { state: 'uploading', faults: [{ on: 'upload', delayMs: 1500, times: 4 }], audioEnd: '3' },
    { state: 'submitting', faults: [{ on: 'submit', delayMs: 1200 }], audioEnd: '3' },
    { state: 'processing', faults: [], audioEnd: '3' },
    {
      state: 'downloading',
      faults: [
        { on: 'download', cutAfterBytes: 20_000 },
        { on: 'download', delayMs: 1500, times: 3 },
      ],
      audioEnd: '3',
    },
  ];

  for (const c of cases) {
    it(`SIGKILL while ${c.state}`, async () => {
      await c.setup?.();
      for (const fault of c.faults) fake.inject(fault);
      if (c.state === 'processing') {
        // Keep the task running long enough to be killed while it does.
        fake.options.pollsBeforeSuccess = 1000;
      }
      const run = startCli(
        ['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--start', '1', '--end', c.audioEnd, '--project', project, '--json'],
        env,
      );
      await waitForState(project, c.state);
      if (c.state === 'processing') await new Promise((ok) => setTimeout(ok, 300));
      run.child.kill('SIGKILL');
      const killed = await run.done;
      expect(killed.signal).toBe('SIGKILL');
      fake.options.pollsBeforeSuccess = 2;
      for (const task of fake.tasks.values()) for (const take of task.takes) take.completeAt = { poll: task.polls + 1 };

      const resumed = await runCli(['resume', '--project', project, '--json'], env);
      expect(resumed.code, resumed.stderr).toBe(0);
      const [result] = JSON.parse(resumed.stdout).generations as { status: string; taskUUID: string; outputs: { path: string }[] }[];
      expect(result?.status).toBe('done');

      const accepted = fake.acceptedSubmissions.filter((t) => t === result?.taskUUID);
      expect(accepted).toHaveLength(1);
      expect(fake.acceptedSubmissions).toHaveLength(1);
      const record = await onlyRecord(project);
      expect(record?.history.some((h) => h.state === 'interrupted')).toBe(true);
      expect(record?.takes.every((t) => t.state === 'done')).toBe(true);
      for (const output of result?.outputs ?? []) {
        expect(await probeDuration(output.path)).toBeCloseTo(Number(c.audioEnd) - 1, 0);
      }
      const leftovers = (await filesUnder(project)).filter((f) => /\.part$|\.tmp$|partial/i.test(f));
      expect(leftovers).toEqual([]);
    });
  }

  it('SIGKILL after Runware finished, then getResponse no longer knows the task: resume fetches the take via getTaskDetails, with no second submission', async () => {
    fake.options.pollsBeforeSuccess = 1000;
    const run = startCli(
      ['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--start', '1', '--end', '3', '--project', project, '--json'],
      env,
    );
    await waitForState(project, 'processing');
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');
    // Runware finished the task meanwhile, and its results aged out of getResponse.
    for (const task of fake.tasks.values()) for (const take of task.takes) take.completeAt = { time: 0 };
    fake.forgetResults();

    const resumed = await runCli(['resume', '--project', project, '--json'], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    const [result] = JSON.parse(resumed.stdout).generations as { status: string; taskUUID: string; outputs: { path: string }[] }[];
    expect(result?.status).toBe('done');
    expect(fake.acceptedSubmissions).toEqual([result?.taskUUID]);
    expect(fake.requests.filter((r) => r.kind === 'submit')).toHaveLength(1);
    expect(fake.detailRequests).toContain(result?.taskUUID);
    const record = await onlyRecord(project);
    expect(record?.history.some((h) => h.note === 'reconciled via getTaskDetails')).toBe(true);
    expect(await probeDuration(result?.outputs[0]?.path ?? '')).toBeCloseTo(2, 0);
  });
});
