/** Where a running ffmpeg job is: seconds of output written, and the share of the whole when known. */
export interface MediaProgress {
  outTimeSec: number;
  /** 0…1, or null when the total length is not known. */
  fraction: number | null;
}

/**
 * Reads ffmpeg's `-progress` stream (blocks of `key=value` lines, each ending in
 * `progress=continue` or `progress=end`) and reports one event per block. Chunks
 * may split lines anywhere.
 */
export function createProgressParser(totalSec: number | null, emit: (progress: MediaProgress) => void): (chunk: string) => void {
  let pending = '';
  let outTimeSec = 0;
  return (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.trim();
      const eq = line.indexOf('=');
      if (eq < 0) continue;
      const key = line.slice(0, eq);
      const value = line.slice(eq + 1);
      if (key === 'out_time_us' || key === 'out_time_ms') {
        // Both keys carry microseconds (out_time_ms is misnamed in ffmpeg); "N/A" before the first frame.
        const micros = Number(value);
        if (Number.isFinite(micros) && micros >= 0) outTimeSec = micros / 1e6;
      } else if (key === 'progress') {
        const done = value === 'end';
        emit({ outTimeSec, fraction: fractionOf(outTimeSec, totalSec, done) });
      }
    }
  };
}

function fractionOf(outTimeSec: number, totalSec: number | null, done: boolean): number | null {
  if (done) return 1;
  if (totalSec === null || !(totalSec > 0)) return null;
  return Math.min(1, Math.max(0, outTimeSec / totalSec));
}

/**
 * Maps a step's own 0…1 onto a slice of a job made of several steps, so the
 * caller sees one bar that only moves forward.
 */
export function progressSlice(
  onProgress: ((progress: MediaProgress) => void) | undefined,
  from: number,
  to: number,
): ((progress: MediaProgress) => void) | undefined {
  if (!onProgress) return undefined;
  return (p) => onProgress({ outTimeSec: p.outTimeSec, fraction: p.fraction === null ? null : from + (to - from) * p.fraction });
}
