/**
 * EBU R128 loudness with ffmpeg's `loudnorm`, in two passes: the first measures the
 * selection, the second applies one linear gain computed from that measurement.
 * One pass would have to guess and would pump the level; a linear gain keeps the
 * voice's dynamics and the selection's length exact. Where that gain would push the
 * peaks over the true-peak ceiling, loudnorm limits them instead and lands within
 * about 1 LU of the target.
 */

/** Spoken word for online video: -16 LUFS integrated, true peak under -1.5 dBTP. */
export const LOUDNESS_TARGET = { integratedLufs: -16, truePeakDb: -1.5, loudnessRange: 11 } as const;

export interface LoudnessMeasurement {
  integratedLufs: number;
  truePeakDb: number;
  loudnessRange: number;
  thresholdLufs: number;
  targetOffset: number;
}

const TARGET = `I=${LOUDNESS_TARGET.integratedLufs}:TP=${LOUDNESS_TARGET.truePeakDb}:LRA=${LOUDNESS_TARGET.loudnessRange}`;

export function measureLoudnessFilter(): string {
  return `loudnorm=${TARGET}:print_format=json`;
}

export function applyLoudnessFilter(m: LoudnessMeasurement): string {
  return (
    `loudnorm=${TARGET}:measured_I=${m.integratedLufs}:measured_TP=${m.truePeakDb}` +
    `:measured_LRA=${m.loudnessRange}:measured_thresh=${m.thresholdLufs}:offset=${m.targetOffset}` +
    ':linear=true:print_format=none'
  );
}

/** Reads the JSON block `loudnorm` prints at the end of a pass; null when it is missing or incomplete. */
export function parseLoudnormReport(lines: readonly string[]): LoudnessMeasurement | null {
  const start = lines.findIndex((l) => l.trim() === '{');
  const end = lines.findIndex((l, i) => i > start && l.trim() === '}');
  if (start < 0 || end < 0) return null;
  let raw: Record<string, string>;
  try {
    raw = JSON.parse(lines.slice(start, end + 1).join('\n')) as Record<string, string>;
  } catch {
    return null;
  }
  const values = [raw.input_i, raw.input_tp, raw.input_lra, raw.input_thresh, raw.target_offset].map(Number);
  if (!values.every(Number.isFinite)) return null;
  const [integratedLufs, truePeakDb, loudnessRange, thresholdLufs, targetOffset] = values as [number, number, number, number, number];
  return { integratedLufs, truePeakDb, loudnessRange, thresholdLufs, targetOffset };
}

/** Reads `volumedetect`'s peak ("max_volume: -3.2 dB", or "-inf dB" for digital silence). */
export function parseMaxVolume(lines: readonly string[]): number | null {
  for (const line of lines) {
    const match = /max_volume: (-?inf|-?[\d.]+) dB/.exec(line);
    if (match?.[1]) return match[1].endsWith('inf') ? -Infinity : Number(match[1]);
  }
  return null;
}

/** Below this peak a recording holds nothing a face could be animated from. */
export const SILENT_PEAK_DB = -60;
