import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outcomeOf, type TaskPoll } from '../../../electron/core/runware/poll-result.ts';
import type { RunwareClient } from '../../../electron/core/runware/runware-client.ts';
import { UploadCache } from '../../../electron/core/runware/upload-cache.ts';
import { FakeRunware } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { validateAuroraTask } from '../../../electron/core/runware-stand-in/aurora-rules.ts';
import { PORTRAIT, auroraTask, pollUntilDone, uploadInputs } from '../../support/runware-flow.ts';
import { clientFor } from '../../support/runware-test-client.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { probeDuration } from '../../../electron/core/runware-stand-in/video-maker.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('Runware client against the fake server', () => {
  let fake: FakeRunware;
  let client: RunwareClient;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;

  beforeAll(async () => {
    dir = await makeTempDir('runware client ');
  });
  afterAll(() => dir.cleanup());
  beforeEach(async () => {
    fake = await FakeRunware.start({ pollsBeforeSuccess: 2 });
    client = clientFor(fake);
  });
  afterEach(async () => {
    await client.close();
    await fake.close();
  });

  it('generates one take: upload, async ack, processing with progress, success with cost, real video', async () => {
    const inputs = await uploadInputs(client, 2);
    const task = auroraTask(inputs);
    expect(await client.submitVideo(task)).toEqual({ taskUUID: task.taskUUID, duplicate: false, reuploaded: false });

    const first = (await client.poll([task.taskUUID])).get(task.taskUUID) as TaskPoll;
    expect(first.known).toBe(true);
    expect(first.generations).toEqual([{ status: 'processing', progress: expect.any(Number) }]);

    const polls = await pollUntilDone(client, [{ taskUUID: task.taskUUID, expected: 1 }]);
    const [take] = (polls.get(task.taskUUID) as TaskPoll).generations;
    expect(take).toMatchObject({
      status: 'success',
      videoURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\/videos\/.+\.mp4$/),
      cost: 0.28,
    });
    if (take?.status !== 'success') throw new Error('no take');
    const dest = join(dir.path, 'take 1.mp4');
    const result = await client.download(take.videoURL, dest);
    expect(result.resumes).toBe(0);
    expect(await probeDuration(dest)).toBeCloseTo(2, 0);
    // Sent exactly as Runware wants it: async, cost included, URL output.
    expect(fake.tasks.get(task.taskUUID)?.request).toMatchObject({ deliveryMethod: 'async', includeCost: true, outputType: 'URL' });
  });

  it('returns four takes, each with its own video, partial results along the way', async () => {
    const inputs = await uploadInputs(client, 1);
    const task = auroraTask(inputs, { numberResults: 4 });
    await client.submitVideo(task);
    let sawPartial = false;
    let poll: TaskPoll | undefined;
    for (let i = 0; i < 20; i += 1) {
      poll = (await client.poll([task.taskUUID])).get(task.taskUUID);
      const done = poll?.generations.filter((g) => g.status === 'success').length ?? 0;
      if (done > 0 && done < 4) sawPartial = true;
      if (poll && outcomeOf(poll, 4) === 'succeeded') break;
    }
    expect(sawPartial).toBe(true);
    expect(poll && outcomeOf(poll, 4)).toBe('succeeded');
    const uuids = new Set(poll?.generations.map((g) => (g.status === 'success' ? g.videoUUID : null)));
    expect(uuids.size).toBe(4);
  });

  it('polls many tasks in one request', async () => {
    const inputs = await uploadInputs(client, 1);
    const tasks = [auroraTask(inputs), auroraTask(inputs), auroraTask(inputs, { numberResults: 2 })];
    for (const task of tasks) await client.submitVideo(task);
    const before = fake.countRequests('poll');
    const polls = await client.poll(tasks.map((t) => t.taskUUID));
    expect(fake.countRequests('poll') - before).toBe(1);
    const last = fake.requests.at(-1);
    expect(last?.tasks.map((t) => t.taskType)).toEqual(['getResponse', 'getResponse', 'getResponse']);
    expect([...polls.keys()]).toEqual(tasks.map((t) => t.taskUUID));
    expect([...polls.values()].every((p) => p.known)).toBe(true);
  });

  it('reports a task the server does not know as unknown (data: [] or taskNotFound)', async () => {
    const unknown = auroraTask({ image: 'x', audio: 'y' }).taskUUID;
    expect((await client.poll([unknown])).get(unknown)).toEqual({ taskUUID: unknown, known: false, generations: [] });
    const strict = await FakeRunware.start({ unknownTask: 'error' });
    const strictClient = clientFor(strict);
    expect((await strictClient.poll([unknown])).get(unknown)).toEqual({ taskUUID: unknown, known: false, generations: [] });
    await strictClient.close();
    await strict.close();
  });

  it('forgets a finished task after the retention window (expired)', async () => {
    const short = await FakeRunware.start({ pollsBeforeSuccess: 0, resultRetentionMs: 1_000 });
    const c = clientFor(short);
    const task = auroraTask(await uploadInputs(c, 1));
    await c.submitVideo(task);
    await pollUntilDone(c, [{ taskUUID: task.taskUUID, expected: 1 }]);
    short.advanceTime(5_000);
    expect((await c.poll([task.taskUUID])).get(task.taskUUID)?.known).toBe(false);
    await c.close();
    await short.close();
  });

  it('does not upload the same bytes twice, and keeps that across restarts via the cache file', async () => {
    const file = join(dir.path, 'upload-cache.json');
    const c1 = clientFor(fake, { cache: new UploadCache({ file }) });
    const first = await c1.uploadMedia(PORTRAIT);
    const uploads = fake.countRequests('upload');
    const second = await c1.uploadMedia(PORTRAIT);
    expect(second).toEqual({ mediaUUID: first.mediaUUID, cached: true });
    expect(fake.countRequests('upload')).toBe(uploads);
    const c2 = clientFor(fake, { cache: new UploadCache({ file }) });
    expect(await c2.uploadMedia(PORTRAIT)).toEqual({ mediaUUID: first.mediaUUID, cached: true });
    expect(fake.countRequests('upload')).toBe(uploads);
    const stale = clientFor(fake, { cache: new UploadCache({ file, now: () => Date.now() + 8 * 24 * 3600 * 1000 }) });
    expect((await stale.uploadMedia(PORTRAIT)).cached).toBe(false);
    await Promise.all([c1.close(), c2.close(), stale.close()]);
  });

  it('keeps cached uploads per endpoint and per key, and writes a hash of the key, never the key', async () => {
    const file = join(dir.path, 'scoped upload-cache.json');
    const otherKey = 'a-second-account-key-0987654321';
    const shared = await FakeRunware.start({ apiKeys: [fake.apiKey, otherKey] });
    const same = clientFor(fake, { cache: new UploadCache({ file }) });
    const elsewhere = clientFor(shared, { cache: new UploadCache({ file }) });
    const otherAccount = clientFor(shared, { key: otherKey, cache: new UploadCache({ file }) });
    try {
      expect((await same.uploadMedia(PORTRAIT)).cached).toBe(false);
      // Another endpoint, then another key on it: neither may reuse the first one's media UUID.
      expect((await elsewhere.uploadMedia(PORTRAIT)).cached).toBe(false);
      expect((await otherAccount.uploadMedia(PORTRAIT)).cached).toBe(false);
      expect((await otherAccount.uploadMedia(PORTRAIT)).cached).toBe(true);
      expect(shared.countRequests('upload')).toBe(2);
      const text = await readFile(file, 'utf8');
      expect(text).not.toContain(fake.apiKey);
      expect(text).not.toContain(otherKey);
      expect(Object.keys((JSON.parse(text) as { scopes: object }).scopes)).toHaveLength(3);
    } finally {
      await Promise.all([same.close(), elsewhere.close(), otherAccount.close()]);
      await shared.close();
    }
  });

  it('uploads again, once, when Runware no longer has an input', async () => {
    const inputs = await uploadInputs(client, 1);
    fake.expireMedia(inputs.audio);
    const task = auroraTask(inputs);
    const audioBytes = (await import('../../support/wav-tone.ts')).wavTone(1);
    const result = await client.submitVideo(task, {
      reupload: {
        cached: [],
        image: async () => inputs.image,
        audio: async () => {
          await client.forgetUpload(audioBytes);
          return (await client.uploadMedia(audioBytes)).mediaUUID;
        },
      },
    });
    expect(result).toEqual({ taskUUID: task.taskUUID, duplicate: false, reuploaded: true });
    expect(fake.acceptedSubmissions).toEqual([task.taskUUID]);
  });

  it('resumes a download cut mid-transfer and ends with a byte-identical file', async () => {
    const task = auroraTask(await uploadInputs(client, 3));
    await client.submitVideo(task);
    const polls = await pollUntilDone(client, [{ taskUUID: task.taskUUID, expected: 1 }]);
    const take = (polls.get(task.taskUUID) as TaskPoll).generations[0];
    if (take?.status !== 'success') throw new Error('no take');
    const original = await fetch(take.videoURL).then(async (r) => Buffer.from(await r.arrayBuffer()));
    fake.inject({ on: 'download', cutAfterBytes: Math.floor(original.length / 3) });
    fake.inject({ on: 'download', cutAfterBytes: Math.floor(original.length / 3) });
    const dest = join(dir.path, 'résumé take.mp4');
    const progress: number[] = [];
    const result = await client.download(take.videoURL, dest, { onProgress: (r) => progress.push(r) });
    expect(result.resumes).toBe(2);
    const saved = await readFile(dest);
    expect(saved.length).toBe(original.length);
    expect(sha(saved)).toBe(sha(original));
    const ranges = fake.requests.filter((r) => r.kind === 'download').map((r) => r.status);
    expect(ranges).toEqual([200, 200, 206, 206]);
    expect(Math.max(...progress)).toBe(original.length);
  });

  it('fails clearly when the result link expired before the download (ttl)', async () => {
    const task = auroraTask(await uploadInputs(client, 1), { ttl: 60 });
    await client.submitVideo(task);
    const polls = await pollUntilDone(client, [{ taskUUID: task.taskUUID, expected: 1 }]);
    const take = (polls.get(task.taskUUID) as TaskPoll).generations[0];
    if (take?.status !== 'success') throw new Error('no take');
    fake.advanceTime(61_000);
    const error = await client.download(take.videoURL, join(dir.path, 'late.mp4')).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'url_expired',
      category: 'not_found',
      retryable: false,
      message:
        'The video finished, but its download link had already expired, so the take could not be saved. Generate it again; Avatar Studio downloads takes the moment they finish.',
    });
  });

  it('produces WebM and MOV results when asked', async () => {
    const inputs = await uploadInputs(client, 1);
    const webm = auroraTask(inputs, { outputFormat: 'WEBM' });
    const mov = auroraTask(inputs, { outputFormat: 'MOV' });
    await client.submitVideo(webm);
    await client.submitVideo(mov);
    const polls = await pollUntilDone(client, [
      { taskUUID: webm.taskUUID, expected: 1 },
      { taskUUID: mov.taskUUID, expected: 1 },
    ]);
    const url = (uuid: string) => {
      const g = polls.get(uuid)?.generations[0];
      return g?.status === 'success' ? g.videoURL : '';
    };
    expect(url(webm.taskUUID)).toMatch(/\.webm$/);
    expect(url(mov.taskUUID)).toMatch(/\.mov$/);
  });

  it('conformance: every request the client sends passes the fake’s strict validation', async () => {
    const inputs = await uploadInputs(client, 1);
    const variants = [
      auroraTask(inputs),
      auroraTask(inputs, { numberResults: 4, outputFormat: 'WEBM', outputQuality: 20, CFGScale: 0 }),
      auroraTask(inputs, { numberResults: 1, outputFormat: 'MOV', outputQuality: 99, CFGScale: 10, positivePrompt: 'ok' }),
      auroraTask(inputs, { positivePrompt: 'p'.repeat(3000), safety: { checkContent: true, mode: 'full' }, ttl: 60 }),
      auroraTask(inputs, { webhookURL: `${fake.origin}/sink/hook`, uploadEndpoint: `${fake.origin}/sink/put` }),
    ];
    for (const task of variants) {
      await client.submitVideo(task);
      const sent = fake.tasks.get(task.taskUUID)?.request;
      expect(sent, task.taskUUID).toBeDefined();
      expect(validateAuroraTask(sent as Record<string, unknown>)).toBeNull();
    }
    expect(fake.requests.filter((r) => r.kind === 'submit').every((r) => r.status === 200)).toBe(true);
  });

  it('delivers webhooks and PUTs to the upload endpoint when asked', async () => {
    const task = auroraTask(await uploadInputs(client, 1), {
      webhookURL: `${fake.origin}/sink/hook`,
      uploadEndpoint: `${fake.origin}/sink/put`,
    });
    await client.submitVideo(task);
    await pollUntilDone(client, [{ taskUUID: task.taskUUID, expected: 1 }]);
    await expect.poll(() => fake.webhookDeliveries.length).toBe(1);
    expect(fake.webhookDeliveries[0]).toMatchObject({ status: 200, body: { taskUUID: task.taskUUID, taskType: 'videoInference' } });
    await expect.poll(() => fake.uploadsToEndpoint.length).toBe(1);
    expect(fake.uploadsToEndpoint[0]?.bytes).toBeGreaterThan(1000);
  });

  it('checks a key with one cheap request', async () => {
    const checked = await client.checkKey();
    expect(checked.latencyMs).toBeGreaterThanOrEqual(0);
    expect(Number.isNaN(Date.parse(checked.serverDate ?? ''))).toBe(false);
    expect(fake.requests.at(-1)?.tasks).toEqual([{ taskType: 'getResponse', taskUUID: expect.any(String) }]);
    expect(fake.acceptedSubmissions).toEqual([]);
  });
});
