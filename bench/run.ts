/**
 * `npm run bench`: runs every suite in bench/suites, prints a table and writes
 * bench/results.json as [{name, value, unit, baseline?, ratio?}]. A baseline is
 * always measured in the same run, on the same machine, so ratios compare like
 * with like. Speed targets live here, never as timed assertions in tests.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchResult, BenchSuite } from './bench-types.ts';

const here = import.meta.dirname;
const only = process.argv.slice(2);

async function loadSuites(): Promise<{ name: string; suite: BenchSuite }[]> {
  const files = (await readdir(join(here, 'suites'))).filter((f) => f.endsWith('.ts')).sort();
  const suites = [];
  for (const file of files) {
    const name = file.replace(/\.ts$/, '');
    if (only.length > 0 && !only.includes(name)) continue;
    const mod = (await import(join(here, 'suites', file))) as { default: BenchSuite };
    suites.push({ name, suite: mod.default });
  }
  return suites;
}

function format(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(1) : value.toPrecision(3);
}

function printTable(results: BenchResult[]): void {
  const rows = results.map((r) => [
    r.name,
    `${format(r.value)} ${r.unit}`,
    r.baseline === undefined ? '' : `${format(r.baseline)} ${r.unit}`,
    r.ratio === undefined ? '' : `${format(r.ratio)}×`,
  ]);
  const header = ['benchmark', 'value', 'baseline', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

const results: BenchResult[] = [];
for (const { name, suite } of await loadSuites()) {
  process.stderr.write(`running ${name}…\n`);
  for (const result of await suite()) {
    results.push(
      result.baseline !== undefined && result.ratio === undefined && result.baseline !== 0
        ? { ...result, ratio: result.value / result.baseline }
        : result,
    );
  }
}
printTable(results);
await writeFile(join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
