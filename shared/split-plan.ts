/**
 * Splitting audio longer than Aurora's limit into parts that each fit, cut inside
 * pauses so no word is cut in two. Pure: the window draws the plan as markers on
 * the waveform, main and the CLI make the parts from it.
 */
import { AURORA_MAX_AUDIO_SECONDS } from './aurora.ts';

export interface Pause {
  startSec: number;
  endSec: number;
}

export interface SplitPlan {
  /** Cut times, in seconds of the source audio, strictly between start and end. */
  cuts: number[];
  parts: { startSec: number; endSec: number }[];
  /** Cuts that had to fall outside any pause (speech with no gap for a minute). */
  hardCuts: number[];
}

/** Pauses at least this long are preferred; shorter ones are a fallback. */
export const PREFERRED_PAUSE_SEC = 0.3;
/** No part shorter than this (it would still be billed a whole second and look abrupt). */
export const MIN_PART_SEC = 1;

/** Where to cut inside a pause: its middle, so each side keeps some breath. */
function cutIn(pause: Pause): number {
  return (pause.startSec + pause.endSec) / 2;
}

/**
 * Plans parts of at most `maxPartSec` over [startSec, endSec]: each cut goes in the
 * latest pause that keeps the part within the limit (fewest parts, so the fewest
 * rounded-up seconds), preferring pauses of 0.3 s or more.
 */
export function planSplit(
  startSec: number,
  endSec: number,
  pauses: readonly Pause[],
  maxPartSec: number = AURORA_MAX_AUDIO_SECONDS,
): SplitPlan {
  const usable = pauses.filter((p) => p.endSec > startSec && p.startSec < endSec).sort((a, b) => a.startSec - b.startSec);
  const preferred = usable.filter((p) => p.endSec - p.startSec >= PREFERRED_PAUSE_SEC);
  const cuts: number[] = [];
  const hardCuts: number[] = [];
  let from = startSec;
  while (endSec - from > maxPartSec + 1e-6) {
    const limit = from + maxPartSec;
    const fits = (p: Pause) => {
      const cut = cutIn(p);
      return cut > from + MIN_PART_SEC && cut <= limit && endSec - cut >= MIN_PART_SEC;
    };
    const pause = [...preferred].reverse().find(fits) ?? [...usable].reverse().find(fits);
    const cut = pause ? cutIn(pause) : limit;
    if (!pause) hardCuts.push(cut);
    cuts.push(Math.round(cut * 1000) / 1000);
    from = cut;
  }
  return { cuts, parts: partsOf(startSec, endSec, cuts), hardCuts };
}

export function partsOf(startSec: number, endSec: number, cuts: readonly number[]): { startSec: number; endSec: number }[] {
  const bounds = [startSec, ...[...cuts].sort((a, b) => a - b), endSec];
  return bounds.slice(1).map((end, i) => ({ startSec: bounds[i] as number, endSec: end }));
}

/** Why a set of cuts (e.g. moved by hand) cannot be used, or null when every part fits. */
export function checkCuts(
  startSec: number,
  endSec: number,
  cuts: readonly number[],
  maxPartSec: number = AURORA_MAX_AUDIO_SECONDS,
): string | null {
  const parts = partsOf(startSec, endSec, cuts);
  for (const [i, part] of parts.entries()) {
    const length = part.endSec - part.startSec;
    if (length > maxPartSec + 1e-6) {
      return `Part ${i + 1} is ${length.toFixed(1)} s; Aurora takes up to ${maxPartSec} s. Add a cut inside it.`;
    }
    if (length < MIN_PART_SEC - 1e-6)
      return `Part ${i + 1} is only ${length.toFixed(2)} s; move its cut so it lasts at least ${MIN_PART_SEC} s.`;
  }
  return null;
}
