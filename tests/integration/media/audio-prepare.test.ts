import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { billedSeconds } from '../../../shared/aurora.ts';
import type { MediaProgress } from '../../../electron/core/media/index.ts';
import { JFK_FLAC } from '../../support/fixture-paths.ts';
import { ffmpeg, integratedLoudness, readSamples, useMediaSandbox } from '../../support/media-fixtures.ts';
import { localErrno } from '../../../electron/core/fs/local-write-error.ts';
import { mountSmallDisk } from '../../support/small-disk.ts';

const TOLERANCE = 0.01;

describe('prepareAudio', () => {
  const { dir, scratch, fx, media, out } = useMediaSandbox();

  describe('trim accuracy', () => {
    const selections: [number, number][] = [
      [0, 5],
      [1, 6],
      [0.5, 3.717],
      [2.2, 9.9],
      [3.3333, 4.4444],
      [0.25, 11],
    ];
    for (const format of ['wav', 'mp3'] as const) {
      it(`never sends more than the selection + 10 ms as ${format}, padding included`, async () => {
        for (const [startSec, endSec] of selections) {
          const selected = endSec - startSec;
          const label = `${format} ${startSec}–${endSec}`;
          const result = await media.prepareAudio({ input: JFK_FLAC, startSec, endSec, format, outFile: await out(`${label}.${format}`) });
          // Measured again here, independently: every decoded sample, and the length the header declares.
          const decodedSec = (await readSamples(result.file)).length / result.sampleRate;
          const declaredSec = (await media.probe(result.file)).durationSec ?? Infinity;
          for (const sec of [result.durationSec, result.containerDurationSec, decodedSec, declaredSec]) {
            expect(sec, label).toBeLessThanOrEqual(selected + TOLERANCE);
          }
          expect(decodedSec, label).toBeCloseTo(result.durationSec, 6);
          // wav is exact to the sample; an mp3 gives up under two frames at the end.
          expect(selected - result.durationSec, label).toBeLessThan(format === 'wav' ? 1 / 44100 : 0.045);
          expect(billedSeconds(Math.max(decodedSec, declaredSec)), label).toBe(billedSeconds(selected));
          expect(result, label).toMatchObject({ format, sampleRate: 44100, channels: 2, startSec });
        }
      });
    }

    it("sends a full 60 s selection as an mp3 whose header says 60 s at most (Aurora's limit)", async () => {
      const input = await fx.tone({ seconds: 62 });
      const result = await media.prepareAudio({ input, startSec: 1, endSec: 61, format: 'mp3', outFile: await out('sixty.mp3') });
      expect(result.containerDurationSec).toBeLessThanOrEqual(60);
      expect((await media.probe(result.file)).durationSec).toBeLessThanOrEqual(60);
      expect(result.durationSec).toBeGreaterThan(59.9);
    });

    it('cuts at the exact sample, also through a resampler', async () => {
      // One click at exactly 2.000 s, at two source rates.
      for (const rate of [44100, 96000]) {
        const source = await fx.once(`click ${rate}.flac`, (file) =>
          ffmpeg('-f', 'lavfi', '-i', `aevalsrc=if(eq(n\\,${2 * rate})\\,0.9\\,0):s=${rate}:d=4`, '-c:a', 'flac', file),
        );
        const result = await media.prepareAudio({
          input: source,
          startSec: 1.5,
          endSec: 3,
          format: 'wav',
          outFile: await out(`click ${rate}.wav`),
        });
        const samples = await readSamples(result.file);
        let peakAt = 0;
        samples.forEach((v, i) => {
          if (Math.abs(v) > Math.abs(samples[peakAt] ?? 0)) peakAt = i;
        });
        const expectedAt = 0.5 * result.sampleRate;
        expect(Math.abs(peakAt - expectedAt), `${rate} Hz`).toBeLessThanOrEqual(rate === result.sampleRate ? 0 : 2);
        expect(result.samples).toBe(1.5 * result.sampleRate);
      }
    });

    it('fades a few ms in and out where it cuts, so a cut through a wave does not click', async () => {
      const tone = await fx.tone({ seconds: 3, amplitude: 0.8, channels: 1 });
      const result = await media.prepareAudio({
        input: tone,
        startSec: 1.00011,
        endSec: 2.00037,
        format: 'wav',
        outFile: await out('faded.wav'),
      });
      const samples = await readSamples(result.file);
      const peak = (from: number, to: number) => Math.max(...Array.from(samples.subarray(from, to), Math.abs));
      expect(Math.abs(samples[0] ?? 1)).toBeLessThan(0.01);
      expect(Math.abs(samples.at(-1) ?? 1)).toBeLessThan(0.01);
      expect(peak(0, 20)).toBeLessThan(0.2);
      expect(peak(400, 1000)).toBeGreaterThan(0.75);
      expect(peak(samples.length - 20, samples.length)).toBeLessThan(0.2);
    });
  });

  it('takes every common format, and the sound of a video', async () => {
    const inputs = await Promise.all([
      ...(['wav', 'mp3', 'm4a', 'flac', 'ogg', 'opus'] as const).map((ext) => fx.tone({ seconds: 2, ext })),
      fx.take('take.mp4', await fx.speech()),
    ]);
    for (const input of inputs) {
      const result = await media.prepareAudio({
        input,
        startSec: 0.5,
        endSec: 1.5,
        format: 'mp3',
        outFile: await out(`from ${input.split('/').pop()}.mp3`),
      });
      expect(result.durationSec, input).toBeLessThanOrEqual(1 + TOLERANCE);
      expect(result.durationSec, input).toBeGreaterThan(1 - 0.045);
    }
  });

  it('brings quiet and loud clips to one loudness, keeping the length exact', async () => {
    const speech = await fx.speech({ text: 'Every clip of a project should speak at the same level, loud or quiet.' });
    const quiet = await fx.once('quiet speech.wav', (file) => ffmpeg('-i', speech, '-af', 'volume=-24dB', file));
    for (const input of [speech, quiet]) {
      const result = await media.prepareAudio({
        input,
        startSec: 0.2,
        endSec: 3.2,
        format: 'wav',
        normalizeLoudness: true,
        outFile: await out(`loud ${input.split('/').pop()}`),
      });
      expect(result.samples).toBe(3 * result.sampleRate);
      expect(result.loudness?.integratedLufs).toBeLessThan(-10);
      // Within 1 LU: where the gain would push peaks over -1.5 dBTP, loudnorm limits instead of clipping.
      expect(Math.abs((await integratedLoudness(result.file)) + 16)).toBeLessThanOrEqual(1);
    }
  });

  it('writes the same bytes for the same request, so the upload cache can recognise them', async () => {
    for (const format of ['wav', 'mp3'] as const) {
      const a = await media.prepareAudio({ input: JFK_FLAC, startSec: 1, endSec: 4, format, outFile: await out(`same a.${format}`) });
      const b = await media.prepareAudio({ input: JFK_FLAC, startSec: 1, endSec: 4, format, outFile: await out(`same b.${format}`) });
      expect(Buffer.compare(await readFile(a.file), await readFile(b.file)), format).toBe(0);
    }
  });

  it('reports progress that only moves forward and ends at 1', async () => {
    const events: MediaProgress[] = [];
    const input = await fx.tone({ seconds: 20, ext: 'flac' });
    await media.prepareAudio({
      input,
      format: 'mp3',
      normalizeLoudness: true,
      outFile: await out('progress.mp3'),
      onProgress: (p) => events.push(p),
    });
    const fractions = events.map((e) => e.fraction ?? 0);
    expect(fractions.length).toBeGreaterThan(2);
    expect(fractions.at(-1)).toBe(1);
    fractions.forEach((f, i) => expect(f).toBeGreaterThanOrEqual(fractions[i - 1] ?? 0));
  });

  it('works with unicode, spaces and pattern-like characters in every path', async () => {
    const folder = join(dir, 'Projekte – ünïcødé', 'çà et là 🎤');
    await mkdir(folder, { recursive: true });
    const input = join(folder, "JFK's speech 100%d (take 1).flac");
    await ffmpeg('-i', JFK_FLAC, '-c', 'copy', input);
    const result = await media.prepareAudio({ input, startSec: 1, endSec: 2, format: 'mp3', outFile: join(folder, 'audio ✓ sent.mp3') });
    expect(result.file).toBe(join(folder, 'audio ✓ sent.mp3'));
    expect((await media.inspectAudio({ input: result.file })).durationSec).toBeLessThanOrEqual(1 + TOLERANCE);
  });

  describe('leaves no partial or scratch file behind', () => {
    const contents = async (folder: string) => (await readdir(folder).catch(() => [])).sort();

    it('after success', async () => {
      const outFile = await out('kept.wav');
      await media.prepareAudio({ input: JFK_FLAC, startSec: 0, endSec: 2, format: 'wav', normalizeLoudness: true, outFile });
      expect(await contents(join(outFile, '..'))).toEqual(['kept.wav']);
      expect(await contents(scratch)).toEqual([]);
    });

    it('after a failure', async () => {
      const outFile = await out('silent.wav');
      await expect(media.prepareAudio({ input: await fx.silence(3), format: 'wav', outFile })).rejects.toMatchObject({
        code: 'audio_silent',
      });
      expect(await contents(join(outFile, '..'))).toEqual([]);
    });

    it('after a cancel, killing ffmpeg', async () => {
      const outFile = await out('canceled.mp3');
      const input = await fx.tone({ seconds: 50, ext: 'mp3' });
      const controller = new AbortController();
      const attempt = media.prepareAudio({
        input,
        startSec: 1,
        endSec: 49,
        format: 'mp3',
        normalizeLoudness: true,
        outFile,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      });
      await expect(attempt).rejects.toMatchObject({
        code: 'media_canceled',
        message: 'Work on "tone 440Hz 50s 44100 2ch a0.5.mp3" was canceled; nothing was saved.',
      });
      expect(await contents(join(outFile, '..'))).toEqual([]);
      expect(await contents(scratch)).toEqual([]);
    });
  });

  // ffmpeg exits 0 when its output cannot be written to the end; the short file must not
  // pass for a source that ends early (which tells the person to fetch the file again).
  it.each(['mp3', 'wav'] as const)('a disk that fills while writing the %s is reported as a full disk', async (format) => {
    const disk = await mountSmallDisk(join(dir, `small disk ${format}`), 1);
    if ('skip' in disk) {
      console.warn(`Skipped: ${disk.skip}.`);
      return;
    }
    try {
      await disk.fill(40_000);
      const outFile = join(disk.dir, `sent.${format}`);
      const error: unknown = await media.prepareAudio({ input: JFK_FLAC, startSec: 0, endSec: 6, format, outFile }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'ffmpeg_failed' });
      expect(localErrno(error)).toBe('ENOSPC');
      expect((await readdir(disk.dir)).filter((f) => f !== '.filler')).toEqual([]);
    } finally {
      await disk.unmount();
    }
  });
});
