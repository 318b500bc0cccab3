export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The same quantity for a reference implementation, measured in the same run. */
  baseline?: number;
  /** value / baseline; filled in by the runner when a baseline is given. */
  ratio?: number;
}

/** A bench suite: bench/suites/<name>.ts default-exports one. */
export type BenchSuite = () => Promise<BenchResult[]>;

/** Median wall time of `runs` calls, in milliseconds. */
export async function medianMs(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}
