/** Money always with two decimals and a dollar sign (UI.md, "Words"). */
export function money(value: number): string {
  return `$${value.toFixed(2)}`;
}

/** Seconds with one decimal (the trim fields use two). */
export function seconds(value: number, decimals = 1): string {
  return `${value.toFixed(decimals)} s`;
}

/** m:ss for elapsed times and ETAs. */
export function clock(totalSec: number): string {
  const s = Math.max(0, Math.round(totalSec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function kilohertz(sampleRate: number): string {
  return `${Math.round(sampleRate / 100) / 10}k`;
}
