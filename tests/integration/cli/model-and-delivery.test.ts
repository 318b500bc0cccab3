import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuroraTaskSchema } from '../../../shared/aurora.ts';
import { FakeRunware } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';
import { fastAppData, onlyRecord, runCli } from '../../support/cli-runner.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/** Everything the app wrote to its logs folder, as one text. */
async function logsOf(appData: string): Promise<string> {
  const dir = join(appData, 'logs');
  const files = await readdir(dir).catch(() => []);
  return (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('\n');
}

describe('the model and delivery options from the command line', () => {
  let fake: FakeRunware;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  let appData: string;
  let project: string;
  beforeAll(async () => {
    temp = await makeTempDir('cli model ');
  });
  afterAll(() => temp.cleanup());
  beforeEach(async () => {
    fake = await FakeRunware.start({ pollsBeforeSuccess: 1, videoHeight: 120 });
    appData = await fastAppData(join(temp.path, `data ${Date.now()}`));
    env = { RUNWARE_API_URL: fake.url, RUNWARE_API_KEY: fake.apiKey, AVATAR_STUDIO_DATA: appData, HOME: temp.path };
    project = join(temp.path, `project ${Date.now()}`);
  });
  afterEach(() => fake.close());

  const generate = (...flags: string[]) =>
    runCli(
      ['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--start', '1', '--end', '3.5', '--project', project, '--json', ...flags],
      env,
    );

  it('sends every option as the model page names it, prices a draft at $0.07/s, and keeps them in the record', async () => {
    const secret = 'X-Amz-Signature=0123456789abcdef';
    const upload = `${fake.origin}/sink/put?X-Amz-Credential=AKIA%2F20261202&${secret}`;
    const run = await generate(
      '--model',
      'fast',
      '--ttl',
      '3600',
      '--webhook-url',
      `${fake.origin}/sink/hook`,
      '--upload-endpoint',
      upload,
      '--safety',
      'full',
    );
    expect(run.code, run.stderr).toBe(0);
    const [task] = [...fake.tasks.values()];
    expect(AuroraTaskSchema.safeParse(task?.request).success).toBe(true);
    expect(task?.request).toMatchObject({
      model: 'creatify:aurora@fast',
      ttl: 3600,
      webhookURL: `${fake.origin}/sink/hook`,
      uploadEndpoint: upload,
      safety: { checkContent: true, mode: 'full' },
    });
    const record = await onlyRecord(project);
    expect(record?.params).toMatchObject({
      model: 'fast',
      ttl: 3600,
      uploadEndpoint: upload,
      safety: { checkContent: true, mode: 'full' },
    });
    // 2.5 s → 3 s billed at Aurora v1 Fast's price.
    expect(record?.estimateUSD).toBe(0.21);
    expect(record?.costUSD).toBe(0.21);
    await expect.poll(() => fake.webhookDeliveries.length).toBe(1);
    await expect.poll(() => fake.uploadsToEndpoint.length).toBe(1);
    expect(fake.uploadsToEndpoint[0]?.status).toBe(200);
    // The signature reaches Runware and the record, never the logs or the terminal.
    const logs = await logsOf(appData);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(secret);
    expect(run.stderr + run.stdout).not.toContain(secret);
  });

  it('--model v1 (the default) sends Aurora v1 at $0.14/s', async () => {
    const run = await generate('--model', 'v1');
    expect(run.code, run.stderr).toBe(0);
    expect([...fake.tasks.values()][0]?.request.model).toBe('creatify:aurora@0');
    expect((await onlyRecord(project))?.costUSD).toBe(0.42);
  });

  it('a take the content check flags is kept, and marked in the record', async () => {
    const run = await generate('--safety', 'fast', '--prompt', '[nsfw] natural blinking');
    expect(run.code, run.stderr).toBe(0);
    const record = await onlyRecord(project);
    expect(record?.takes).toMatchObject([{ state: 'done', nsfw: true }]);
  });

  it('--safety none sends the check switched off', async () => {
    expect((await generate('--safety', 'none')).code).toBe(0);
    expect([...fake.tasks.values()][0]?.request.safety).toEqual({ checkContent: false });
  });

  it.each([
    [['--model', 'turbo'], /^--model must be v1 or fast \(got "turbo"\)\./m],
    [['--ttl', '59'], /^--ttl must be a whole number of seconds, 60 or more \(got 59\)\./m],
    [['--ttl', '1.5'], /^--ttl must be a whole number of seconds, 60 or more \(got "1\.5"\)\./m],
    [['--ttl', 'soon'], /^--ttl must be a whole number of seconds, 60 or more/m],
    [['--webhook-url', 'ftp://example.com/hook'], /^--webhook-url must be an http:\/\/ or https:\/\/ URL\./m],
    [['--webhook-url', 'not a url'], /^--webhook-url must be an http:\/\/ or https:\/\/ URL\./m],
    [['--upload-endpoint', 'file:///etc/passwd'], /^--upload-endpoint must be an http:\/\/ or https:\/\/ URL\./m],
    [['--safety', 'strict'], /^--safety must be none, fast or full \(got "strict"\)\./m],
  ])('%j: exit 2, naming the flag and the rule, with nothing sent', async (flags, message) => {
    const run = await generate(...flags);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(fake.requests).toEqual([]);
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('--help explains each option in one line', async () => {
    const run = await runCli(['--help'], env);
    expect(run.code).toBe(0);
    for (const flag of ['--model v1|fast', '--ttl <sec>', '--webhook-url <url>', '--upload-endpoint <url>', '--safety none|fast|full']) {
      expect(run.stdout.split('\n').filter((line) => line.trimStart().startsWith(flag))).toHaveLength(1);
    }
    expect(run.stdout).toContain('$0.07/s');
  });

  it('a batch manifest sets the model and delivery per row, and prices each row at its model', async () => {
    const manifest = join(temp.path, `rows ${Date.now()}.csv`);
    await writeFile(
      manifest,
      [
        'image,audio,start,end,model,ttl,webhookURL,safety',
        `${MONALISA_JPG},${JFK_FLAC},1,3.5,fast,120,${fake.origin}/sink/hook,fast`,
        `${MONALISA_JPG},${JFK_FLAC},1,3.5,,,,`,
      ].join('\n'),
    );
    const run = await runCli(['batch', manifest, '--project', project, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    // 3 s × $0.07 + 3 s × $0.14.
    expect(run.stderr).toContain('2 generations · 5.0 s of audio · 6 s billed · $0.63');
    const models = [...fake.tasks.values()].map((t) => [t.request.model, t.request.ttl, t.request.safety]);
    expect(models).toEqual(
      expect.arrayContaining([
        ['creatify:aurora@fast', 120, { checkContent: true, mode: 'fast' }],
        ['creatify:aurora@0', undefined, undefined],
      ]),
    );
  });

  it('a manifest row with a bad model or ttl is refused with its row, before anything is sent', async () => {
    const manifest = join(temp.path, `bad rows ${Date.now()}.csv`);
    await writeFile(
      manifest,
      ['image,audio,model,ttl', `${MONALISA_JPG},${JFK_FLAC},turbo,`, `${MONALISA_JPG},${JFK_FLAC},fast,30`].join('\n'),
    );
    const run = await runCli(['batch', manifest, '--project', project, '--json'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Row 2: “model” must be v1 or fast.');
    expect(run.stderr).toContain('Row 3: “ttl” must be a whole number of seconds, 60 or more.');
    expect(fake.requests).toEqual([]);
  });
});
