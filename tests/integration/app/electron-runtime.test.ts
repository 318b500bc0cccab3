import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCRIPT = join(ROOT, 'bin/electron-runtime.js');
const PATH_FILE = join(ROOT, 'node_modules/electron/path.txt');

/** Runs the pre-launch check the way `npm start` does, with nothing able to reach the internet. */
function check(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [SCRIPT],
      // A closed local port stands in for GitHub: a download fails at once, and never leaves the machine.
      { env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', ...env }, timeout: 30_000 },
      (error, _stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

describe('the Electron runtime check before launch', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lets the launch go on when the runtime is on disk', async () => {
    dir = await mkdtemp(join(tmpdir(), 'runtime-'));
    const recorded = existsSync(PATH_FILE) ? readFileSync(PATH_FILE, 'utf8').trim() : 'electron';
    await mkdir(dirname(join(dir, recorded)), { recursive: true });
    await writeFile(join(dir, recorded), '');
    const result = await check({ ELECTRON_OVERRIDE_DIST_PATH: dir });
    expect(result).toEqual({ code: 0, stderr: '' });
  });

  it('says where it looked when the runtime is missing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'runtime-'));
    const result = await check({ ELECTRON_OVERRIDE_DIST_PATH: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the Electron runtime is missing (looked for ${dir}`);
    expect(result.stderr).toContain('then run\n`npm start` again');
  });

  // Where the runtime has been downloaded already there is nothing to download.
  it.skipIf(existsSync(PATH_FILE))('explains a failed first download instead of "Electron uninstall"', async () => {
    dir = await mkdtemp(join(tmpdir(), 'electron-cache-'));
    const result = await check({ electron_config_cache: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Avatar Studio cannot open its window: the Electron runtime could not be downloaded.');
    expect(result.stderr).toContain('ELECTRON_MIRROR');
    expect(result.stderr).toContain('`npm test` work without it');
    expect(existsSync(PATH_FILE)).toBe(false);
  });
});
