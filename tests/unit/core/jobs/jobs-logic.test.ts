import { describe, expect, it } from 'vitest';
import { checkBudget } from '../../../../electron/core/jobs/budget.ts';
import { checkTrim } from '../../../../shared/trim.ts';
import { DEFAULT_CADENCE, nextPollAt, nextPollDelayMs } from '../../../../electron/core/jobs/poll-cadence.ts';
import { ThroughputModel } from '../../../../electron/core/jobs/throughput.ts';
import { canMove, mayFail, resumeStateAfterCrash } from '../../../../electron/core/jobs/transitions.ts';
import { Journal } from '../../../../electron/core/jobs/journal.ts';

describe('the journal state machine', () => {
  it('allows the documented path and nothing backwards after submission', () => {
    const path = ['queued', 'preparing', 'uploading', 'submitting', 'processing', 'downloading', 'done'] as const;
    for (let i = 1; i < path.length; i += 1) expect(canMove(path[i - 1] as never, path[i] as never)).toBe(true);
    expect(canMove('processing', 'queued')).toBe(false);
    expect(canMove('submitting', 'canceled')).toBe(false);
    expect(canMove('done', 'failed')).toBe(false);
  });

  it('redoes unbilled work after a crash and reconciles anything Runware may hold', () => {
    expect(resumeStateAfterCrash('preparing', false)).toBe('queued');
    expect(resumeStateAfterCrash('uploading', false)).toBe('queued');
    expect(resumeStateAfterCrash('submitting', true)).toBe('submitting');
    expect(resumeStateAfterCrash('processing', true)).toBe('processing');
    expect(resumeStateAfterCrash('downloading', true)).toBe('downloading');
  });
});

describe('poll cadence', () => {
  const accepted = 1_000_000;
  const due = (expectedMs: number) => accepted + expectedMs + DEFAULT_CADENCE.dueMarginMs;
  it('takes an early look, then aims at the expected finish, asking at most every 30 s while far', () => {
    expect(nextPollAt({ acceptedAt: accepted, expectedMs: 60_000 }, accepted, DEFAULT_CADENCE)).toBe(accepted + 2_000);
    expect(nextPollAt({ acceptedAt: accepted, expectedMs: 1_000 }, accepted, DEFAULT_CADENCE)).toBe(accepted + 500);
    expect(
      nextPollAt({ acceptedAt: accepted, expectedMs: 20_000, lastPolledAt: accepted + 2_000 }, accepted + 2_000, DEFAULT_CADENCE),
    ).toBe(due(20_000));
    expect(nextPollAt({ acceptedAt: accepted, expectedMs: 600_000, lastPolledAt: accepted }, accepted, DEFAULT_CADENCE)).toBe(
      accepted + 30_000,
    );
  });
  it('skips the early look of a short task when every task costs a request', () => {
    expect(nextPollAt({ acceptedAt: accepted, expectedMs: 10_000 }, accepted, DEFAULT_CADENCE, { solo: true })).toBe(due(10_000));
    expect(nextPollAt({ acceptedAt: accepted, expectedMs: 60_000 }, accepted, DEFAULT_CADENCE, { solo: true })).toBe(accepted + 2_000);
  });
  it('polls every second once a task is due, and slower when it is very late', () => {
    const late = nextPollAt({ acceptedAt: accepted, expectedMs: 60_000, lastPolledAt: due(60_000) }, due(60_000), DEFAULT_CADENCE);
    expect(late - due(60_000)).toBe(1_000);
    const veryLate = nextPollAt(
      { acceptedAt: accepted, expectedMs: 60_000, lastPolledAt: accepted + 900_000 },
      accepted + 900_000,
      DEFAULT_CADENCE,
    );
    expect(veryLate - (accepted + 900_000)).toBe(8_000);
  });
  it('polls for the most urgent task, with those due right after it, and backs off after failures', () => {
    const tasks = [
      { acceptedAt: accepted, expectedMs: 600_000, lastPolledAt: accepted + 10_000 },
      { acceptedAt: accepted, expectedMs: 12_000, lastPolledAt: accepted + 10_000 },
      { acceptedAt: accepted + 300, expectedMs: 12_000, lastPolledAt: accepted + 10_000 },
    ];
    expect(nextPollDelayMs(tasks, accepted + 10_000, DEFAULT_CADENCE, 0)).toBe(2_000 + 300 + DEFAULT_CADENCE.dueMarginMs);
    expect(nextPollDelayMs(tasks, accepted + 10_000, DEFAULT_CADENCE, 4)).toBe(16_000);
    expect(nextPollDelayMs(tasks, accepted + 10_000, DEFAULT_CADENCE, 10)).toBe(60_000);
    expect(nextPollDelayMs([], accepted, DEFAULT_CADENCE, 0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('learned throughput', () => {
  it('moves from the prior towards what tasks really take', async () => {
    const model = new ThroughputModel(null, 6);
    expect(model.expectedMs(10)).toBe(60_000);
    await model.observe(10, 20_000);
    expect(model.secondsPerAudioSecond).toBe(2);
    await model.observe(10, 40_000);
    expect(model.secondsPerAudioSecond).toBe(3);
  });
});

describe('budget', () => {
  it('refuses what would pass the cap, counting what is spent and what is queued', () => {
    const spend = { spentUSD: 2.52, committedUSD: 0.28, trashedUSD: 0 };
    expect(() => checkBudget({ capUSD: 3, spend, estimateUSD: 0.14, projectName: 'P' })).not.toThrow();
    expect(() => checkBudget({ capUSD: 3, spend, estimateUSD: 0.28, projectName: 'P' })).toThrow(
      'This generation ($0.28) would bring “P” to $3.08, over its $3.00 budget cap. Raise the cap in Settings, or trim the audio.',
    );
    expect(() => checkBudget({ capUSD: null, spend: { ...spend, spentUSD: 1e6 }, estimateUSD: 1, projectName: 'P' })).not.toThrow();
  });
});

describe('trim checks', () => {
  it.each([
    [0, 0.3, 11, 'The selection is 0.30 s; select at least 0.5 s of audio.'],
    [-1, 2, 11, 'The start and end of the selection must be numbers of seconds, 0 or more.'],
    [2, 12, 11, 'The selection ends at 12.00 s, after the end of “talk.wav” (11.00 s).'],
    [0, 74, 80, 'This selection is 74.0 s; Aurora takes up to 60 s. Trim it, or split it into parts.'],
  ])('%s–%s of %s s: %s', (start, end, duration, message) => {
    expect(() => checkTrim(start, end, duration, 'talk.wav')).toThrow(message);
  });
  it('accepts exactly 60 s and a selection ending at the very end', () => {
    expect(() => checkTrim(0, 60, 60, 'a.wav')).not.toThrow();
    expect(() => checkTrim(1, 11.0004, 11, 'a.wav')).not.toThrow();
  });
});

describe('who may end a generation (rule 7)', () => {
  const STATES = ['queued', 'preparing', 'uploading', 'submitting', 'processing', 'downloading', 'interrupted'] as const;
  const HELD = new Set(['submitting', 'processing', 'downloading', 'interrupted']);

  it.each(STATES)('%s: Runware always may; this computer only before Runware may hold the task', (state) => {
    expect(mayFail({ state, taskUUID: 'a-task' }, 'runware')).toBe(true);
    expect(mayFail({ state, taskUUID: 'a-task' }, 'local')).toBe(!HELD.has(state));
    // Without a taskUUID nothing was ever sent for billing.
    expect(mayFail({ state, taskUUID: undefined }, 'local')).toBe(true);
  });

  it('the journal refuses a local failure of a task Runware may hold, whoever asks', async () => {
    const writes: string[] = [];
    const journal = new Journal(
      { write: async (r: { state: string }) => void writes.push(r.state) } as never,
      () => new Date(0),
      () => undefined,
    );
    const record = { id: 'g', state: 'processing', taskUUID: 'a-task', history: [], kind: 'single' } as never;
    await expect(journal.fail(record, 'local', {})).rejects.toThrow('only Runware can fail it');
    expect(writes).toEqual([]);
    await expect(journal.fail(record, 'runware', {})).resolves.toMatchObject({ state: 'failed' });
    expect(writes).toEqual(['failed']);
  });
});
