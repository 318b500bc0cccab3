import { describe, expect, it } from 'vitest';
import { billedSeconds } from '../../../shared/aurora.ts';
import { speechBounds } from '../../../electron/core/media/index.ts';
import { JFK_FLAC } from '../../support/fixture-paths.ts';
import { useMediaSandbox } from '../../support/media-fixtures.ts';

describe('silences and waveform peaks', () => {
  const { fx, media, out } = useMediaSandbox();

  describe('detectSilences', () => {
    it('finds the silence around speech, and trimming it costs fewer seconds', async () => {
      const input = await fx.speech({ padBefore: 1.5, padAfter: 2 });
      const { durationSec } = await media.inspectAudio({ input });
      const silences = await media.detectSilences({ input });
      const first = silences[0];
      const last = silences.at(-1);
      expect(first?.startSec).toBe(0);
      expect(first?.endSec).toBeGreaterThan(1.45);
      expect(first?.endSec).toBeLessThan(1.6);
      expect(last?.endSec).toBeCloseTo(durationSec, 2);
      expect(durationSec - (last?.startSec ?? 0)).toBeGreaterThan(1.9);

      const bounds = speechBounds(silences, durationSec);
      expect(bounds?.savedSec).toBeGreaterThan(3);
      const trimmed = await media.prepareAudio({
        input,
        startSec: bounds?.startSec,
        endSec: bounds?.endSec,
        format: 'wav',
        outFile: await out('trimmed.wav'),
      });
      expect(billedSeconds(trimmed.durationSec)).toBeLessThanOrEqual(billedSeconds(durationSec) - 3);
      // Nothing of the speech was cut: the trimmed clip keeps just the margin of silence at each end.
      const kept = await media.detectSilences({ input: trimmed.file, minSilenceSec: 0.1 });
      expect(kept[0]?.startSec).toBe(0);
      expect(kept[0]?.endSec).toBeCloseTo(0.15, 1);
      expect(kept.at(-1)?.endSec).toBeCloseTo(trimmed.durationSec, 2);
      expect(trimmed.durationSec - (kept.at(-1)?.startSec ?? 0)).toBeCloseTo(0.15, 1);
    });

    it('follows the threshold and minimum length it is given', async () => {
      const input = await fx.speech({ padBefore: 0.2 });
      expect(await media.detectSilences({ input, minSilenceSec: 0.5 })).toEqual([]);
      expect((await media.detectSilences({ input, minSilenceSec: 0.1 }))[0]).toMatchObject({ startSec: 0 });
      expect(await media.detectSilences({ input: JFK_FLAC, thresholdDb: -10 })).not.toEqual([]);
    });
  });

  describe('computePeaks', () => {
    it('draws a 5-minute file from streamed PCM: exact length, the right envelope', async () => {
      const input = await fx.longAudio();
      const fractions: number[] = [];
      const peaks = await media.computePeaks({ input, buckets: 1500, onProgress: (p) => fractions.push(p.fraction ?? 0) });
      expect(peaks.sampleRate).toBe(8000);
      expect(peaks.durationSec).toBeCloseTo(300, 3);
      expect(peaks.min).toBeInstanceOf(Float32Array);
      expect(peaks.min.length).toBe(1500);
      expect(peaks.max.length).toBe(1500);
      // The tone's envelope swings between 0.1 and 0.5 once a second; 0.2 s buckets follow it.
      const max = Array.from(peaks.max);
      expect(Math.max(...max)).toBeGreaterThan(0.45);
      expect(Math.max(...max)).toBeLessThan(0.55);
      expect(Math.min(...max)).toBeGreaterThan(0.05);
      expect(Math.min(...max)).toBeLessThan(0.2);
      peaks.min.forEach((lo, i) => expect(lo).toBeCloseTo(-(peaks.max[i] ?? 0), 1));
      expect(fractions.at(-1)).toBe(1);
      fractions.forEach((f, i) => expect(f).toBeGreaterThanOrEqual(fractions[i - 1] ?? 0));
    });

    it('shows silence as flat and speech as wide', async () => {
      const input = await fx.speech({ padBefore: 2, padAfter: 1 });
      const peaks = await media.computePeaks({ input, buckets: 100 });
      const bucketSec = peaks.durationSec / 100;
      const at = (sec: number) => Math.floor(sec / bucketSec);
      expect(peaks.max[at(0.5)]).toBe(0);
      expect(peaks.min[at(1.5)]).toBe(0);
      expect(Math.max(...peaks.max.subarray(at(2.2), at(peaks.durationSec - 1.2)))).toBeGreaterThan(0.2);
    });

    it('draws the sound of a video, and more buckets than samples without gaps', async () => {
      const take = await fx.take('take.mp4', await fx.tone({ seconds: 2 }));
      const peaks = await media.computePeaks({ input: take, buckets: 400 });
      expect(peaks.durationSec).toBeGreaterThan(1.9);
      expect(Math.min(...peaks.max.subarray(10, 390))).toBeGreaterThan(0.3);
      const tiny = await media.computePeaks({ input: take, buckets: 50_000, sampleRate: 8000 });
      expect(tiny.max.length).toBe(50_000);
    });

    it('refuses a bucket count that is not a positive whole number', async () => {
      await expect(media.computePeaks({ input: JFK_FLAC, buckets: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });
});
