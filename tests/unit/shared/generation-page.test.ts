import { describe, expect, it } from 'vitest';
import { summarise, type GenerationState } from '../../../shared/generation.ts';
import { FIRST_PAGE_SIZE, firstPage, mergeNewer } from '../../../shared/generation-page.ts';
import { generationRecord } from '../../support/generation-records.ts';

const at = (i: number) => new Date(Date.parse('2026-01-01T00:00:00.000Z') + i * 60_000).toISOString();
const summary = (i: number, state: GenerationState = 'done', updatedAt = at(i)) =>
  summarise(generationRecord(`g-${String(i).padStart(5, '0')}`, { createdAt: at(i), updatedAt, state }));

describe('a big project opens with its first page', () => {
  it('answers the newest page and every older generation still running, oldest first', () => {
    const list = Array.from({ length: 500 }, (_, i) => summary(i, i === 3 || i === 40 ? 'processing' : 'done'));
    const page = firstPage(list);
    expect(page).toHaveLength(FIRST_PAGE_SIZE + 2);
    expect(page.slice(0, 2).map((g) => g.id)).toEqual(['g-00003', 'g-00040']);
    expect(page.at(-1)?.id).toBe('g-00499');
    expect(page[2]?.id).toBe(`g-00${500 - FIRST_PAGE_SIZE}`);
  });

  it('answers a small project whole', () => {
    const list = Array.from({ length: 12 }, (_, i) => summary(i));
    expect(firstPage(list)).toEqual(list);
  });

  it('keeps what changed while the rest was listed, and what was created meanwhile', () => {
    const stale = summary(1, 'processing', at(1));
    const newer = summary(1, 'done', at(90));
    const created = summary(200);
    const merged = mergeNewer({ [newer.id]: newer, [created.id]: created }, [stale, summary(2)]);
    expect(merged[stale.id]?.state).toBe('done');
    expect(Object.keys(merged).sort()).toEqual(['g-00001', 'g-00002', 'g-00200']);
  });
});
