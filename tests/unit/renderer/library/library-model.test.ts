import { describe, expect, it } from 'vitest';
import { GENERATION_STATES, summarise } from '../../../../shared/generation.ts';
import { columnsFor, moveSelection, projectRelative, stateBadge } from '../../../../renderer/src/features/library/library-model.ts';
import { inProject } from '../../../../renderer/src/lib/project-path.ts';
import { generationRecord } from '../../../support/generation-records.ts';

describe('the library model', () => {
  it('fits columns to the width, never fewer than one', () => {
    expect(columnsFor(0, 184, 16)).toBe(1);
    expect(columnsFor(384, 184, 16)).toBe(2);
    expect(columnsFor(383, 184, 16)).toBe(1);
    expect(columnsFor(1000, 184, 16)).toBe(5);
  });

  it('moves the selection like a grid: rows keep their column, the short last row is reachable', () => {
    // 3 columns, 7 cards: rows [0 1 2] [3 4 5] [6]
    const move = (from: number, key: string) => moveSelection(from, key, 3, 7, 2);
    expect(move(0, 'ArrowRight')).toBe(1);
    expect(move(0, 'ArrowLeft')).toBe(0);
    expect(move(1, 'ArrowDown')).toBe(4);
    expect(move(4, 'ArrowDown')).toBe(6);
    expect(move(6, 'ArrowDown')).toBe(6);
    expect(move(6, 'ArrowUp')).toBe(3);
    expect(move(1, 'ArrowUp')).toBe(1);
    expect(move(0, 'PageDown')).toBe(6);
    expect(move(5, 'Home')).toBe(0);
    expect(move(0, 'End')).toBe(6);
    expect(move(0, 'a')).toBeNull();
    expect(moveSelection(0, 'ArrowRight', 3, 0, 2)).toBeNull();
  });

  it('badges every state but done, so no new state looks finished', () => {
    for (const state of GENERATION_STATES) {
      const badge = stateBadge(summarise(generationRecord('x', { state })));
      if (state === 'done') expect(badge).toBeNull();
      else expect(badge?.label).toMatch(/^[A-Z][a-z]+$/);
    }
    expect(stateBadge(summarise(generationRecord('x', { state: 'failed' })))?.tone).toBe('failed');
  });

  it('names files by their place in the project, never by an absolute path', () => {
    expect(projectRelative('/home/ana/Videos/Spring ads/exports/intro.webm', '/home/ana/Videos/Spring ads')).toBe('exports/intro.webm');
    expect(projectRelative('C:\\Users\\ana\\Spring\\exports\\a.mp4', 'C:\\Users\\ana\\Spring\\')).toBe('exports/a.mp4');
    expect(projectRelative('/elsewhere/clip.mov', '/home/ana/Spring')).toBe('clip.mov');
    expect(inProject('/home/ana/Spring/', 'media/a.jpg')).toBe('/home/ana/Spring/media/a.jpg');
    expect(inProject('C:\\Users\\ana\\Spring', 'media/a.jpg')).toBe('C:\\Users\\ana\\Spring\\media\\a.jpg');
  });
});
