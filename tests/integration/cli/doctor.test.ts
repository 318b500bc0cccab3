import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DOCTOR_CHECK_IDS, DoctorReportSchema, type DoctorReport } from '../../../shared/doctor.ts';
import { FakeRunware, type FakeRunwareOptions } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';
import { fastAppData, runCli } from '../../support/cli-runner.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/**
 * `doctor` checks a setup and an account without spending anything, prints what it found,
 * exits 0 only when everything required works, and stores what it learned about the
 * endpoint so the queue uses it.
 */
describe('doctor', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let fake: FakeRunware | undefined;
  beforeAll(async () => {
    temp = await makeTempDir('doctor ');
  });
  afterAll(() => temp.cleanup());
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function setup(options: FakeRunwareOptions = {}) {
    fake = await FakeRunware.start({ pollsBeforeSuccess: 1, ...options });
    const appData = await fastAppData(join(temp.path, `app data ${Math.random()}`));
    const env = { RUNWARE_API_URL: fake.url, RUNWARE_API_KEY: fake.apiKey, AVATAR_STUDIO_DATA: appData, HOME: temp.path };
    return { fake, appData, env };
  }

  async function doctor(env: NodeJS.ProcessEnv): Promise<{ code: number | null; report: DoctorReport; stdout: string }> {
    const run = await runCli(['doctor', '--json'], env);
    const report = DoctorReportSchema.parse(JSON.parse(run.stdout));
    return { code: run.code, report, stdout: run.stdout };
  }

  const check = (report: DoctorReport, id: string) => report.checks.find((c) => c.id === id);

  it('passes on a working setup, sends nothing billable, and never prints the key', async () => {
    const { fake: server, env } = await setup();
    const { code, report, stdout } = await doctor(env);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual(DOCTOR_CHECK_IDS.filter((id) => report.checks.some((c) => c.id === id)));
    // The fake dates its answers by this machine's clock, so the clock check passes too.
    for (const id of DOCTOR_CHECK_IDS) {
      expect(check(report, id), id).toMatchObject({ ok: true });
    }
    expect(check(report, 'ffmpeg')?.detail).toMatch(/^ffmpeg version /);
    expect(check(report, 'endpoint')?.detail).toMatch(/answered in \d+ ms/);
    expect(check(report, 'poll-batching')?.warning).toBeUndefined();
    expect(stdout).not.toContain(server.apiKey);
    expect(server.acceptedSubmissions).toEqual([]);
    expect(server.requests.every((r) => r.tasks.every((t) => t.taskType === 'getResponse' || t.taskType === 'getTaskDetails'))).toBe(true);
  });

  it('batched polls refused: a warning, exit 0, and the next generation polls one task per request from the start', async () => {
    const { fake: server, env, appData } = await setup({ pollBatching: 'refuse' });
    const { code, report } = await doctor(env);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(check(report, 'poll-batching')).toMatchObject({ ok: true, warning: true });
    expect(check(report, 'poll-batching')?.detail).toMatch(/the app will poll one task at a time/);
    const findings = JSON.parse(await readFile(join(appData, 'runware-findings.json'), 'utf8')) as {
      endpoints: Record<string, { pollBatching?: { supported: boolean } }>;
    };
    expect(findings.endpoints[server.url]?.pollBatching?.supported).toBe(false);

    const project = join(temp.path, 'after doctor');
    const before = server.requests.length;
    const run = await runCli(['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--end', '2', '--project', project, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const polls = server.requests.slice(before).filter((r) => r.kind === 'poll');
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((r) => r.tasks.length === 1 && r.status === 200)).toBe(true);
  });

  it('a key Runware refuses, even inside a 200: exit 1, in words that say what to do', async () => {
    const { env } = await setup();
    const { code, report, stdout } = await doctor({ ...env, RUNWARE_API_KEY: 'not-the-right-key-1234567890' });
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(check(report, 'key-accepted')).toMatchObject({ ok: false });
    expect(check(report, 'key-accepted')?.detail).toMatch(/^Runware rejected this key\. Check it, or create a new one/);
    expect(stdout).not.toContain('not-the-right-key-1234567890');
  });

  it('no key: exit 1, and the account checks say why they did not run', async () => {
    const { env } = await setup();
    const { code, report } = await doctor({ ...env, RUNWARE_API_KEY: '' });
    expect(code).toBe(1);
    expect(check(report, 'api-key')).toMatchObject({ ok: false });
    expect(check(report, 'endpoint')).toMatchObject({ ok: true });
    expect(check(report, 'key-accepted')?.detail).toBe('Not checked: there is no key to check with.');
  });

  it('an endpoint nobody answers at: exit 1, naming it', async () => {
    const { env } = await setup();
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    const url = `http://127.0.0.1:${port}/v1`;
    const { code, report } = await doctor({ ...env, RUNWARE_API_URL: url });
    expect(code).toBe(1);
    expect(check(report, 'endpoint')?.ok).toBe(false);
    expect(check(report, 'endpoint')?.detail).toContain(`${url} could not be reached`);
    expect(check(report, 'ffmpeg')?.ok).toBe(true);
  });

  it('getTaskDetails not answered: exit 1, saying what that means for a crash', async () => {
    const { env } = await setup({ taskDetails: false });
    const { code, report } = await doctor(env);
    expect(code).toBe(1);
    expect(check(report, 'task-details')).toMatchObject({ ok: false });
    expect(check(report, 'task-details')?.detail).toMatch(/will not be resent, to avoid paying twice/);
  });

  it('prints a table without --json', async () => {
    const { env } = await setup();
    const run = await runCli(['doctor'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ffmpeg\s+ok\s+ffmpeg version /m);
    expect(run.stdout).toMatch(/^poll-batching\s+ok\s+Supported/m);
    expect(run.stdout).toContain('Everything Avatar Studio needs works.');
  });
});
