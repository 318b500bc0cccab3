import { chmod, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeRunware } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';
import { fastAppData, runCli } from '../../support/cli-runner.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/**
 * A stand-in ffmpeg (and ffprobe) that writes down the environment it was started with,
 * then runs the real one: through a whole generation by the real command line, none of
 * them ever sees the API key or anything else of the person's environment.
 */
describe('ffmpeg runs with a minimal environment', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let fake: FakeRunware;
  let seen: string;

  beforeAll(async () => {
    temp = await makeTempDir('tool env ');
    fake = await FakeRunware.start({ pollsBeforeSuccess: 1 });
    seen = join(temp.path, 'seen');
    for (const tool of ['ffmpeg', 'ffprobe']) {
      const script = join(temp.path, tool);
      await writeFile(script, `#!/bin/sh\nenv > "${seen}.$$"\nexec /usr/bin/${tool} "$@"\n`);
      await chmod(script, 0o755);
    }
  });
  afterAll(async () => {
    await fake.close();
    await temp.cleanup();
  });

  it('never passes the key, tokens or other variables of the person to ffmpeg or ffprobe', async () => {
    const env = {
      RUNWARE_API_URL: fake.url,
      RUNWARE_API_KEY: fake.apiKey,
      AVATAR_STUDIO_DATA: await fastAppData(join(temp.path, 'data')),
      HOME: temp.path,
      FFMPEG_PATH: join(temp.path, 'ffmpeg'),
      FFPROBE_PATH: join(temp.path, 'ffprobe'),
      AWS_SECRET_ACCESS_KEY: 'aws-secret-value',
      GITHUB_TOKEN: 'ghp_secret_value',
      LANG: 'C.UTF-8',
    };
    const run = await runCli(
      ['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--end', '2', '--project', join(temp.path, 'project')],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const records = (await readdir(temp.path)).filter((n) => n.startsWith('seen.'));
    // Probing, preparing, verifying and the poster: many runs, every one recorded.
    expect(records.length).toBeGreaterThan(4);
    for (const name of records) {
      const text = await readFile(join(temp.path, name), 'utf8');
      const keys = text
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('=')[0] ?? '');
      expect(text).not.toContain(fake.apiKey);
      expect(text).not.toMatch(/aws-secret-value|ghp_secret_value/);
      expect(keys).toContain('PATH');
      expect(keys).toContain('LANG');
      // What the shell adds itself (PWD, SHLVL, _) is all there is beside the kept variables.
      expect(keys.filter((k) => !/^(PATH|LANG|LANGUAGE|LC_\w+|TMPDIR|TEMP|TMP|PWD|SHLVL|_)$/.test(k))).toEqual([]);
    }
  });
});
