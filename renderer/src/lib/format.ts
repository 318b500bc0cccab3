import { auroraModel } from '../../../shared/aurora-models.ts';
import { shortUrl } from '../../../shared/url-display.ts';
import { AURORA_LIMITS, type AuroraSettings } from '../../../shared/aurora.ts';
import type { ShownCost } from '../../../shared/spend.ts';

import { money } from '../../../shared/money.ts';

export { money };

/** A generation's cost as rows show it: charged, estimated (≈), or not charged at all. */
export function costText(cost: ShownCost): string {
  if (cost.basis === 'none') return 'not charged';
  return `${cost.basis === 'estimate' ? '≈' : ''}${money(cost.usd)}`;
}

export const COST_BASIS_HINT: Record<ShownCost['basis'], string> = {
  reported: 'What Runware charged',
  estimate: 'Estimated: Runware has not reported the cost yet',
  none: 'Runware charged nothing for it',
};

/** Seconds with one decimal (the trim fields use two). */
export function seconds(value: number, decimals = 1): string {
  return `${value.toFixed(decimals)} s`;
}

/** m:ss.cc for a position in a voice: trim works at hundredths of a second. */
export function timecode(totalSec: number): string {
  const cs = Math.max(0, Math.round(totalSec * 100));
  const m = Math.floor(cs / 6000);
  const rest = ((cs % 6000) / 100).toFixed(2).padStart(5, '0');
  return `${m}:${rest}`;
}

/** Bytes as megabytes with one decimal ("2.4 MB"), for uploads and downloads. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
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

/**
 * A composition's settings on one line ("2 takes · MP4 · quality 95 · CFG 1.00 ·
 * content check"), as the composer, the project defaults and the library show them.
 * `takes: false` leaves out the count where it is shown beside.
 */
export function settingsSummary(settings: AuroraSettings, options: { takes?: boolean; normalizeLoudness?: boolean } = {}): string {
  return [
    options.takes === false ? null : plural(settings.numberResults, 'take'),
    auroraModel(settings.model).role === 'draft' ? `draft ${auroraModel(settings.model).resolution}` : null,
    settings.outputFormat,
    `quality ${settings.outputQuality}`,
    `CFG ${(settings.CFGScale ?? AURORA_LIMITS.CFGScale.default).toFixed(2)}`,
    settings.safety?.checkContent ? `content check (${settings.safety.mode ?? 'fast'})` : null,
    settings.ttl !== undefined ? `link kept ${settings.ttl} s` : null,
    settings.webhookURL ? `webhook ${shortUrl(settings.webhookURL)}` : null,
    settings.uploadEndpoint ? `upload to ${shortUrl(settings.uploadEndpoint)}` : null,
    options.normalizeLoudness ? 'even loudness' : null,
  ]
    .filter((part) => part !== null)
    .join(' · ');
}
