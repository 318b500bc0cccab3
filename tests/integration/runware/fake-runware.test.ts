import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeRunware } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';
import { wavTone } from '../../support/wav-tone.ts';

/** The fake itself must behave like Runware, or the client tests prove nothing. */
describe('the fake Runware server', () => {
  let fake: FakeRunware;
  const post = async (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${fake.apiKey}` }) => {
    const response = await fetch(fake.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: Record<string, unknown>[]; errors?: Record<string, unknown>[] },
    };
  };
  const upload = async (bytes: Buffer) => {
    const r = await post([{ taskType: 'mediaStorage', taskUUID: randomUUID(), operation: 'upload', media: bytes.toString('base64') }]);
    return r.body.data?.[0]?.mediaUUID as string;
  };
  const aurora = (inputs: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    taskType: 'videoInference',
    taskUUID: randomUUID(),
    model: 'creatify:aurora@0',
    deliveryMethod: 'async',
    inputs,
    ...extra,
  });

  beforeAll(async () => {
    fake = await FakeRunware.start();
  });
  afterAll(() => fake.close());

  it('authenticates with an authentication task instead of the header', async () => {
    const ok = await post(
      [
        { taskType: 'authentication', apiKey: fake.apiKey },
        { taskType: 'getResponse', taskUUID: randomUUID() },
      ],
      {},
    );
    expect(ok).toEqual({ status: 200, body: { data: [] } });
    const bad = await post([{ taskType: 'getResponse', taskUUID: randomUUID() }], {});
    expect(bad.status).toBe(401);
    expect(bad.body.errors?.[0]).toMatchObject({
      code: 'invalidApiKey',
      message: 'Invalid API key. Get one at https://my.runware.ai/signup',
    });
  });

  it('refuses a body that is not an array', async () => {
    expect((await post({ taskType: 'getResponse' })).status).toBe(400);
  });

  it('answers a mixed batch with data and errors side by side', async () => {
    const image = await upload(readFileSync(MONALISA_JPG));
    const audio = await upload(wavTone(1));
    const good = aurora({ image, audio });
    const bad = aurora({ image, audio }, { outputQuality: 5 });
    const r = await post([good, bad]);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual([{ taskType: 'videoInference', taskUUID: good.taskUUID }]);
    expect(r.body.errors?.[0]).toMatchObject({
      code: 'invalidOutputQuality',
      parameter: 'outputQuality',
      taskUUID: bad.taskUUID,
      min: 20,
      max: 99,
    });
  });

  it('rejects unknown parameters, FLAC audio, audio over 60 s, and a reused taskUUID', async () => {
    const image = await upload(readFileSync(MONALISA_JPG));
    const audio = await upload(wavTone(1));
    expect((await post([aurora({ image, audio }, { seed: 1 })])).body.errors?.[0]).toMatchObject({
      code: 'unsupportedParameter',
      parameter: 'seed',
    });
    const flac = await upload(readFileSync(JFK_FLAC));
    expect((await post([aurora({ image, audio: flac })])).body.errors?.[0]).toMatchObject({
      code: 'unsupportedAudioFormat',
      parameter: 'inputs.audio',
    });
    const long = await upload(wavTone(61, { sampleRate: 8000 }));
    expect((await post([aurora({ image, audio: long })])).body.errors?.[0]).toMatchObject({ code: 'invalidAudioDuration', max: 60 });
    const task = aurora({ image, audio });
    expect((await post([task])).status).toBe(200);
    expect((await post([task])).body.errors?.[0]).toMatchObject({ code: 'conflictTaskUUID' });
  });

  it('prices a dry run without creating a task', async () => {
    const image = await upload(readFileSync(MONALISA_JPG));
    const audio = await upload(wavTone(5.5));
    const task = aurora({ image, audio }, { numberResults: 2 });
    const r = await post([task], { authorization: `Bearer ${fake.apiKey}`, 'x-runware-dry-run': '1' });
    expect(r.body.data?.[0]).toMatchObject({ taskUUID: task.taskUUID, cost: 1.68 });
    expect(fake.tasks.has(task.taskUUID)).toBe(false);
  });

  it('supports imageUpload and mediaStorage delete', async () => {
    const r = await post([
      { taskType: 'imageUpload', taskUUID: randomUUID(), image: `data:image/jpeg;base64,${readFileSync(MONALISA_JPG).toString('base64')}` },
    ]);
    expect(r.body.data?.[0]).toMatchObject({
      taskType: 'imageUpload',
      imageUUID: expect.any(String),
      imageURL: expect.stringContaining('/files/uploads/'),
    });
    const uuid = r.body.data?.[0]?.imageUUID as string;
    const del = await post([{ taskType: 'mediaStorage', taskUUID: randomUUID(), operation: 'delete', media: uuid }]);
    expect(del.body.data?.[0]).toMatchObject({ operation: 'delete', mediaUUID: uuid });
    expect(
      (await post([{ taskType: 'mediaStorage', taskUUID: randomUUID(), operation: 'delete', media: uuid }])).body.errors?.[0],
    ).toMatchObject({ code: 'mediaNotFound' });
  });

  it('serves result files with Range and 404s them after their ttl', async () => {
    const image = await upload(readFileSync(MONALISA_JPG));
    const audio = await upload(wavTone(1));
    const task = aurora({ image, audio }, { ttl: 120 });
    await post([task]);
    let url = '';
    for (let i = 0; i < 10 && !url; i += 1) {
      const r = await post([{ taskType: 'getResponse', taskUUID: task.taskUUID }]);
      const videoURL: unknown = r.body.data?.[0]?.videoURL;
      url = typeof videoURL === 'string' ? videoURL : '';
    }
    const part = await fetch(url, { headers: { range: 'bytes=0-9' } });
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(10);
    fake.advanceTime(121_000);
    expect((await fetch(url)).status).toBe(404);
  });

  it('takes the portrait inline, as raw base64 or a data URI (what the spec allows and the TypeScript SDK sends)', async () => {
    const audio = await upload(wavTone(1));
    const jpeg = readFileSync(MONALISA_JPG).toString('base64');
    for (const image of [jpeg, `data:image/jpeg;base64,${jpeg}`]) {
      const task = aurora({ image, audio });
      expect((await post([task])).status).toBe(200);
      let status = '';
      for (let i = 0; i < 10 && status !== 'success'; i += 1) {
        const r = await post([{ taskType: 'getResponse', taskUUID: task.taskUUID }]);
        status = String(r.body.data?.[0]?.status);
      }
      expect(status).toBe('success');
      expect(fake.tasks.get(task.taskUUID)?.inputs.image.kind).toBe('jpeg');
    }
    // Aurora's audio is a media UUID or a URL only.
    const inline = await post([aurora({ image: jpeg, audio: wavTone(1).toString('base64') })]);
    expect(inline.status).toBe(400);
    expect(inline.body.errors?.[0]).toMatchObject({ code: 'invalidInputsAudio', parameter: 'inputs.audio' });
  });

  it('answers getTaskDetails with the original request and response, and batches of polls in each mode', async () => {
    const image = await upload(readFileSync(MONALISA_JPG));
    const audio = await upload(wavTone(1));
    const tasks = [aurora({ image, audio }), aurora({ image, audio })];
    await post(tasks);
    const details = await post([{ taskType: 'getTaskDetails', taskUUID: tasks[0]?.taskUUID }]);
    expect(details.body.data?.[0]).toMatchObject({
      taskType: 'getTaskDetails',
      taskUUID: tasks[0]?.taskUUID,
      request: [expect.objectContaining({ taskType: 'videoInference', model: 'creatify:aurora@0' })],
      response: { data: [{ taskType: 'videoInference', taskUUID: tasks[0]?.taskUUID }] },
    });
    const polls = tasks.map((t) => ({ taskType: 'getResponse', taskUUID: t.taskUUID }));
    const uuidsIn = (r: Awaited<ReturnType<typeof post>>) => new Set((r.body.data ?? []).map((d) => d.taskUUID));
    expect(uuidsIn(await post(polls)).size).toBe(2);
    fake.options.pollBatching = 'first-only';
    expect([...uuidsIn(await post(polls))]).toEqual([tasks[0]?.taskUUID]);
    fake.options.pollBatching = 'refuse';
    expect((await post(polls)).status).toBe(400);
    expect((await post(polls.slice(0, 1))).status).toBe(200);
    fake.options.pollBatching = 'full';
  });
});
