import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GenerationRecord, GenerationState } from '../../../shared/generation.ts';
import { FakeRunware, type Fault } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';
import { fastAppData, filesUnder, onlyRecord, runCli, startCli, waitForState } from '../../support/cli-runner.ts';
import { mountSmallDisk, type SmallDisk } from '../../support/small-disk.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const temp = await makeTempDir('disk full ');
const mounted = await mountSmallDisk(join(temp.path, 'small disk'), 8);
const disk: SmallDisk | null = 'skip' in mounted ? null : mounted;
if (!disk && 'skip' in mounted) console.warn(`Skipped the disk-full tests: ${mounted.skip}.`);

const FULL = /^The project folder “.+” is full: free about \d+ MB, then Resume\.$/;

/**
 * The project lives on a real 8 MB disk that fills up at each step of a generation. The
 * command line never hangs or crashes: it prints its one JSON object, exits 4 once Runware
 * may hold the task (2 before), never marks an accepted task failed, and `resume` after
 * freeing space finishes it with exactly one accepted submission and no partial file.
 */
describe.skipIf(!disk)('a full disk at every step', () => {
  let fake: FakeRunware;
  let env: NodeJS.ProcessEnv;
  let project: string;

  afterAll(async () => {
    await disk?.unmount();
    await temp.cleanup();
  });
  beforeEach(async () => {
    fake = await FakeRunware.start({ pollsBeforeSuccess: 2, videoHeight: 120 });
    // App data (logs, upload cache, scratch) stays off the small disk: only the project fills it.
    env = {
      RUNWARE_API_URL: fake.url,
      RUNWARE_API_KEY: fake.apiKey,
      AVATAR_STUDIO_DATA: await fastAppData(join(temp.path, `data ${Date.now()}`)),
      HOME: temp.path,
    };
    project = join(disk?.dir ?? temp.path, `project ${Date.now()}`);
  });
  afterEach(async () => {
    await fake.close();
    await disk?.free();
    await rm(project, { recursive: true, force: true });
  });

  const generate = (end = '3') =>
    startCli(['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--start', '1', '--end', end, '--project', project, '--json'], env);

  /** One JSON object on stdout, no stack trace on stderr. */
  function outcome(run: { stdout: string; stderr: string }) {
    expect(run.stderr).not.toMatch(/triggerUncaughtException|\n\s+at .+\(.+:\d+:\d+\)|failed unexpectedly/);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    return JSON.parse(run.stdout) as { status: GenerationState; taskUUID: string | null; error?: { code: string; message: string } };
  }

  async function resumesToDone(): Promise<GenerationRecord> {
    await disk?.free();
    const resumed = await runCli(['resume', '--project', project, '--json'], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    const record = await onlyRecord(project);
    expect(record?.state).toBe('done');
    expect(record?.takes.every((t) => t.state === 'done')).toBe(true);
    expect(fake.acceptedSubmissions).toEqual([record?.taskUUID]);
    const leftovers = (await filesUnder(project)).filter((f) => /\.part$|\.tmp$|partial|generation\.json\.\d+$/i.test(f));
    expect(leftovers).toEqual([]);
    return record as GenerationRecord;
  }

  it('while preparing the audio: exit 2 (nothing sent), said as a full disk, and it can start again', async () => {
    const imports = (await stat(JFK_FLAC)).size + (await stat(MONALISA_JPG)).size;
    // Room for the imported copies and the record, not for the ~64 KB MP3 to send.
    await disk?.fill(imports + 24_000);
    const run = await generate().done;
    const json = outcome(run);
    expect(run.code).toBe(2);
    expect(json.error?.code).toBe('disk_full');
    expect(json.error?.message).toMatch(FULL);
    expect(json.error?.message).not.toMatch(/ffmpeg|Conversion failed|\.part/);
    expect(json.taskUUID).toBeNull();
    expect(fake.requests.filter((r) => r.kind === 'submit' || r.kind === 'upload')).toEqual([]);
    await resumesToDone();
  });

  it.each<[string, number, GenerationState, Fault[]]>([
    ['while uploading', 2, 'uploading', [{ on: 'upload', delayMs: 1500, times: 2 }]],
    ['while recording the submit answer', 4, 'submitting', [{ on: 'submit', delayMs: 1500 }]],
    ['while downloading', 4, 'downloading', [{ on: 'download', delayMs: 1500, times: 3 }]],
  ])('%s: exits %i, then resumes', async (_label, exit, state, faults) => {
    for (const fault of faults) fake.inject(fault);
    const run = generate();
    await waitForState(project, state);
    await disk?.fill();
    const done = await run.done;
    const json = outcome(done);
    expect(done.code).toBe(exit);
    expect(json.error?.message).toMatch(FULL);
    expect((await onlyRecord(project))?.state).not.toBe('failed');
    await resumesToDone();
  });

  it('while polling: stops within a minute instead of polling for ever, then resumes', async () => {
    fake.options.pollsBeforeSuccess = 1000;
    const run = generate();
    const processing = await waitForState(project, 'processing');
    await disk?.fill();
    // The takes finish now: recording them is the write that fails.
    for (const task of fake.tasks.values()) for (const take of task.takes) take.completeAt = { poll: task.polls + 1 };
    const done = await run.done;
    const json = outcome(done);
    expect(done.code).toBe(4);
    expect(json).toMatchObject({ status: 'processing', taskUUID: processing.taskUUID });
    expect(json.error?.message).toMatch(FULL);
    expect((await onlyRecord(project))?.state).toBe('processing');
    fake.options.pollsBeforeSuccess = 2;
    const record = await resumesToDone();
    expect(record.taskUUID).toBe(processing.taskUUID);
  });
});
