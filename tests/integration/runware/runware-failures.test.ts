import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redactor } from '../../../electron/core/logging/redactor.ts';
import type { TaskPoll } from '../../../electron/core/runware/poll-result.ts';
import type { RunwareClient } from '../../../electron/core/runware/runware-client.ts';
import { RunwareError } from '../../../electron/core/runware/runware-error.ts';
import { FakeRunware } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { recordingLogger } from '../../support/recording-logger.ts';
import { auroraTask, pollUntilDone, uploadInputs } from '../../support/runware-flow.ts';
import { clientFor } from '../../support/runware-test-client.ts';

async function rejection(promise: Promise<unknown>): Promise<RunwareError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof RunwareError)) throw new Error(`expected a RunwareError, got ${String(error)}`);
  return error;
}

describe('Runware failures', () => {
  let fake: FakeRunware;
  let client: RunwareClient;
  beforeEach(async () => {
    fake = await FakeRunware.start({ pollsBeforeSuccess: 1 });
    client = clientFor(fake);
  });
  afterEach(async () => {
    await client.close();
    await fake.close();
  });

  describe('each category reaches the person as a message they can act on', () => {
    it('auth: a rejected key (401), not retried', async () => {
      const bad = clientFor(fake, { key: 'wrong-key-wrong-key-wrong' });
      const error = await rejection(bad.checkKey());
      expect(error.fields()).toMatchObject({
        code: 'invalidApiKey',
        category: 'auth',
        retryable: false,
        httpStatus: 401,
        parameter: 'apiKey',
      });
      expect(error.message).toBe('Runware rejected this key. Check it, or create a new one on the API Keys page at my.runware.ai.');
      expect(fake.requests.filter((r) => r.status === 401)).toHaveLength(1);
      await bad.close();
    });

    it('auth: no key at all never leaves the machine', async () => {
      const none = clientFor(fake, { key: null });
      const error = await rejection(none.checkKey());
      expect(error.message).toBe('No Runware API key is set. Add your key in Settings (or set RUNWARE_API_KEY for the command line).');
      expect(fake.requests).toHaveLength(0);
      await none.close();
    });

    it('auth: a key without permission (403)', async () => {
      fake.inject({ on: 'poll', status: 403, code: 'forbidden' });
      const error = await rejection(client.checkKey());
      expect(error.fields()).toMatchObject({ category: 'auth', retryable: false, httpStatus: 403 });
      expect(error.message).toBe(
        "Runware refused this key permission for this request. Check the key's permissions on the API Keys page at my.runware.ai.",
      );
    });

    it('credits: 402 is not retried and says to top up', async () => {
      const inputs = await uploadInputs(client, 2);
      fake.creditsUSD = 0.1;
      const error = await rejection(client.submitVideo(auroraTask(inputs)));
      expect(error.fields()).toMatchObject({ code: 'insufficientCredits', category: 'credits', retryable: false, httpStatus: 402 });
      expect(error.message).toBe(
        'Your Runware balance is too low for this generation. Top up your account at my.runware.ai, then try again.',
      );
      expect(fake.requests.filter((r) => r.kind === 'submit')).toHaveLength(1);
    });

    it('validation: 400 names the parameter, with Runware’s words, not retried', async () => {
      const inputs = await uploadInputs(client, 1);
      fake.inject({ on: 'submit', status: 400, code: 'unsupportedParameter' });
      const error = await rejection(client.submitVideo(auroraTask(inputs)));
      expect(error.fields()).toMatchObject({ category: 'validation', retryable: false, httpStatus: 400 });
      expect(fake.requests.filter((r) => r.kind === 'submit')).toHaveLength(1);
      // The real validator's answer carries the parameter.
      fake.expireMedia(inputs.image);
      const missing = await rejection(client.submitVideo(auroraTask(inputs)));
      expect(missing.message).toBe(
        'Runware no longer has what was asked for. Runware said: “The media for inputs.image was not found or has expired.”',
      );
      expect(missing.parameter).toBe('inputs.image');
    });

    it('validation: an out-of-range value is refused locally, before any request', async () => {
      const before = fake.requests.length;
      const error = await rejection(
        client.submitVideo(auroraTask({ image: crypto.randomUUID(), audio: crypto.randomUUID() }, { outputQuality: 100 })),
      );
      expect(error.fields()).toMatchObject({
        code: 'invalid_parameter',
        category: 'validation',
        parameter: 'outputQuality',
        httpStatus: 0,
      });
      expect(error.message).toBe('Quality must be from 20 to 99 (got 100).');
      const cfg = await rejection(
        client.submitVideo(auroraTask({ image: crypto.randomUUID(), audio: crypto.randomUUID() }, { CFGScale: 1.005 })),
      );
      expect(cfg.message).toBe('CFG scale must be in steps of 0.01 (got 1.005).');
      const prompt = await rejection(
        client.submitVideo(auroraTask({ image: crypto.randomUUID(), audio: crypto.randomUUID() }, { positivePrompt: 'x' })),
      );
      expect(prompt.message).toBe('The prompt must be 2–3000 characters long (it has 1), or left empty.');
      expect(fake.requests.length).toBe(before);
    });

    it('safety: a blocked prompt', async () => {
      const inputs = await uploadInputs(client, 1);
      const error = await rejection(client.submitVideo(auroraTask(inputs, { positivePrompt: 'please [blocked]' })));
      expect(error.fields()).toMatchObject({ code: 'contentPolicyViolation', category: 'safety', retryable: false });
      expect(error.message).toBe(
        "Runware's content check blocked this request. Runware said: “The prompt was blocked by the content policy.” Use a different portrait, audio or prompt.",
      );
    });

    it('timeout: a generation the provider gave up on, in the documented errors shape', async () => {
      const inputs = await uploadInputs(client, 1);
      const task = auroraTask(inputs);
      fake.failTask(task.taskUUID, { code: 'timeoutProvider', shape: 'errors' });
      await client.submitVideo(task);
      const poll = (await pollUntilDone(client, [{ taskUUID: task.taskUUID, expected: 1 }])).get(task.taskUUID) as TaskPoll;
      const [generation] = poll.generations;
      expect(generation?.status).toBe('error');
      if (generation?.status !== 'error') return;
      expect(generation.error.fields()).toMatchObject({ code: 'timeoutProvider', category: 'timeout', taskUUID: task.taskUUID });
      expect(generation.error.message).toBe(
        'Runware or its model provider did not answer in time. Runware said: “The external provider did not respond within the timeout window.” Try again in a few minutes.',
      );
    });

    it('provider: a failure in the in-data shape ({status:"error", error:{…}}), one take of two', async () => {
      const inputs = await uploadInputs(client, 1);
      const task = auroraTask(inputs, { numberResults: 2 });
      fake.failTask(task.taskUUID, { code: 'providerError', message: 'GPU fell over', shape: 'data', generations: [1] });
      await client.submitVideo(task);
      const poll = (await pollUntilDone(client, [{ taskUUID: task.taskUUID, expected: 2 }])).get(task.taskUUID) as TaskPoll;
      expect(poll.generations.map((g) => g.status).sort()).toEqual(['error', 'success']);
      const failed = poll.generations.find((g) => g.status === 'error');
      expect(failed?.status === 'error' && failed.error.category).toBe('provider');
      expect(failed?.status === 'error' && failed.error.message).toBe(
        'The model provider behind Runware failed. Runware said: “GPU fell over.” Try again in a few minutes.',
      );
    });

    it('network: an unreachable server', async () => {
      const port = new URL(fake.url).port;
      await fake.close();
      const gone = clientFor(fake, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 10 } });
      const error = await rejection(gone.checkKey());
      expect(error.fields()).toMatchObject({ category: 'network', retryable: true, httpStatus: 0 });
      expect(error.message).toBe(
        'The key could not be checked because Runware could not be reached. Check your internet connection and try again.',
      );
      await gone.close();
      fake = await FakeRunware.start({ port: Number(port) });
    });

    it('server: an HTML 502 page, retried until it gives up', async () => {
      fake.inject({ on: 'poll', status: 502, body: 'html', times: 10 });
      const error = await rejection(client.poll([crypto.randomUUID()]));
      expect(error.fields()).toMatchObject({ code: 'http_502', category: 'server', retryable: true, httpStatus: 502 });
      expect(error.message).toBe(
        'Runware had a server problem (HTTP 502) that lasted through several tries. Try again later; status.runware.ai shows outages.',
      );
      expect(fake.requests.filter((r) => r.kind === 'poll')).toHaveLength(6);
    });

    it('rate limit: a queue that stays full, after the tries run out', async () => {
      fake.inject({ on: 'poll', status: 429, times: 10 });
      const error = await rejection(client.poll([crypto.randomUUID()]));
      expect(error.fields()).toMatchObject({ code: 'rateLimitExceeded', category: 'rate_limit', retryable: true, httpStatus: 429 });
      expect(error.message).toBe(
        'Runware is busy (its queue is full) and did not take the request after several tries. Try again in a few minutes.',
      );
    });

    it('network: a connection that keeps resetting', async () => {
      fake.inject({ on: 'poll', reset: true, times: 10 });
      const error = await rejection(client.poll([crypto.randomUUID()]));
      expect(error.fields()).toMatchObject({ code: 'network', category: 'network', retryable: true, httpStatus: 0 });
      expect(error.message).toMatch(
        /^Could not reach Runware \((the connection was reset|the connection broke|the connection closed)\)\. Check your internet connection, then try again\.$/,
      );
    });
  });

  describe('transient failures are retried, then succeed', () => {
    it.each([
      ['429 queue full (Retry-After)', { status: 429, retryAfter: '0' }],
      ['503', { status: 503 }],
      ['504', { status: 504 }],
      ['500 with an empty body', { status: 500, body: 'empty' as const }],
      ['a connection reset', { reset: true as const }],
    ])('%s', async (_label, fault) => {
      fake.inject({ on: 'poll', times: 2, ...fault });
      const polls = await client.poll([crypto.randomUUID()]);
      expect(polls.size).toBe(1);
      const attempts = fake.requests.filter((r) => r.kind === 'poll');
      expect(attempts).toHaveLength(3);
      expect(attempts.at(-1)?.status).toBe(200);
    });

    it('uploads survive resets too', async () => {
      fake.inject({ on: 'upload', reset: true, times: 2 });
      const inputs = await uploadInputs(client, 1);
      expect(fake.media.has(inputs.image)).toBe(true);
    });
  });

  it('honours Retry-After as the least wait', async () => {
    fake.inject({ on: 'poll', status: 429, retryAfter: '1' });
    const started = Date.now();
    await client.poll([crypto.randomUUID()]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('a submit whose response was lost is retried with the same taskUUID and accepted exactly once', async () => {
    const inputs = await uploadInputs(client, 1);
    const task = auroraTask(inputs);
    fake.inject({ on: 'submit', dropResponse: true });
    const result = await client.submitVideo(task);
    expect(result).toEqual({ taskUUID: task.taskUUID, duplicate: true, reuploaded: false });
    expect(fake.acceptedSubmissions).toEqual([task.taskUUID]);
    const submits = fake.requests.filter((r) => r.kind === 'submit');
    expect(submits.map((r) => r.tasks[0]?.taskUUID)).toEqual([task.taskUUID, task.taskUUID]);
    const poll = (await pollUntilDone(client, [{ taskUUID: task.taskUUID, expected: 1 }])).get(task.taskUUID);
    expect(poll?.generations[0]?.status).toBe('success');
  });

  it('the API key never appears in an error, a log line or a thrown object', async () => {
    const secretKey = 'sk-live-DO-NOT-LEAK-0123456789abcdef';
    const lines: string[] = [];
    const redactor = new Redactor();
    const leaky = await FakeRunware.start({ apiKeys: [secretKey] });
    const c = clientFor(leaky, { key: secretKey, logger: recordingLogger(lines) });
    const errors: unknown[] = [];
    leaky.inject({ on: 'poll', status: 400, code: `invalid-${secretKey}` });
    errors.push(await c.poll([crypto.randomUUID()]).catch((e: unknown) => e));
    leaky.inject({ on: 'poll', reset: true, times: 10 });
    errors.push(await c.poll([crypto.randomUUID()]).catch((e: unknown) => e));
    const wrong = clientFor(leaky, { key: `${secretKey}-wrong`, logger: recordingLogger(lines) });
    errors.push(await wrong.checkKey().catch((e: unknown) => e));
    errors.push(await c.submitVideo(auroraTask({ image: secretKey, audio: secretKey })).catch((e: unknown) => e));
    for (const error of errors) {
      expect(error).toBeInstanceOf(RunwareError);
      const dump = JSON.stringify({
        ...(error as object),
        message: (error as Error).message,
        stack: (error as Error).stack,
        cause: (error as Error).cause,
      });
      expect(dump).not.toContain(secretKey);
    }
    expect(lines.join('\n')).not.toContain(secretKey);
    expect(redactor.redact(lines.join('\n'))).toBe(lines.join('\n'));
    await Promise.all([c.close(), wrong.close(), leaky.close()]);
  });
});
