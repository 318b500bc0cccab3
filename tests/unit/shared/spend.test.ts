import { describe, expect, it } from 'vitest';
import { projectSpend, shownCost, spendOf, type SpendFacts } from '../../../shared/spend.ts';

const ACCEPTED_AT = '2026-12-01T10:00:00.000Z';

/** One generation of $0.84 estimated, in `state`, with what else the row says. */
function g(state: SpendFacts['state'], extra: Partial<SpendFacts> = {}): SpendFacts {
  return { state, estimateUSD: 0.84, ...extra };
}

describe('what one generation counts for', () => {
  it.each<[string, SpendFacts, { spentUSD: number; committedUSD: number }, { usd: number; basis: string }]>([
    [
      'a single generation, done and priced',
      g('done', { costUSD: 0.84, acceptedAt: ACCEPTED_AT }),
      { spentUSD: 0.84, committedUSD: 0 },
      { usd: 0.84, basis: 'reported' },
    ],
    [
      'done, Runware never priced it',
      g('done', { acceptedAt: ACCEPTED_AT }),
      { spentUSD: 0.84, committedUSD: 0 },
      { usd: 0.84, basis: 'estimate' },
    ],
    [
      'processing, not priced yet',
      g('processing', { acceptedAt: ACCEPTED_AT }),
      { spentUSD: 0.84, committedUSD: 0 },
      { usd: 0.84, basis: 'estimate' },
    ],
    [
      'downloading, one take priced',
      g('downloading', { costUSD: 0.42, acceptedAt: ACCEPTED_AT }),
      { spentUSD: 0.42, committedUSD: 0 },
      { usd: 0.42, basis: 'reported' },
    ],
    ['queued', g('queued'), { spentUSD: 0, committedUSD: 0.84 }, { usd: 0.84, basis: 'estimate' }],
    ['preparing', g('preparing'), { spentUSD: 0, committedUSD: 0.84 }, { usd: 0.84, basis: 'estimate' }],
    ['uploading', g('uploading'), { spentUSD: 0, committedUSD: 0.84 }, { usd: 0.84, basis: 'estimate' }],
    ['being sent (Runware has not answered)', g('submitting'), { spentUSD: 0, committedUSD: 0.84 }, { usd: 0.84, basis: 'estimate' }],
    [
      'refused at submission and waiting (back in the queue)',
      g('queued'),
      { spentUSD: 0, committedUSD: 0.84 },
      { usd: 0.84, basis: 'estimate' },
    ],
    ['refused at submission for good (402, 401, validation)', g('failed'), { spentUSD: 0, committedUSD: 0 }, { usd: 0, basis: 'none' }],
    [
      'failed at Runware, nothing reported',
      g('failed', { acceptedAt: ACCEPTED_AT }),
      { spentUSD: 0, committedUSD: 0 },
      { usd: 0, basis: 'none' },
    ],
    [
      'failed at Runware, a cost reported',
      g('failed', { acceptedAt: ACCEPTED_AT, costUSD: 0.14 }),
      { spentUSD: 0.14, committedUSD: 0 },
      { usd: 0.14, basis: 'reported' },
    ],
    ['canceled before sending', g('canceled'), { spentUSD: 0, committedUSD: 0 }, { usd: 0, basis: 'none' }],
    [
      'interrupted after acceptance',
      g('interrupted', { acceptedAt: ACCEPTED_AT }),
      { spentUSD: 0.84, committedUSD: 0 },
      { usd: 0.84, basis: 'estimate' },
    ],
    ['interrupted before Runware answered', g('interrupted'), { spentUSD: 0, committedUSD: 0.84 }, { usd: 0.84, basis: 'estimate' }],
    [
      'a part of a split generation',
      g('done', { costUSD: 0.84, acceptedAt: ACCEPTED_AT }),
      { spentUSD: 0.84, committedUSD: 0 },
      { usd: 0.84, basis: 'reported' },
    ],
    [
      'a split generation (its parts count)',
      g('done', { kind: 'sequence', costUSD: 1.68, estimateUSD: 1.68 }),
      { spentUSD: 0, committedUSD: 0 },
      { usd: 1.68, basis: 'reported' },
    ],
    [
      'a split generation still queued',
      g('queued', { kind: 'sequence', estimateUSD: 1.68 }),
      { spentUSD: 0, committedUSD: 0 },
      { usd: 1.68, basis: 'estimate' },
    ],
    [
      'a batch item',
      g('done', { costUSD: 0.28, acceptedAt: ACCEPTED_AT }),
      { spentUSD: 0.28, committedUSD: 0 },
      { usd: 0.28, basis: 'reported' },
    ],
  ])('%s', (_label, facts, spend, shown) => {
    expect(spendOf(facts)).toEqual(spend);
    expect(shownCost(facts)).toEqual(shown);
  });
});

describe('a project’s spend', () => {
  it('counts a split generation as the sum of its parts, once', () => {
    const parts = [0.84, 0.7, 0.56].map((costUSD, i) => ({ id: `part-${i}`, ...g('done', { costUSD, acceptedAt: ACCEPTED_AT }) }));
    const parent = { id: 'split', ...g('done', { kind: 'sequence', costUSD: 2.1, estimateUSD: 2.1 }) };
    expect(projectSpend([parent, ...parts])).toEqual({ spentUSD: 2.1, committedUSD: 0, trashedUSD: 0 });
  });

  it('keeps what trashed generations cost, and never counts a restored one twice', () => {
    const listed = [
      { id: 'a', ...g('done', { costUSD: 0.84, acceptedAt: ACCEPTED_AT }) },
      { id: 'b', ...g('queued') },
    ];
    const trashed = [
      { id: 'gone', spentUSD: 1.4 },
      { id: 'a', spentUSD: 0.84 },
    ];
    expect(projectSpend(listed, trashed)).toEqual({ spentUSD: 2.24, committedUSD: 0.84, trashedUSD: 1.4 });
  });

  it('rounds to cents once, at the end', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ id: String(i), ...g('done', { costUSD: 0.1401, acceptedAt: ACCEPTED_AT }) }));
    expect(projectSpend(many).spentUSD).toBe(1.4);
  });
});
