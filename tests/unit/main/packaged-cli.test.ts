import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cliArguments, runPackagedCli } from '../../../electron/main/cli-entry.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';

const fake = await vi.hoisted(async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const { fakeElectron } = await import('../../support/fake-electron.ts');
  return fakeElectron({ userData: mkdtempSync(path.join(tmpdir(), 'studio packaged cli ')) });
});
vi.mock('electron', () => fake.module);

const home = mkdtempSync(join(tmpdir(), 'packaged cli home '));
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(fake.module.app.getPath('userData'), { recursive: true, force: true });
});

/** The dispatcher as main calls it, with what it printed and the code it exited with. */
async function dispatch(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const exits: number[] = [];
  let hidden = false;
  const code = await runPackagedCli(args, {
    exit: (c) => void exits.push(c),
    hideDock: () => void (hidden = true),
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    env: { HOME: home, AVATAR_STUDIO_DATA: join(home, 'app data'), PATH: process.env.PATH, RUNWARE_API_URL: 'http://127.0.0.1:9/v1' },
  });
  return { code, exits, stdout: out.join(''), stderr: err.join(''), hidden };
}

describe('the command line of a packaged app (--cli)', () => {
  it('finds the command after --cli, and nothing when started as a window', () => {
    expect(cliArguments(['/opt/Avatar Studio/avatar-studio', '--cli', 'doctor', '--json'])).toEqual(['doctor', '--json']);
    expect(cliArguments(['/opt/Avatar Studio/avatar-studio', '--demo'])).toBe(null);
  });

  it('is what main runs for `avatar-studio --cli …`: no window, no single-instance lock, the exit code passed on', async () => {
    const argv = process.argv;
    const write = process.stdout.write.bind(process.stdout);
    const printed: string[] = [];
    process.argv = [argv[0] ?? 'electron', '/opt/Avatar Studio/resources/app.asar', '--cli', '--help'];
    process.stdout.write = (chunk: string) => (printed.push(String(chunk)), true);
    try {
      await import('../../../electron/main/index.ts');
      await vi.waitFor(() => expect(fake.exits).toEqual([0]));
    } finally {
      process.argv = argv;
      process.stdout.write = write;
    }
    expect(printed.join('')).toContain('Usage:');
    expect(fake.windows).toEqual([]);
    expect(fake.handles.size).toBe(0);
  });

  it('answers --help with the usage and exits 0, with no window and no Dock icon', async () => {
    const run = await dispatch(['--help']);
    expect(run.code).toBe(0);
    expect(run.exits).toEqual([0]);
    expect(run.hidden).toBe(true);
    expect(run.stdout).toContain('avatar-studio generate --image <file>|--portrait-prompt <text>');
    expect(fake.windows).toEqual([]);
  });

  it('runs the same engine with the same exit codes: 2 for a usage mistake, 0 for a demo generation', async () => {
    const bad = await dispatch(['generate', '--image', MONALISA_JPG]);
    expect(bad.exits).toEqual([2]);
    expect(bad.stderr).toContain('--audio');
    const made = await dispatch(['generate', '--demo', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--end', '2', '--json']);
    expect(made.exits).toEqual([0]);
    expect(JSON.parse(made.stdout)).toMatchObject({ status: 'done', costUSD: 0 });
  }, 60_000);
});
