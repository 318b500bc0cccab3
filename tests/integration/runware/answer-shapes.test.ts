import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskPoll } from '../../../electron/core/runware/poll-result.ts';
import { RunwareClient } from '../../../electron/core/runware/runware-client.ts';
import { isRunwareError } from '../../../electron/core/runware/runware-error.ts';
import { CannedRunware, type CannedAnswer, type CannedTask } from '../../support/canned-runware.ts';
import { auroraTask } from '../../support/runware-flow.ts';
import { FAST_RETRY } from '../../support/runware-test-client.ts';

/**
 * Answers as Runware's own SDKs' tests model them (and a few a live API was seen to give),
 * replayed against the client: each answer, the HTTP status it comes with, and what the
 * client must make of it. Where the app used to be stricter than Runware's clients it lost
 * paid results or stalled; these rows keep it as lenient as they are, and no more.
 */

type Outcome =
  /** What the poll reports for the (first) task. */
  | { poll: { known: boolean; generations?: string[]; transient?: string } }
  /** The submission counts as accepted (`duplicate`: an earlier try was). */
  | { accepted: { duplicate: boolean } }
  | { keyWorks: true }
  /** The call throws an error of this category. */
  | { throws: string };

interface Row {
  name: string;
  call: 'poll' | 'submit' | 'checkKey';
  /** The answer, built from the request's tasks. */
  answer: (tasks: CannedTask[]) => CannedAnswer;
  expected: Outcome;
  /** Requests the call may make (retries included); default any. */
  requests?: number;
  /** The person's words must (not) say this. */
  says?: RegExp;
  neverSays?: RegExp;
}

const uuidOf = (tasks: CannedTask[]) => tasks[0]?.taskUUID ?? '';
const ok = (body: unknown): CannedAnswer => ({ status: 200, body });
const TRY_AGAIN = /try again/i;

const ROWS: Row[] = [
  // ---- getResponse: what belongs to whom
  {
    name: 'success items without taskUUID belong to the one task asked',
    call: 'poll',
    answer: () =>
      ok({ data: [{ taskType: 'videoInference', status: 'success', videoUUID: 'v1', videoURL: 'https://vm.runware.ai/v1.mp4' }] }),
    expected: { poll: { known: true, generations: ['success'] } },
  },
  {
    name: 'processing items without taskUUID belong to the one task asked',
    call: 'poll',
    answer: () => ok({ data: [{ status: 'processing', progress: 40 }] }),
    expected: { poll: { known: true, generations: ['processing'] } },
  },
  {
    name: 'an error without taskUUID and status "error" fails the one task asked',
    call: 'poll',
    answer: () => ok({ data: [], errors: [{ code: 'timeoutProvider', status: 'error', message: 'The provider timed out.' }] }),
    expected: { poll: { known: true, generations: ['error:timeout'] } },
  },
  {
    name: 'the older "pending" status is still running',
    call: 'poll',
    answer: (t) => ok({ data: [{ taskUUID: uuidOf(t), status: 'pending' }] }),
    expected: { poll: { known: true, generations: ['processing'] } },
  },
  {
    name: 'a success with mediaURL instead of videoURL',
    call: 'poll',
    answer: (t) => ok({ data: [{ taskUUID: uuidOf(t), status: 'success', mediaUUID: 'm', mediaURL: 'https://vm.runware.ai/m.mp4' }] }),
    expected: { poll: { known: true, generations: ['success'] } },
  },
  {
    name: 'a failed take in data with an embedded error',
    call: 'poll',
    answer: (t) => ok({ data: [{ taskUUID: uuidOf(t), status: 'error', error: { code: 'inferenceError', message: 'GPU fell over' } }] }),
    expected: { poll: { known: true, generations: ['error:provider'] } },
  },
  {
    name: 'the documented failure: moved to errors with status "error"',
    call: 'poll',
    answer: (t) => ok({ data: [], errors: [{ code: 'timeoutProvider', status: 'error', taskUUID: uuidOf(t), message: 'Timed out.' }] }),
    expected: { poll: { known: true, generations: ['error:timeout'] } },
  },
  // ---- getResponse: retryable errors naming the task mean "ask again later"
  {
    name: 'a rate limit naming the task inside a 200',
    call: 'poll',
    answer: (t) => ok({ data: [], errors: [{ code: 'rateLimitExceeded', taskUUID: uuidOf(t), message: 'Slow down.' }] }),
    expected: { poll: { known: true, generations: [], transient: 'rate_limit' } },
  },
  {
    name: 'a busy provider naming the task inside a 200',
    call: 'poll',
    answer: (t) => ok({ data: [], errors: [{ code: 'providerUnavailable', taskUUID: uuidOf(t) }] }),
    expected: { poll: { known: true, generations: [], transient: 'provider' } },
  },
  {
    name: "the provider's own key failing is Runware's upstream, not the user's key",
    call: 'poll',
    answer: (t) => ok({ data: [], errors: [{ code: 'providerAuthenticationFailed', taskUUID: uuidOf(t) }] }),
    expected: { poll: { known: true, generations: [], transient: 'provider' } },
  },
  {
    name: 'an unknown code naming the task, without status, is asked about again',
    call: 'poll',
    answer: (t) => ok({ data: [], errors: [{ code: 'fluxCapacitorMisaligned', taskUUID: uuidOf(t) }] }),
    expected: { poll: { known: true, generations: [], transient: 'unknown' } },
  },
  {
    name: 'an unknown code with status "error" ends the task and shows the raw code',
    call: 'poll',
    answer: (t) => ok({ data: [], errors: [{ code: 'fluxCapacitorMisaligned', status: 'error', taskUUID: uuidOf(t) }] }),
    expected: { poll: { known: true, generations: ['error:unknown'] } },
    says: /fluxCapacitorMisaligned/,
  },
  {
    name: 'the same rate limit at HTTP 429 is retried, then reported as busy',
    call: 'poll',
    answer: (t) => ({ status: 429, body: { errors: [{ code: 'rateLimitExceeded', taskUUID: uuidOf(t) }] } }),
    expected: { throws: 'rate_limit' },
    requests: FAST_RETRY.maxAttempts,
  },
  {
    name: 'safety naming the task ends it without "try again"',
    call: 'poll',
    answer: (t) => ok({ data: [], errors: [{ code: 'safety', taskUUID: uuidOf(t), message: 'Flagged.' }] }),
    expected: { poll: { known: true, generations: ['error:safety'] } },
    neverSays: TRY_AGAIN,
  },
  // ---- getResponse: unknown tasks
  { name: 'data: [] leaves the task unknown', call: 'poll', answer: () => ok({ data: [] }), expected: { poll: { known: false } } },
  {
    name: 'taskNotFound leaves the task unknown',
    call: 'poll',
    answer: (t) => ok({ errors: [{ code: 'taskNotFound', taskUUID: uuidOf(t) }] }),
    expected: { poll: { known: false } },
  },
  {
    name: 'taskNotFound at HTTP 400 leaves the task unknown',
    call: 'poll',
    answer: (t) => ({ status: 400, body: { errors: [{ code: 'taskNotFound', taskUUID: uuidOf(t) }] } }),
    expected: { poll: { known: false } },
  },
  // ---- getResponse: the account
  {
    name: '"Insufficient credits" naming the task in a 200 pauses the queue',
    call: 'poll',
    answer: (t) => ok({ data: [], errors: [{ code: 'insufficientCredits', taskUUID: uuidOf(t) }] }),
    expected: { throws: 'credits' },
  },
  {
    name: 'an invalid key in a 200 pauses the queue',
    call: 'poll',
    answer: () => ok({ errors: [{ code: 'invalidApiKey', message: 'Invalid API key.' }] }),
    expected: { throws: 'auth' },
  },
  {
    name: 'a disabled organization pauses the queue in its own words',
    call: 'poll',
    answer: () => ok({ errors: [{ code: 'organizationDisabled' }] }),
    expected: { throws: 'auth' },
    says: /disabled this organization/,
  },
  {
    name: 'a suspended workspace pauses the queue in its own words',
    call: 'poll',
    answer: () => ({ status: 403, body: { errors: [{ code: 'workspaceSuspended' }] } }),
    expected: { throws: 'auth' },
    says: /suspended this workspace/,
  },
  {
    name: 'an authentication timeout pauses the queue and says it was slow, not wrong',
    call: 'poll',
    answer: () => ok({ errors: [{ code: 'authTimeout' }] }),
    expected: { throws: 'auth' },
    says: /took too long to check your key/,
  },
  // ---- submit: the acknowledgement
  {
    name: 'an acknowledgement naming the task',
    call: 'submit',
    answer: (t) => ok({ data: [{ taskType: 'videoInference', taskUUID: uuidOf(t) }] }),
    expected: { accepted: { duplicate: false } },
    requests: 1,
  },
  {
    name: 'an empty acknowledgement means accepted, go poll (sent once, not again and again)',
    call: 'submit',
    answer: () => ok({ data: [] }),
    expected: { accepted: { duplicate: false } },
    requests: 1,
  },
  {
    name: 'an acknowledgement naming another taskUUID means accepted',
    call: 'submit',
    answer: () => ok({ data: [{ taskType: 'videoInference', taskUUID: randomUUID() }] }),
    expected: { accepted: { duplicate: false } },
    requests: 1,
  },
  {
    name: 'conflictTaskUUID in a 200 means an earlier try was accepted',
    call: 'submit',
    answer: (t) => ok({ errors: [{ code: 'conflictTaskUUID', taskUUID: uuidOf(t) }] }),
    expected: { accepted: { duplicate: true } },
  },
  {
    name: 'conflictTaskUUID at HTTP 400 means an earlier try was accepted',
    call: 'submit',
    answer: (t) => ({ status: 400, body: { errors: [{ code: 'conflictTaskUUID', taskUUID: uuidOf(t) }] } }),
    expected: { accepted: { duplicate: true } },
  },
  // ---- submit: refusals
  {
    name: '"Insufficient credits" in a 200 pauses the queue',
    call: 'submit',
    answer: (t) => ok({ errors: [{ code: 'insufficientCredits', taskUUID: uuidOf(t) }] }),
    expected: { throws: 'credits' },
    requests: 1,
  },
  {
    name: '"Insufficient credits" in words only, at HTTP 400, pauses the queue',
    call: 'submit',
    answer: () => ({ status: 400, body: { errors: [{ code: 'requestRejected', message: 'Insufficient credits to run this task.' }] } }),
    expected: { throws: 'credits' },
  },
  { name: 'HTTP 402 without a body', call: 'submit', answer: () => ({ status: 402, body: '' }), expected: { throws: 'credits' } },
  {
    name: "the upstream provider's credits are Runware's problem, retried like any provider failure",
    call: 'submit',
    answer: (t) => ok({ errors: [{ code: 'providerInsufficientCredits', taskUUID: uuidOf(t) }] }),
    expected: { throws: 'provider' },
    requests: FAST_RETRY.maxAttempts,
  },
  {
    name: 'a rate limit in a 200 is retried like one at HTTP 429',
    call: 'submit',
    answer: (t) => ok({ errors: [{ code: 'rateLimitExceeded', taskUUID: uuidOf(t) }] }),
    expected: { throws: 'rate_limit' },
    requests: FAST_RETRY.maxAttempts,
  },
  {
    name: 'an unknown code in a 200 is not retried by the client, and names the code',
    call: 'submit',
    answer: (t) => ok({ errors: [{ code: 'weirdNewCode', taskUUID: uuidOf(t), message: 'Odd.' }] }),
    expected: { throws: 'unknown' },
    requests: 1,
    says: /weirdNewCode/,
  },
  {
    name: 'mismatched provider settings never ask the person to try again',
    call: 'submit',
    answer: (t) => ({ status: 400, body: { errors: [{ code: 'mismatchProviderSettingsProvider', taskUUID: uuidOf(t) }] } }),
    expected: { throws: 'validation' },
    neverSays: TRY_AGAIN,
  },
  {
    name: 'a blocked prompt never asks the person to try again',
    call: 'submit',
    answer: (t) => ({
      status: 400,
      body: { errors: [{ code: 'contentPolicyViolation', taskUUID: uuidOf(t), parameter: 'positivePrompt' }] },
    }),
    expected: { throws: 'safety' },
    neverSays: TRY_AGAIN,
  },
  {
    name: 'a refused setting the person chose names it',
    call: 'submit',
    answer: (t) => ({ status: 400, body: { errors: [{ code: 'invalidOutputQuality', parameter: 'outputQuality', taskUUID: uuidOf(t) }] } }),
    expected: { throws: 'validation' },
    says: /refused the video quality/,
  },
  {
    name: 'the legacy {error: true} shape',
    call: 'submit',
    answer: () => ({ status: 400, body: { error: true, errorId: 'invalidTaskType', errorMessage: 'Bad task.' } }),
    expected: { throws: 'validation' },
  },
  // ---- the key check
  {
    name: 'an invalidApiKey envelope at HTTP 200 is not "key works"',
    call: 'checkKey',
    answer: () => ok({ data: [], errors: [{ code: 'invalidApiKey', message: 'Invalid API key.', taskType: 'authentication' }] }),
    expected: { throws: 'auth' },
  },
  {
    name: 'data: [] for the made-up task means the key works',
    call: 'checkKey',
    answer: () => ok({ data: [] }),
    expected: { keyWorks: true },
  },
  {
    name: 'taskNotFound for the made-up task means the key works',
    call: 'checkKey',
    answer: (t) => ok({ errors: [{ code: 'taskNotFound', taskUUID: uuidOf(t) }] }),
    expected: { keyWorks: true },
  },
  {
    name: 'HTTP 401',
    call: 'checkKey',
    answer: () => ({ status: 401, body: { errors: [{ code: 'invalidApiKey' }] } }),
    expected: { throws: 'auth' },
  },
];

function describePoll(poll: TaskPoll | undefined): { known: boolean; generations: string[]; transient?: string } {
  return {
    known: poll?.known ?? false,
    generations: (poll?.generations ?? []).map((g) => (g.status === 'error' ? `error:${g.error.category}` : g.status)),
    ...(poll?.transient ? { transient: poll.transient.category } : {}),
  };
}

describe('answer shapes, read the way Runware’s own clients read them', () => {
  let canned: CannedRunware;
  let client: RunwareClient;

  beforeAll(async () => {
    canned = await CannedRunware.start();
    client = new RunwareClient({ baseUrl: canned.url, apiKey: () => 'canned-key', retry: FAST_RETRY });
  });
  afterAll(async () => {
    await client.close();
    await canned.close();
  });

  async function run(row: Row): Promise<{ outcome: Outcome; message?: string }> {
    canned.answer(row.answer);
    try {
      if (row.call === 'poll') {
        const uuid = randomUUID();
        const poll = (await client.poll([uuid])).get(uuid);
        const seen = describePoll(poll);
        const message = poll?.transient?.message ?? poll?.generations.find((g) => g.status === 'error')?.error.message;
        return { outcome: { poll: seen }, ...(message ? { message } : {}) };
      }
      if (row.call === 'submit') {
        const result = await client.submitVideo(auroraTask({ image: randomUUID(), audio: randomUUID() }));
        return { outcome: { accepted: { duplicate: result.duplicate } } };
      }
      await client.checkKey();
      return { outcome: { keyWorks: true } };
    } catch (error) {
      if (!isRunwareError(error)) throw error;
      return { outcome: { throws: error.category }, message: error.message };
    }
  }

  for (const row of ROWS) {
    it(`${row.call}: ${row.name}`, async () => {
      const { outcome, message } = await run(row);
      if ('poll' in row.expected) {
        expect(outcome).toEqual({ poll: { generations: [], ...row.expected.poll } });
      } else {
        expect(outcome).toEqual(row.expected);
      }
      if (row.requests !== undefined) expect(canned.requests).toHaveLength(row.requests);
      if (row.says) expect(message).toMatch(row.says);
      if (row.neverSays) expect(message ?? '').not.toMatch(row.neverSays);
    });
  }
});
