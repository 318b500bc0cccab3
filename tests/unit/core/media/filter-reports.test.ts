import { describe, expect, it } from 'vitest';
import { applyLoudnessFilter, parseLoudnormReport, parseMaxVolume } from '../../../../electron/core/media/loudness.ts';
import { parseSilences, speechBounds } from '../../../../electron/core/media/silence-detect.ts';

// Real stderr lines of ffmpeg 5.1's loudnorm, volumedetect and silencedetect filters.
const LOUDNORM = `[Parsed_loudnorm_2 @ 0x5621feb13640] 
{
	"input_i" : "-11.77",
	"input_tp" : "-2.90",
	"input_lra" : "2.30",
	"input_thresh" : "-23.58",
	"output_i" : "-15.32",
	"output_tp" : "-6.23",
	"output_lra" : "2.90",
	"output_thresh" : "-27.41",
	"normalization_type" : "dynamic",
	"target_offset" : "-0.68"
}`.split('\n');

describe('loudnorm report', () => {
  it('reads the first pass and feeds it to the second', () => {
    const measured = parseLoudnormReport(LOUDNORM);
    expect(measured).toEqual({ integratedLufs: -11.77, truePeakDb: -2.9, loudnessRange: 2.3, thresholdLufs: -23.58, targetOffset: -0.68 });
    expect(applyLoudnessFilter(measured!)).toBe(
      'loudnorm=I=-16:TP=-1.5:LRA=11:measured_I=-11.77:measured_TP=-2.9:measured_LRA=2.3:measured_thresh=-23.58:offset=-0.68:linear=true:print_format=none',
    );
  });

  it('is null for silence (-inf) or a missing report', () => {
    expect(parseLoudnormReport(LOUDNORM.map((l) => l.replace('"-11.77"', '"-inf"')))).toBeNull();
    expect(parseLoudnormReport(['size=N/A time=00:00:05.00'])).toBeNull();
  });
});

describe('parseMaxVolume', () => {
  it('reads dB and digital silence', () => {
    expect(parseMaxVolume(['[Parsed_volumedetect_3 @ 0x55] n_samples: 441000', '[Parsed_volumedetect_3 @ 0x55] max_volume: -2.9 dB'])).toBe(
      -2.9,
    );
    expect(parseMaxVolume(['[Parsed_volumedetect_0 @ 0x55] max_volume: -inf dB'])).toBe(-Infinity);
    expect(parseMaxVolume([])).toBeNull();
  });
});

describe('silences', () => {
  const lines = [
    '[silencedetect @ 0x5594] silence_start: 0',
    '[silencedetect @ 0x5594] silence_end: 1.48 | silence_duration: 1.48',
    '[silencedetect @ 0x5594] silence_start: 3.1025',
    '[silencedetect @ 0x5594] silence_end: 3.6 | silence_duration: 0.4975',
    '[silencedetect @ 0x5594] silence_start: 5.2',
  ];

  it('pairs starts and ends, closing one left open at the end of the file', () => {
    expect(parseSilences(lines, 7)).toEqual([
      { startSec: 0, endSec: 1.48 },
      { startSec: 3.1025, endSec: 3.6 },
      { startSec: 5.2, endSec: 7 },
    ]);
  });

  it('finds the speech between leading and trailing silence, with a margin', () => {
    const bounds = speechBounds(parseSilences(lines, 7), 7, 0.15);
    expect(bounds?.startSec).toBeCloseTo(1.33, 6);
    expect(bounds?.endSec).toBeCloseTo(5.35, 6);
    expect(bounds?.savedSec).toBeCloseTo(2.98, 6);
    expect(speechBounds([], 7)).toEqual({ startSec: 0, endSec: 7, savedSec: 0 });
    expect(speechBounds([{ startSec: 0, endSec: 7 }], 7)).toBeNull();
  });
});
