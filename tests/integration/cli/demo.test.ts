import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/core/projects/project.ts';
import { probeDuration } from '../../../electron/core/runware-stand-in/video-maker.ts';
import { runCli } from '../../support/cli-runner.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

describe('avatar-studio --demo', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    temp = await makeTempDir('cli demo ');
    // No key and an endpoint nobody listens on: the demo needs neither.
    env = {
      AVATAR_STUDIO_DATA: join(temp.path, 'app data'),
      HOME: temp.path,
      RUNWARE_API_KEY: '',
      RUNWARE_API_URL: 'http://127.0.0.1:9/v1',
    };
  });
  afterAll(() => temp.cleanup());

  it('generates without a key, at $0, into the demo’s own project folder', async () => {
    const run = await runCli(['generate', '--demo', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--end', '3', '--json'], env);
    expect(run.stderr).not.toContain('RUNWARE_API_KEY');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { status: string; costUSD: number; outputs: { path: string }[] };
    expect(result.status).toBe('done');
    expect(result.costUSD).toBe(0);
    const [output] = result.outputs;
    expect(output?.path.startsWith(join(temp.path, 'app data', 'demo', 'projects', 'Default'))).toBe(true);
    expect(await probeDuration(output?.path ?? '')).toBeCloseTo(3, 0);
    const project = await Project.open(join(temp.path, 'app data', 'demo', 'projects', 'Default'));
    expect(project.info.demo).toBe(true);
    // The real app data was not touched: no settings, caches or projects outside demo/.
    expect((await readdir(join(temp.path, 'app data'))).sort()).toEqual(['demo']);
  });

  it('refuses to write demo videos into a real project, before anything is made', async () => {
    const real = await Project.openOrCreate(join(temp.path, 'Real client'));
    const run = await runCli(
      ['generate', '--demo', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--end', '2', '--project', real.dir],
      env,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('The demo is running, so nothing is sent to Runware. Leave the demo to make videos in “Real client”.');
    expect(await readdir(join(real.dir, 'generations'))).toEqual([]);
    expect(JSON.parse(await readFile(join(real.dir, 'project.json'), 'utf8'))).toMatchObject({ demo: false });
  });
});
