import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MONALISA_JPG } from '../../support/fixture-paths.ts';
import { useMediaSandbox } from '../../support/media-fixtures.ts';

describe('takes: verify, poster, export, join', () => {
  const { dir, scratch, fx, media, out } = useMediaSandbox();
  let audio: string;
  let audioSec: number;
  let take: string;
  beforeAll(async () => {
    const sent = await media.prepareAudio({ input: await fx.speech(), format: 'wav', outFile: join(dir, 'audio.wav') });
    audio = sent.file;
    audioSec = sent.durationSec;
    take = await fx.take('take-1.mp4', audio);
  });

  describe('verifyTake', () => {
    it('accepts a complete take as long as the audio sent', async () => {
      const verified = await media.verifyTake({ file: take, expectedDurationSec: audioSec });
      expect(verified).toMatchObject({ width: 320, height: 320, videoCodec: 'h264', audioCodec: 'aac' });
      expect(Math.abs(verified.durationSec - audioSec)).toBeLessThan(0.5);
      expect(Math.abs(verified.decodedSec - audioSec)).toBeLessThan(0.5);
    });

    it('refuses a take whose length does not match the audio sent', async () => {
      const verified = await media.verifyTake({ file: take, expectedDurationSec: audioSec });
      await expect(media.verifyTake({ file: take, expectedDurationSec: 12 })).rejects.toMatchObject({
        code: 'video_invalid',
        message: `The take "take-1.mp4" lasts ${verified.durationSec.toFixed(1)} s, but the audio sent was 12.0 s (more than 0.5 s apart), so it is probably incomplete. Download it again.`,
        details: { reason: 'duration_mismatch' },
      });
    });

    it('refuses an interrupted download', async () => {
      const cut = await fx.truncated(take, 'take-2.mp4', 0.6);
      await expect(media.verifyTake({ file: cut, expectedDurationSec: audioSec })).rejects.toMatchObject({
        code: 'video_invalid',
        message:
          'The take "take-2.mp4" is not a video ffmpeg can read (ffmpeg: Invalid data found when processing input): the download is probably incomplete. Download it again.',
        details: { reason: 'unreadable' },
      });
      // With the index at the front the file opens, but its data stops early.
      const streamable = await fx.take('take-3.mp4', audio, { extra: ['-movflags', '+faststart'] });
      const cutStreamable = await fx.truncated(streamable, 'take-4.mp4', 0.5);
      const refusal = await media.verifyTake({ file: cutStreamable, expectedDurationSec: audioSec }).catch((error: unknown) => error);
      expect(refusal).toMatchObject({
        code: 'video_invalid',
        details: { reason: expect.stringMatching(/^(decode_errors|duration_mismatch)$/) },
      });
    });

    it('refuses an empty download and a file that is no video', async () => {
      await expect(media.verifyTake({ file: await fx.write('take-5.mp4', ''), expectedDurationSec: 3 })).rejects.toMatchObject({
        code: 'video_invalid',
        message: 'The take "take-5.mp4" is empty (0 bytes): the download did not complete. Download it again.',
      });
      await expect(media.verifyTake({ file: await fx.copyAs(MONALISA_JPG, 'take-6.mp4'), expectedDurationSec: 3 })).rejects.toMatchObject({
        code: 'video_invalid',
        message: 'The take "take-6.mp4" is not a video. Download it again.',
      });
    });
  });

  describe('makePoster', () => {
    it('takes a still a little way in, or where asked', async () => {
      const poster = await media.makePoster({ video: take, outFile: await out('take-1.jpg') });
      expect(poster).toMatchObject({ width: 320, height: 320 });
      expect(poster.atSec).toBeGreaterThan(0);
      expect(await media.probe(poster.file)).toMatchObject({ kind: 'image', video: { codec: 'mjpeg', width: 320, height: 320 } });
      const late = await media.makePoster({ video: take, outFile: await out('late.png'), atSec: 999 });
      expect(late.atSec).toBeLessThan((await media.probe(take)).durationSec ?? 0);
      expect((await media.probe(late.file)).video?.codec).toBe('png');
    });
  });

  describe('exportTake', () => {
    it('copies an MP4 take into MP4 and MOV without re-encoding', async () => {
      const mp4 = await media.exportTake({ input: take, format: 'mp4', outFile: await out('export.mp4') });
      expect(mp4).toMatchObject({ videoCopied: true, audioCopied: true, videoCodec: 'h264', audioCodec: 'aac' });
      const mov = await media.exportTake({ input: take, format: 'mov', outFile: await out('export.mov') });
      expect(await media.probe(mov.file)).toMatchObject({
        container: expect.stringContaining('mov'),
        video: { codec: 'h264' },
        audio: { codec: 'aac' },
      });
    });

    it('re-muxes the original full-quality audio', async () => {
      const mov = await media.exportTake({ input: take, format: 'mov', originalAudio: audio, outFile: await out('original.mov') });
      expect(mov).toMatchObject({ videoCopied: true, audioCodec: 'pcm_s16le' });
      expect(await media.probe(mov.file)).toMatchObject({ audio: { codec: 'pcm_s16le' } });
      const mp4 = await media.exportTake({ input: take, format: 'mp4', originalAudio: audio, outFile: await out('original.mp4') });
      expect(await media.probe(mp4.file)).toMatchObject({ video: { codec: 'h264' }, audio: { codec: 'aac' } });
    });

    it('transcodes to WebM (VP9/Opus), reporting progress', async () => {
      const fractions: number[] = [];
      const webm = await media.exportTake({
        input: take,
        format: 'webm',
        quality: 'small',
        outFile: await out('export.webm'),
        onProgress: (p) => fractions.push(p.fraction ?? 0),
      });
      expect(webm).toMatchObject({ videoCopied: false, videoCodec: 'vp9', audioCodec: 'opus' });
      const info = await media.probe(webm.file);
      expect(info).toMatchObject({
        container: 'matroska,webm',
        video: { codec: 'vp9', width: 320, height: 320 },
        audio: { codec: 'opus' },
      });
      expect(Math.abs((info.durationSec ?? 0) - audioSec)).toBeLessThan(0.2);
      expect(fractions.at(-1)).toBe(1);
    });

    it('stops when canceled and leaves nothing behind', async () => {
      const outFile = await out('canceled.webm');
      const controller = new AbortController();
      const attempt = media.exportTake({
        input: take,
        format: 'webm',
        outFile,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      });
      await expect(attempt).rejects.toMatchObject({ code: 'media_canceled' });
      expect(await readdir(join(outFile, '..'))).toEqual([]);
    });
  });

  describe('concatTakes', () => {
    it('joins takes made alike by copying, with their own sound or one track for all', async () => {
      // Same picture size and the same sound format as the first take (22.05 kHz mono speech).
      const second = await fx.take('take-7.mp4', await fx.tone({ seconds: 2, rate: 22050, channels: 1, amplitude: 0.3 }));
      const joined = await media.concatTakes({ inputs: [take, second], outFile: await out('joined.mp4') });
      expect(joined.copied).toBe(true);
      const info = await media.probe(joined.file);
      expect(info.durationSec).toBeCloseTo(audioSec + 2, 0);
      const withTrack = await media.concatTakes({
        inputs: [take, second],
        audio: await fx.tone({ seconds: 6 }),
        outFile: await out('with track.mp4'),
      });
      expect(withTrack.copied).toBe(true);
      expect(await media.probe(withTrack.file)).toMatchObject({ video: { codec: 'h264', width: 320 }, audio: { codec: 'aac' } });
      expect(await readdir(scratch)).toEqual([]);
    });

    it('re-encodes takes that differ, to the first one’s size', async () => {
      const small = await fx.take('take-8.mp4', await fx.tone({ seconds: 1 }), { size: '256x256' });
      const joined = await media.concatTakes({ inputs: [take, small], outFile: await out('mixed.mp4') });
      expect(joined.copied).toBe(false);
      const info = await media.probe(joined.file);
      expect(info.video).toMatchObject({ codec: 'h264', width: 320, height: 320 });
      expect(info.durationSec).toBeCloseTo(audioSec + 1, 0);
    });
  });
});
