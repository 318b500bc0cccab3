import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeRunware, type Fault } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';
import { fastAppData, onlyRecord, runCli } from '../../support/cli-runner.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

describe('the command line under network and server faults', () => {
  let fake: FakeRunware;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  let project: string;
  beforeAll(async () => {
    temp = await makeTempDir('cli faults ');
  });
  afterAll(() => temp.cleanup());
  beforeEach(async () => {
    fake = await FakeRunware.start({ pollsBeforeSuccess: 2 });
    env = {
      RUNWARE_API_URL: fake.url,
      RUNWARE_API_KEY: fake.apiKey,
      AVATAR_STUDIO_DATA: await fastAppData(join(temp.path, `data ${Date.now()}`)),
      HOME: temp.path,
    };
    project = join(temp.path, `faults ${Date.now()}`);
  });
  afterEach(() => fake.close());

  const generate = () =>
    runCli(['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--start', '1', '--end', '3', '--project', project, '--json'], env);

  it.each<[string, Fault[]]>([
    ['429s while polling', [{ on: 'poll', status: 429, retryAfter: '0', times: 3 }]],
    ['503s while polling', [{ on: 'poll', status: 503, times: 3 }]],
    ['504s while polling', [{ on: 'poll', status: 504, body: 'html', times: 3 }]],
    ['connection resets while polling', [{ on: 'poll', reset: true, times: 3 }]],
    [
      'a reset and a 503 while downloading',
      [
        { on: 'download', reset: true },
        { on: 'download', status: 503 },
      ],
    ],
    ['a download cut mid-file', [{ on: 'download', cutAfterBytes: 10_000, times: 2 }]],
    ['a reset while uploading', [{ on: 'upload', reset: true, times: 2 }]],
  ])('%s: ends in success', async (_label, faults) => {
    for (const fault of faults) fake.inject(fault);
    const run = await generate();
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'done',
      outputs: [expect.objectContaining({ durationSec: expect.any(Number) })],
    });
    expect(fake.acceptedSubmissions).toHaveLength(1);
  });

  it('a validation refusal ends in exit 3 with the API’s reason', async () => {
    fake.inject({ on: 'submit', status: 400, code: 'invalidOutputQuality' });
    const run = await generate();
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'failed',
      error: {
        code: 'invalidOutputQuality',
        message: "Runware refused the request. Runware said: “Injected 400.” Check the generation's settings, then generate again.",
      },
    });
  });

  it('a 401 while polling ends in exit 3; the generation stays resumable', async () => {
    fake.inject({ on: 'poll', status: 401, code: 'invalidApiKey' });
    const run = await generate();
    expect(run.code).toBe(3);
    const resumed = await runCli(['resume', '--project', project, '--json'], env);
    expect(resumed.code).toBe(0);
    expect(fake.acceptedSubmissions).toHaveLength(1);
  });

  it('a server that stays down ends in exit 4; resume later finishes without a second submission', async () => {
    fake.inject({ on: 'poll', status: 503, times: 1000 });
    const run = await generate();
    expect(run.code).toBe(4);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'processing',
      error: {
        code: 'serviceUnavailable',
        message:
          'Runware had a server problem (HTTP 503) that lasted through several tries. Try again later; status.runware.ai shows outages.',
      },
    });
    expect((await onlyRecord(project))?.state).toBe('processing');
    fake.clearFaults();
    const resumed = await runCli(['resume', '--project', project, '--json'], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).generations[0]).toMatchObject({ status: 'done' });
    expect(fake.acceptedSubmissions).toHaveLength(1);
  });

  it('a link that expired before the download ends in a clear failed state', async () => {
    fake.inject({ on: 'download', status: 410, times: 10 });
    const run = await generate();
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'failed',
      error: {
        code: 'url_expired',
        message:
          'The video finished, but its download link had already expired, so the take could not be saved. Generate it again; Avatar Studio downloads takes the moment they finish.',
      },
    });
  });
});
