import { describe, expect, it } from 'vitest';
import { checkCuts, partsOf, planSplit } from '../../../shared/split-plan.ts';

describe('split plan', () => {
  it('leaves audio within the limit whole', () => {
    expect(planSplit(0, 59.9, [])).toEqual({ cuts: [], parts: [{ startSec: 0, endSec: 59.9 }], hardCuts: [] });
  });

  it('cuts in the latest pause that keeps each part within 60 s', () => {
    const pauses = [
      { startSec: 20, endSec: 20.5 },
      { startSec: 55, endSec: 55.4 },
      { startSec: 58, endSec: 58.1 }, // too short to prefer
      { startSec: 100, endSec: 101 },
      { startSec: 140, endSec: 140.6 },
    ];
    const plan = planSplit(0, 150, pauses);
    expect(plan.cuts).toEqual([55.2, 100.5]);
    expect(plan.hardCuts).toEqual([]);
    for (const part of plan.parts) expect(part.endSec - part.startSec).toBeLessThanOrEqual(60);
  });

  it('falls back to a short pause, then to a hard cut, and says so', () => {
    expect(planSplit(0, 70, [{ startSec: 50, endSec: 50.1 }]).cuts).toEqual([50.05]);
    const hard = planSplit(0, 70, []);
    expect(hard.cuts).toEqual([60]);
    expect(hard.hardCuts).toEqual([60]);
  });

  it('works on a selection that does not start at 0', () => {
    const plan = planSplit(10, 100, [{ startSec: 60, endSec: 61 }]);
    expect(plan.parts).toEqual([
      { startSec: 10, endSec: 60.5 },
      { startSec: 60.5, endSec: 100 },
    ]);
  });

  it('checks cuts moved by hand', () => {
    expect(checkCuts(0, 150, [55.2, 100.5])).toBeNull();
    expect(checkCuts(0, 150, [70, 100])).toBe('Part 1 is 70.0 s; Aurora takes up to 60 s. Add a cut inside it.');
    expect(checkCuts(0, 150, [60, 60.5, 110])).toBe('Part 2 is only 0.50 s; move its cut so it lasts at least 1 s.');
    expect(partsOf(0, 10, [7, 3])).toEqual([
      { startSec: 0, endSec: 3 },
      { startSec: 3, endSec: 7 },
      { startSec: 7, endSec: 10 },
    ]);
  });
});
