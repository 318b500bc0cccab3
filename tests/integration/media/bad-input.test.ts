import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMediaToolkit } from '../../../electron/core/media/index.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';
import { ffmpeg, useMediaSandbox } from '../../support/media-fixtures.ts';

/** The message a person reads for each bad input, exactly. */
describe('bad input', () => {
  const { dir, fx, media } = useMediaSandbox();

  const prepare = (input: string, extra: { startSec?: number; endSec?: number } = {}) =>
    media.prepareAudio({ input, format: 'wav', outFile: join(dir, 'out', 'audio.wav'), ...extra });

  it('zero-byte file', async () => {
    const empty = await fx.write('empty.wav', '');
    const refusal = {
      code: 'media_empty',
      message: '"empty.wav" is empty (0 bytes). Choose the file again, or export it again from the app that made it.',
      details: { file: 'empty.wav' },
    };
    await expect(media.inspectAudio({ input: empty })).rejects.toMatchObject(refusal);
    await expect(prepare(empty)).rejects.toMatchObject(refusal);
  });

  it('truncated mp3', async () => {
    const full = await fx.once('speech.mp3', (file) => ffmpeg('-i', JFK_FLAC, '-c:a', 'libmp3lame', '-b:a', '128k', file));
    const cut = await fx.truncated(full, 'cut short.mp3', 0.4);
    await expect(media.inspectAudio({ input: cut })).rejects.toMatchObject({
      code: 'media_truncated',
      message:
        '"cut short.mp3" stops after 4.4 s, though its header says it lasts 11.0 s: the file is incomplete, perhaps from an interrupted ' +
        'download or copy. Get the whole file again, or export it again from the app that made it.',
    });
    // A selection past the part that plays is refused too; one inside it is fine.
    await expect(prepare(cut, { startSec: 2, endSec: 8 })).rejects.toMatchObject({ code: 'media_truncated' });
    await expect(prepare(cut, { startSec: 1, endSec: 4 })).resolves.toMatchObject({ durationSec: 3 });
  });

  it('text file renamed .wav', async () => {
    const text = await fx.write('notes.wav', 'Remember to record the intro again.\nTake 2 was better.\n');
    await expect(media.inspectAudio({ input: text })).rejects.toMatchObject({
      code: 'media_unreadable',
      message:
        '"notes.wav" holds text, not audio; it may have been renamed. Choose an audio file (wav, mp3, m4a, flac, ogg or opus) or a video with sound.',
    });
  });

  it('damaged data that is not text', async () => {
    const noise = await fx.write(
      'noise.wav',
      Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251),
    );
    await expect(prepare(noise)).rejects.toMatchObject({
      code: 'media_unreadable',
      message:
        '"noise.wav" could not be read as audio (ffmpeg: Invalid data found when processing input). It may be damaged or in a format ' +
        'ffmpeg does not know. Choose an audio file (wav, mp3, m4a, flac, ogg or opus) or a video with sound.',
    });
  });

  it('image renamed .mp3', async () => {
    const photo = await fx.copyAs(MONALISA_JPG, 'photo.mp3');
    await expect(prepare(photo)).rejects.toMatchObject({
      code: 'media_wrong_kind',
      message:
        '"photo.mp3" holds a picture (JPEG), not audio, although its name ends in .mp3. Choose an audio file (wav, mp3, m4a, flac, ogg or opus) or a video with sound.',
    });
  });

  it('audio where a picture is expected, and a video without sound where audio is', async () => {
    await expect(
      media.normaliseImage({ input: await fx.copyAs(JFK_FLAC, 'portrait.png'), outFile: join(dir, 'out', 'p.png') }),
    ).rejects.toMatchObject({
      code: 'media_wrong_kind',
      message: '"portrait.png" holds audio, not a picture, although its name ends in .png. Choose a JPEG, PNG or WebP picture.',
    });
    const mute = await fx.once('mute clip.mp4', (file) =>
      ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=320x240:d=1', '-c:v', 'libx264', '-preset', 'ultrafast', file),
    );
    await expect(prepare(mute)).rejects.toMatchObject({
      code: 'media_wrong_kind',
      message:
        '"mute clip.mp4" holds a video without sound, not audio. Choose an audio file (wav, mp3, m4a, flac, ogg or opus) or a video with sound.',
    });
  });

  it('silent audio', async () => {
    const silent = await fx.silence(5);
    await expect(media.inspectAudio({ input: silent })).rejects.toMatchObject({
      code: 'audio_silent',
      message:
        '"silence 5s.wav" is silent (it holds only digital silence). Aurora animates the face from the voice, so choose a recording with speech.',
    });
    const speech = await fx.speech({ padBefore: 3 });
    await expect(prepare(speech, { startSec: 0.5, endSec: 2.5 })).rejects.toMatchObject({
      code: 'audio_silent',
      message:
        'The selection 0.5–2.5 s of "speech 63 3 0.wav" is silent (it holds only digital silence). Aurora animates the face from the voice, so choose a part with speech.',
    });
    await expect(
      media.prepareAudio({
        input: speech,
        startSec: 0.5,
        endSec: 2.5,
        format: 'mp3',
        normalizeLoudness: true,
        outFile: join(dir, 'out', 'a.mp3'),
      }),
    ).rejects.toMatchObject({ code: 'audio_silent' });
  });

  it('audio over 60 s, offering to trim or split', async () => {
    const long = await fx.longAudio();
    await expect(prepare(long)).rejects.toMatchObject({
      code: 'audio_too_long',
      message: '"five minutes.mp3" is 300.0 s long; Aurora takes up to 60 s. Trim it to 60 s or less, or split it into 5 parts.',
      details: { file: 'five minutes.mp3', limitSec: 60 },
    });
    await expect(prepare(long, { startSec: 10, endSec: 84 })).rejects.toMatchObject({
      code: 'audio_too_long',
      message:
        'The selection of "five minutes.mp3" is 74.0 s long; Aurora takes up to 60 s. Shorten the selection, or split it into 2 parts.',
    });
    const inspection = await media.inspectAudio({ input: long });
    expect(inspection).toMatchObject({ fitsAurora: false });
    expect(inspection.durationSec).toBeCloseTo(300, 2);
  });

  it('unicode and spaces in paths, and a file that is not there', async () => {
    const input = await fx.copyAs(JFK_FLAC, 'Rede – ünïcødé 🎤 (final).flac');
    await expect(prepare(input, { startSec: 1, endSec: 2 })).resolves.toMatchObject({ durationSec: 1 });
    await expect(prepare(join(dir, 'gone – ünïcødé.wav'))).rejects.toMatchObject({
      code: 'media_missing',
      message: '"gone – ünïcødé.wav" was not found. It may have been moved, renamed or deleted; choose it again.',
    });
  });

  it('unsupported codec', async () => {
    const odd = await fx.once('odd codec.wav', async (file) => {
      const wav = await fx.tone({ seconds: 1 });
      const bytes = Buffer.from(await readFile(wav));
      bytes.writeUInt16LE(0x1234, bytes.indexOf('fmt ') + 8); // a format tag no decoder knows
      await writeFile(file, bytes);
    });
    await expect(prepare(odd)).rejects.toMatchObject({
      code: 'media_unsupported',
      message:
        '"odd codec.wav" uses an audio codec that this ffmpeg cannot decode (codec tag 0x1234). Convert it in another app (to wav or mp3), then add it again.',
    });
  });

  it('ffmpeg missing', async () => {
    const none = createMediaToolkit({ env: { FFMPEG_PATH: join(dir, 'no ffmpeg here'), PATH: '' }, loadFfmpegStatic: async () => null });
    await expect(none.prepareAudio({ input: JFK_FLAC, format: 'wav', outFile: join(dir, 'out', 'x.wav') })).rejects.toMatchObject({
      code: 'ffmpeg_missing',
      message: expect.stringMatching(
        /^Avatar Studio needs ffmpeg .*Set FFMPEG_PATH .*install the ffmpeg-static package .*"ffmpeg" is on your PATH\./,
      ),
    });
  });
});
