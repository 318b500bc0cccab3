import { describe, expect, it } from 'vitest';
import {
  mp3SafeSamples,
  MP3_OVERHEAD_SAMPLES,
  outputSampleRate,
  planTrim,
  type TrimRequest,
} from '../../../../electron/core/media/audio-plan.ts';

const base: TrimRequest = { file: '/projects/Demo/media/voice.flac', durationSec: 30, sourceRate: 44100, sourceChannels: 2, format: 'wav' };

describe('planTrim', () => {
  it('turns a selection into exact sample counts, never rounding up', () => {
    const plan = planTrim({ ...base, startSec: 1.5, endSec: 4.717 });
    expect(plan).toMatchObject({ startSample: 66150, outputRate: 44100, channels: 2, selectedSamples: 141869, keptSamples: 141869 });
    expect(plan.selectedSamples / 44100).toBeLessThanOrEqual(3.217);
  });

  it('fades only where it cuts', () => {
    expect(planTrim({ ...base, startSec: 0, endSec: 5 })).toMatchObject({ fadeIn: false, fadeOut: true, fadeSamples: 221 });
    expect(planTrim({ ...base, startSec: 2 })).toMatchObject({ fadeIn: true, fadeOut: false });
  });

  it('keeps mp3 frames, padding included, within 10 ms of the selection', () => {
    for (const rate of [44100, 48000]) {
      for (const seconds of [1, 5, 7.25, 59.99]) {
        const selected = Math.floor(seconds * rate);
        const kept = mp3SafeSamples(selected, rate);
        const frame = 1152;
        const frames = Math.ceil((kept + MP3_OVERHEAD_SAMPLES) / frame);
        expect(frames * frame).toBeLessThanOrEqual(selected + Math.floor(rate * 0.01));
        // …while giving up less than 45 ms of the end.
        expect(selected - kept).toBeLessThan(MP3_OVERHEAD_SAMPLES + frame);
        expect((selected - kept) / rate).toBeLessThan(0.045);
      }
    }
  });

  it("never lets an mp3's frames span past Aurora's 60 s, even with the tolerance", () => {
    for (const rate of [44100, 48000]) {
      for (const endSec of [60, 59.995]) {
        const plan = planTrim({ ...base, durationSec: 90, sourceRate: rate, format: 'mp3', startSec: 0, endSec });
        const frames = Math.ceil((plan.keptSamples + MP3_OVERHEAD_SAMPLES) / 1152);
        expect(frames * 1152, `${rate} Hz to ${endSec} s`).toBeLessThanOrEqual(60 * rate);
        expect(plan.limitSamples).toBe(Math.min(plan.selectedSamples + Math.floor(rate * 0.01), 60 * rate));
      }
    }
    // A split's continuous soundtrack has no limit but the tolerance.
    const long = planTrim({ ...base, durationSec: 90, format: 'mp3', startSec: 0, endSec: 60, maxSec: null });
    expect(long.limitSamples).toBe(long.selectedSamples + 441);
  });

  it('keeps a wav near the source rate and puts mp3 at 44.1 or 48 kHz', () => {
    const rates = [8000, 22050, 44100, 48000, 96000, 11000, 37800];
    expect(rates.map((r) => outputSampleRate(r, 'wav'))).toEqual([8000, 22050, 44100, 48000, 48000, 11025, 44100]);
    expect(rates.map((r) => outputSampleRate(r, 'mp3'))).toEqual([44100, 44100, 44100, 48000, 48000, 44100, 44100]);
  });

  it('refuses more than Aurora takes, offering to trim or split', () => {
    expect(() => planTrim({ ...base, durationSec: 74 })).toThrow(
      expect.objectContaining({
        code: 'audio_too_long',
        message: '"voice.flac" is 74.0 s long; Aurora takes up to 60 s. Trim it to 60 s or less, or split it into 2 parts.',
      }),
    );
    expect(() => planTrim({ ...base, durationSec: 200, startSec: 10, endSec: 70.004 })).toThrow(
      expect.objectContaining({
        code: 'audio_too_long',
        message:
          'The selection of "voice.flac" is 60.004 s long; Aurora takes up to 60 s. Shorten the selection, or split it into 2 parts.',
        details: expect.objectContaining({ durationSec: expect.closeTo(60.004, 6), limitSec: 60 }),
      }),
    );
    expect(planTrim({ ...base, durationSec: 200, startSec: 10, endSec: 70 }).selectedSamples).toBe(60 * 44100);
  });

  it('refuses selections that cannot be cut, saying which marker to move', () => {
    const cases: [Partial<TrimRequest>, string][] = [
      [{ startSec: 5, endSec: 3 }, 'The selection of "voice.flac" is empty: its end (3.0 s) must come after its start (5.0 s).'],
      [{ startSec: -1, endSec: 3 }, 'The selection of "voice.flac" must start at 0 s or later (it starts at -1.0 s).'],
      [
        { startSec: 31, endSec: 33 },
        'The selection of "voice.flac" starts at 31.0 s, after the end of the audio (30.0 s). Move the start marker inside the audio.',
      ],
      [
        { startSec: 1, endSec: 31 },
        'The selection of "voice.flac" ends at 31.0 s, but the audio is 30.0 s long. Move the end marker inside the audio.',
      ],
      [{ startSec: 1, endSec: 1.05 }, 'The selection of "voice.flac" is 0.05 s long; choose at least 0.1 s of audio.'],
      [{ startSec: Number.NaN, endSec: 2 }, 'The selection of "voice.flac" is not a pair of numbers. Set the start and end markers again.'],
      [{ durationSec: null }, 'The length of "voice.flac" is unknown, so the selection needs an end. Set the end marker, then try again.'],
    ];
    for (const [change, message] of cases) {
      expect(() => planTrim({ ...base, ...change })).toThrow(expect.objectContaining({ code: 'selection_invalid', message }));
    }
  });

  it('takes an end a little past the file as the end of the file', () => {
    const plan = planTrim({ ...base, startSec: 29, endSec: 30.04 });
    expect(plan.selectedSamples).toBe(44100);
    expect(plan.fadeOut).toBe(false);
  });
});
