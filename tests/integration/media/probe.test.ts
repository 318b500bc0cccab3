import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMediaToolkit, type MediaInfo, type MediaToolkit } from '../../../electron/core/media/index.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';
import { envWithoutFfprobe, ffmpeg, useMediaSandbox } from '../../support/media-fixtures.ts';

describe('probe', () => {
  const { dir, fx, media } = useMediaSandbox();
  /** The same toolkit with ffprobe gone, reading `ffmpeg -i` instead. */
  let fallback: MediaToolkit;
  beforeAll(async () => {
    const { ffmpeg: binary } = await media.tools();
    fallback = createMediaToolkit({ env: await envWithoutFfprobe(dir, binary), loadFfmpegStatic: async () => null });
  });

  it('reads container, codec, duration, rate and channels of real speech', async () => {
    expect(await media.probe(JFK_FLAC)).toEqual({
      file: JFK_FLAC,
      container: 'flac',
      kind: 'audio',
      durationSec: 11,
      durationEstimated: false,
      bitRate: expect.any(Number),
      audio: { index: 0, codec: 'flac', codecTag: null, sampleRate: 44100, channels: 2, durationSec: 11 },
      video: null,
      via: 'ffprobe',
    });
  });

  it('reads every common audio format and the sound of a video', async () => {
    const expected: [string, string, string, number][] = [
      ['wav', 'wav', 'pcm_s16le', 44100],
      ['mp3', 'mp3', 'mp3', 44100],
      ['m4a', 'mov,mp4,m4a,3gp,3g2,mj2', 'aac', 44100],
      ['flac', 'flac', 'flac', 44100],
      ['ogg', 'ogg', 'vorbis', 44100],
      ['opus', 'ogg', 'opus', 48000],
    ];
    for (const [ext, container, codec, sampleRate] of expected) {
      const file = await fx.tone({ seconds: 2, ext: ext });
      const info = await media.probe(file);
      expect(info, ext).toMatchObject({ kind: 'audio', container, audio: { codec, sampleRate, channels: 2 } });
      expect(info.durationSec, ext).toBeCloseTo(2, 1);
    }
    const take = await fx.take('take.mp4', await fx.tone({ seconds: 2 }));
    expect(await media.probe(take)).toMatchObject({
      kind: 'video',
      audio: { codec: 'aac', channels: 2 },
      video: { codec: 'h264', width: 320, height: 320, rotation: 0, frameRate: 25 },
    });
  });

  it('reads pictures: size, pixel format and EXIF orientation', async () => {
    expect(await media.probe(MONALISA_JPG)).toMatchObject({
      kind: 'image',
      video: { codec: 'mjpeg', width: 256, height: 256, exifOrientation: 1, rotation: 0 },
    });
    expect(await media.probe(await fx.orientedJpeg(6))).toMatchObject({
      kind: 'image',
      video: { width: 400, height: 300, exifOrientation: 6, rotation: 90, displayWidth: 300, displayHeight: 400 },
    });
    expect(await media.probe(await fx.alphaPng())).toMatchObject({
      kind: 'image',
      container: 'png_pipe',
      video: { codec: 'png', pixelFormat: 'rgba' },
    });
  });

  it('reads the rotation a phone video carries', async () => {
    const take = await fx.take('take.mp4', await fx.tone({ seconds: 2 }));
    const rotated = await fx.once('portrait phone.mp4', (file) => ffmpeg('-i', take, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', file));
    const info = await media.probe(rotated);
    expect(info.video?.rotation === 90 || info.video?.rotation === 270).toBe(true);
    expect(info.video).toMatchObject({ width: 320, height: 320 });
  });

  it('opens names that look like patterns, protocols or options', async () => {
    for (const name of ['take%03d.jpg', 'concat:a|b.flac', '-i.flac', 'ünïcødé speech 🎤.flac']) {
      const file = join(dir, name);
      await copyFile(name.endsWith('.jpg') ? MONALISA_JPG : JFK_FLAC, file);
      expect((await media.probe(file)).kind, name).toBe(name.endsWith('.jpg') ? 'image' : 'audio');
    }
  });

  it('reads the same facts from `ffmpeg -i` when there is no ffprobe', async () => {
    expect((await fallback.tools()).ffprobe).toBeNull();
    const files = [
      JFK_FLAC,
      MONALISA_JPG,
      await fx.orientedJpeg(6),
      await fx.alphaPng(),
      await fx.tone({ seconds: 2, ext: 'mp3', channels: 1 }),
      await fx.tone({ seconds: 2, ext: 'opus' }),
      await fx.tone({ seconds: 2, ext: 'm4a' }),
      await fx.take('take.mp4', await fx.tone({ seconds: 2 })),
    ];
    const facts = (info: MediaInfo) => ({
      kind: info.kind,
      container: info.container,
      duration: info.durationSec === null ? null : Math.round(info.durationSec * 10) / 10,
      audio: info.audio && {
        index: info.audio.index,
        codec: info.audio.codec,
        sampleRate: info.audio.sampleRate,
        channels: info.audio.channels,
      },
      video: info.video && {
        index: info.video.index,
        codec: info.video.codec,
        width: info.video.width,
        height: info.video.height,
        pixelFormat: info.video.pixelFormat,
        rotation: info.video.rotation,
        exifOrientation: info.video.exifOrientation,
      },
    });
    for (const file of files) {
      const read = await fallback.probe(file);
      expect(read.via).toBe('ffmpeg');
      expect(facts(read), file).toEqual(facts(await media.probe(file)));
    }
  });
});
