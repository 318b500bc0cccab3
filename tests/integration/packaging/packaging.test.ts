import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { access, chmod, constants, cp, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

/** Why the packaging test cannot run here, or null when it can. */
function cannotRun(): string | null {
  try {
    createRequire(import.meta.url).resolve('electron-builder/package.json');
  } catch {
    return 'electron-builder is not installed (npm install)';
  }
  if (!existsSync(join(ROOT, 'out/main/index.js'))) return 'the app is not built (npm run build)';
  if (process.platform === 'win32') return 'the stand-in Electron is a shell script';
  return null;
}
const reason = cannotRun();
if (reason) console.warn(`Packaging test skipped: ${reason}.`);

/**
 * electron-builder for real, `--dir` only, on a copy of the built app with a stand-in for
 * the Electron runtime (which cannot be downloaded here) and for ffmpeg-static: the layout
 * of what would ship is what is checked.
 */
describe.skipIf(reason !== null)('the packaged app (electron-builder --dir)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let appDir: string;
  beforeAll(async () => {
    temp = await makeTempDir('packaging ');
    const project = join(temp.path, 'project');
    await mkdir(project);
    for (const item of ['out', 'resources', 'electron-builder.config.cjs'])
      await cp(join(ROOT, item), join(project, item), { recursive: true });
    // Files that must never ship, placed where a careless glob would pick them up.
    for (const stray of ['tests/secret.test.ts', 'bench/run.ts', 'electron/core/app/backend.ts', 'out/main/index.js.map']) {
      await mkdir(join(project, stray, '..'), { recursive: true });
      await writeFile(join(project, stray), '// must not ship\n');
    }
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'avatar-studio',
        productName: 'Avatar Studio',
        version: '0.1.0',
        description: 'x',
        author: 'Avatar Studio',
        main: 'out/main/index.js',
        dependencies: { 'ffmpeg-static': '5.3.0' },
      }),
    );
    const ffmpegStatic = join(project, 'node_modules', 'ffmpeg-static');
    await mkdir(ffmpegStatic, { recursive: true });
    await writeFile(join(ffmpegStatic, 'package.json'), JSON.stringify({ name: 'ffmpeg-static', version: '5.3.0', main: 'index.js' }));
    await writeFile(join(ffmpegStatic, 'index.js'), "module.exports = require('path').join(__dirname, 'ffmpeg');\n");
    await writeFile(join(ffmpegStatic, 'ffmpeg'), '#!/bin/sh\necho ffmpeg version stand-in\n');
    await chmod(join(ffmpegStatic, 'ffmpeg'), 0o755);
    const electronDist = join(temp.path, 'electron-dist');
    await mkdir(electronDist);
    await writeFile(join(electronDist, 'electron'), '#!/bin/sh\necho stand-in electron "$@"\n');
    await chmod(join(electronDist, 'electron'), 0o755);
    const builder = join(ROOT, 'node_modules', '.bin', 'electron-builder');
    await run(
      builder,
      [
        '--config',
        'electron-builder.config.cjs',
        '--dir',
        '--linux',
        '--x64',
        '--projectDir',
        project,
        `-c.electronDist=${electronDist}`,
        '-c.electronVersion=45.4.1',
        `-c.directories.output=${join(temp.path, 'dist')}`,
      ],
      // Fuses are flipped inside the real Electron binary: the stand-in has none to flip.
      { cwd: project, env: { ...process.env, AVATAR_STUDIO_NO_FUSES: '1', CI: 'true' }, timeout: 240_000 },
    );
    appDir = join(temp.path, 'dist', 'linux-unpacked');
  }, 300_000);
  afterAll(() => temp?.cleanup());

  it('holds the built app in resources/app.asar, and nothing of the sources, tests or benchmarks', () => {
    const files = listPackage(join(appDir, 'resources', 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
    for (const needed of [
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/package.json',
      '/resources/icon.png',
    ]) {
      expect(files).toContain(needed);
    }
    expect(files.filter((f) => /^\/(tests|bench|electron|renderer|shared)\//.test(f) || f.endsWith('.map'))).toEqual([]);
  });

  it('unpacks ffmpeg beside the archive so it can run, and ships the command-line launcher', async () => {
    const ffmpeg = join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'ffmpeg-static', 'ffmpeg');
    await access(ffmpeg, constants.X_OK);
    const { stdout } = await run(ffmpeg, []);
    expect(stdout.trim()).toBe('ffmpeg version stand-in');
    await access(join(appDir, 'resources', 'cli', 'avatar-studio'), constants.X_OK);
    expect(existsSync(join(appDir, 'avatar-studio'))).toBe(true);
  });
});
