import { describe, expect, it } from 'vitest';
import { PeakReducer } from '../../../../electron/core/media/peak-reducer.ts';

function ramp(n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => i / n);
}

describe('PeakReducer', () => {
  it('gives each bucket the min and max of its stretch', () => {
    const reducer = new PeakReducer(4, 8, 1);
    reducer.push(Float32Array.from([0, 1, -1, 0.5, 0.25, -0.25, 0.75, -0.5]));
    const { min, max } = reducer.finish(4);
    expect(Array.from(min)).toEqual([0, -1, -0.25, -0.5]);
    expect(Array.from(max)).toEqual([1, 0.5, 0.25, 0.75]);
  });

  it('does not depend on how the stream is chunked', () => {
    const samples = Float32Array.from({ length: 10_000 }, (_, i) => (Math.sin(i / 37) * (i % 101)) / 100);
    const whole = new PeakReducer(50, samples.length);
    whole.push(samples);
    const chunked = new PeakReducer(50, samples.length);
    for (let i = 0; i < samples.length; i += 333) chunked.push(samples.subarray(i, i + 333));
    expect(chunked.finish(50)).toEqual(whole.finish(50));
  });

  it('keeps the shape when the length estimate is far off', () => {
    const samples = ramp(80_000);
    const under = new PeakReducer(10, 8_000);
    under.push(samples);
    const { min, max } = under.finish(10);
    expect(min.length).toBe(10);
    expect(min[0]).toBe(0);
    expect(max[9]).toBeCloseTo(1, 3);
    for (let b = 1; b < 10; b += 1) expect(min[b]).toBeGreaterThan(min[b - 1] as number);
  });

  it('repeats samples rather than leaving gaps when there are fewer samples than buckets', () => {
    const reducer = new PeakReducer(8, 4);
    reducer.push(Float32Array.from([0.1, 0.2, 0.3, 0.4]));
    const { max } = reducer.finish(8);
    expect(Array.from(max).map((v) => Number(v.toFixed(2)))).toEqual([0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.4, 0.4]);
  });

  it('returns zeros for an empty stream', () => {
    const { min, max } = new PeakReducer(3, 100).finish(3);
    expect(Array.from(min)).toEqual([0, 0, 0]);
    expect(Array.from(max)).toEqual([0, 0, 0]);
  });
});
