import { describe, expect, it } from 'vitest';
import { createProgressParser, progressSlice, type MediaProgress } from '../../../../electron/core/media/ffmpeg-progress.ts';

const BLOCK = (us: string, state: string) =>
  `bitrate=1411.2kbits/s\ntotal_size=1000\nout_time_us=${us}\nout_time_ms=${us}\nout_time=00:00:01.000000\nspeed=10x\nprogress=${state}\n`;

describe('createProgressParser', () => {
  it('reports one event per block, with the fraction of the known total', () => {
    const events: MediaProgress[] = [];
    const feed = createProgressParser(4, (p) => events.push(p));
    feed(BLOCK('N/A', 'continue') + BLOCK('1000000', 'continue') + BLOCK('3000000', 'continue') + BLOCK('4000000', 'end'));
    expect(events).toEqual([
      { outTimeSec: 0, fraction: 0 },
      { outTimeSec: 1, fraction: 0.25 },
      { outTimeSec: 3, fraction: 0.75 },
      { outTimeSec: 4, fraction: 1 },
    ]);
  });

  it('copes with chunks that split lines anywhere', () => {
    const events: MediaProgress[] = [];
    const feed = createProgressParser(null, (p) => events.push(p));
    const text = BLOCK('2500000', 'continue') + BLOCK('5000000', 'end');
    for (let i = 0; i < text.length; i += 7) feed(text.slice(i, i + 7));
    expect(events).toEqual([
      { outTimeSec: 2.5, fraction: null },
      { outTimeSec: 5, fraction: 1 },
    ]);
  });

  it('never reports more than the whole', () => {
    const events: MediaProgress[] = [];
    createProgressParser(1, (p) => events.push(p))(BLOCK('1500000', 'continue'));
    expect(events[0]?.fraction).toBe(1);
  });
});

describe('progressSlice', () => {
  it('maps a step onto its share of the job', () => {
    const seen: (number | null)[] = [];
    const slice = progressSlice((p) => seen.push(p.fraction), 0.3, 0.9);
    slice?.({ outTimeSec: 0, fraction: 0 });
    slice?.({ outTimeSec: 1, fraction: 0.5 });
    slice?.({ outTimeSec: 2, fraction: 1 });
    slice?.({ outTimeSec: 2, fraction: null });
    expect(seen.map((f) => (f === null ? null : Number(f.toFixed(6))))).toEqual([0.3, 0.6, 0.9, null]);
  });
});
