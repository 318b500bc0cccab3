import { describe, expect, it } from 'vitest';
import { outcomeOf, progressOf, type TaskPoll } from '../../../../electron/core/runware/poll-result.ts';
import { parseEnvelope } from '../../../../electron/core/runware/response-envelope.ts';
import { backoffDelayMs, parseRetryAfter } from '../../../../electron/core/runware/retry-policy.ts';
import { categoryOfCode, fromApiError, fromHttpStatus } from '../../../../electron/core/runware/runware-error.ts';

describe('parseEnvelope tolerates what the docs leave open', () => {
  it('reads data and errors together, and unknown fields', () => {
    expect(parseEnvelope('{"data":[{"taskUUID":"a","status":"success","newField":1}],"errors":[{"code":"x","taskUUID":"b"}]}')).toEqual({
      data: [{ taskUUID: 'a', status: 'success', newField: 1 }],
      errors: [{ code: 'x', taskUUID: 'b' }],
    });
  });
  it('reads a singular error object, with a top-level taskUUID', () => {
    expect(parseEnvelope('{"error":{"code":"invalidApiKey","message":"no"},"taskUUID":"t"}')?.errors).toEqual([
      { code: 'invalidApiKey', message: 'no', taskUUID: 't' },
    ]);
  });
  it('reads the legacy {error:true,errorMessage} shape', () => {
    expect(parseEnvelope('{"error":true,"errorId":19,"errorMessage":"Invalid api key"}')?.errors).toEqual([
      { code: '19', message: 'Invalid api key' },
    ]);
  });
  it('accepts data as a single object (a documented typo)', () => {
    expect(parseEnvelope('{"data":{"taskUUID":"a","imageUUID":"i"}}')?.data).toEqual([{ taskUUID: 'a', imageUUID: 'i' }]);
  });
  it('returns null for HTML, empty bodies and unknown JSON', () => {
    expect(parseEnvelope('<html>502</html>')).toBeNull();
    expect(parseEnvelope('')).toBeNull();
    expect(parseEnvelope('[1,2]')).toBeNull();
    expect(parseEnvelope('{"hello":1}')).toBeNull();
    expect(parseEnvelope('{"data":[]}')).toEqual({ data: [], errors: [] });
  });
});

describe('error categories', () => {
  it.each([
    ['invalidApiKey', 'auth'],
    ['missingApiKey', 'auth'],
    ['insufficientCredits', 'credits'],
    // The SDK files this under credits; here the provider, not the user's balance, is short.
    ['providerInsufficientCredits', 'provider'],
    ['unsupportedParameter', 'validation'],
    ['invalidPositivePrompt', 'validation'],
    ['contentPolicyViolation', 'safety'],
    ['nsfwContentDetected', 'safety'],
    ['rateLimitExceeded', 'rate_limit'],
    ['providerError', 'provider'],
    ['timeoutProvider', 'timeout'],
    ['taskNotFound', 'not_found'],
    ['mediaExpired', 'not_found'],
    ['internalServerError', 'server'],
  ])('%s → %s', (code, category) => {
    expect(categoryOfCode(code)).toBe(category);
  });

  it('falls back to the HTTP status for unknown codes, and never retries 400/401/402/403', () => {
    expect(fromApiError({ code: 'somethingNew' }, 503).fields()).toMatchObject({ category: 'server', retryable: true });
    for (const status of [400, 401, 402, 403]) expect(fromHttpStatus(status).retryable).toBe(false);
    for (const status of [429, 500, 502, 503, 504]) expect(fromHttpStatus(status).retryable).toBe(true);
  });

  it('joins an array parameter', () => {
    expect(fromApiError({ code: 'invalidX', parameter: ['width', 'height'] }, 400).parameter).toBe('width, height');
  });
});

describe('backoff', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
  it('is full jitter under a capped exponential', () => {
    expect(backoffDelayMs(0, { ...policy, random: () => 0.999 })).toBe(99);
    expect(backoffDelayMs(3, { ...policy, random: () => 0.5 })).toBe(400);
    expect(backoffDelayMs(10, { ...policy, random: () => 0.999 })).toBe(999);
    expect(backoffDelayMs(2, { ...policy, random: () => 0 })).toBe(0);
  });
  it('waits at least what Retry-After says', () => {
    expect(backoffDelayMs(0, { ...policy, random: () => 0 }, 2000)).toBe(2000);
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('task outcome', () => {
  const ok = { status: 'success' as const, videoUUID: 'v', videoURL: 'u' };
  const running = { status: 'processing' as const, progress: 40 };
  const failed = { status: 'error' as const, error: fromApiError({ code: 'providerError' }, 200) };
  const poll = (...generations: TaskPoll['generations']): TaskPoll => ({ taskUUID: 't', known: true, generations });

  it('waits for every take', () => {
    expect(outcomeOf(poll(ok, running), 2)).toBe('running');
    expect(outcomeOf(poll(ok, ok), 2)).toBe('succeeded');
    expect(outcomeOf(poll(ok), 2)).toBe('running');
  });
  it('keeps paid-for successes when a sibling fails', () => {
    expect(outcomeOf(poll(ok, failed), 2)).toBe('partial');
    expect(outcomeOf(poll(failed), 2)).toBe('failed');
    expect(outcomeOf(poll(failed, running), 2)).toBe('running');
  });
  it('reports progress when Runware gives it', () => {
    expect(progressOf(poll(ok, running), 2)).toBe(70);
    expect(progressOf(poll({ status: 'processing' }), 1)).toBeNull();
  });
});
