import { describe, expect, it } from 'vitest';
import { parseFfmpegInfo, splitTopLevel } from '../../../../electron/core/media/ffmpeg-info-text.ts';

// Real `ffmpeg -i` output (ffmpeg 5.1), as read when no ffprobe is installed.
const FLAC = `Input #0, flac, from '/media/jfk.flac':
  Metadata:
    encoder         : Lavf59.27.100
  Duration: 00:00:11.00, start: 0.000000, bitrate: 838 kb/s
  Stream #0:0: Audio: flac, 44100 Hz, stereo, s32 (24 bit)
At least one output file must be specified`;

const MP3_WITH_COVER = `Input #0, mp3, from 'cover.mp3':
  Duration: 00:00:11.05, start: 0.025056, bitrate: 140 kb/s
  Stream #0:0: Audio: mp3, 44100 Hz, stereo, fltp, 128 kb/s
    Metadata:
      encoder         : Lavc59.37
  Stream #0:1: Video: mjpeg (Baseline), yuvj420p(pc, bt470bg/unknown/unknown), 256x256 [SAR 72:72 DAR 1:1], 90k tbr, 90k tbn (attached pic)
    Metadata:
      comment         : Other`;

const ROTATED_MP4 = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'phone clip.mp4':
  Metadata:
    major_brand     : isom
  Duration: 00:00:02.00, start: 0.000000, bitrate: 413 kb/s
  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), 320x240 [SAR 1:1 DAR 4:3], 269 kb/s, 25 fps, 25 tbr, 12800 tbn (default)
    Metadata:
      handler_name    : VideoHandler
    Side data:
      displaymatrix: rotation of -90.00 degrees
  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 129 kb/s (default)
    Metadata:
      handler_name    : SoundHandler`;

const UNKNOWN_CODEC = `[wav @ 0x556952e16840] Estimating duration from bitrate, this may be inaccurate
[wav @ 0x556952e16840] Could not find codec parameters for stream 0 (Audio: none (4[18][0][0] / 0x1234), 44100 Hz, 2 channels, 1411 kb/s): unknown codec
Input #0, wav, from 'odd.wav':
  Duration: 00:00:01.00, bitrate: 1411 kb/s
  Stream #0:0: Audio: none (4[18][0][0] / 0x1234), 44100 Hz, stereo, 1411 kb/s`;

const PNG = `Input #0, png_pipe, from 'cut-out.png':
  Duration: N/A, bitrate: N/A
  Stream #0:0: Video: png, rgba(pc), 300x300 [SAR 1:1 DAR 1:1], 25 fps, 25 tbr, 25 tbn`;

const WEBM_51 = `Input #0, matroska,webm, from 'v.webm':
  Duration: 00:00:01.01, start: -0.007000, bitrate: 392 kb/s
  Stream #0:0: Video: vp9 (Profile 0), yuv420p(tv, progressive), 320x240, SAR 1:1 DAR 4:3, 25 fps, 25 tbr, 1k tbn
  Stream #0:1: Audio: opus, 48000 Hz, 5.1, fltp`;

describe('parseFfmpegInfo', () => {
  it('reads an audio file', () => {
    expect(parseFfmpegInfo('/media/jfk.flac', FLAC)).toEqual({
      file: '/media/jfk.flac',
      container: 'flac',
      kind: 'audio',
      durationSec: 11,
      durationEstimated: false,
      bitRate: 838_000,
      audio: { index: 0, codec: 'flac', codecTag: null, sampleRate: 44100, channels: 2, durationSec: null },
      video: null,
      via: 'ffmpeg',
    });
  });

  it('treats cover art as part of an audio file, not as video', () => {
    const info = parseFfmpegInfo('cover.mp3', MP3_WITH_COVER);
    expect(info).toMatchObject({ kind: 'audio', container: 'mp3', durationSec: 11.05, video: null });
    expect(info?.audio).toMatchObject({ codec: 'mp3', sampleRate: 44100, channels: 2 });
  });

  it('reads a video with its rotation and sound', () => {
    const info = parseFfmpegInfo('phone clip.mp4', ROTATED_MP4);
    expect(info).toMatchObject({ kind: 'video', container: 'mov,mp4,m4a,3gp,3g2,mj2', durationSec: 2 });
    expect(info?.video).toMatchObject({
      index: 0,
      codec: 'h264',
      width: 320,
      height: 240,
      pixelFormat: 'yuv420p',
      rotation: 90,
      displayWidth: 240,
      displayHeight: 320,
      frameRate: 25,
    });
    expect(info?.audio).toMatchObject({ index: 1, codec: 'aac', codecTag: '0x6134706d', channels: 2 });
  });

  it('reports a codec ffmpeg cannot decode as null, with its tag, and a guessed duration', () => {
    const info = parseFfmpegInfo('odd.wav', UNKNOWN_CODEC);
    expect(info?.audio).toMatchObject({ codec: null, codecTag: '0x1234', sampleRate: 44100, channels: 2 });
    expect(info?.durationEstimated).toBe(true);
  });

  it('reads a picture', () => {
    expect(parseFfmpegInfo('cut-out.png', PNG)).toMatchObject({
      kind: 'image',
      container: 'png_pipe',
      durationSec: null,
      video: { codec: 'png', pixelFormat: 'rgba', width: 300, height: 300, rotation: 0 },
    });
  });

  it('reads sizes and layouts written without brackets', () => {
    const info = parseFfmpegInfo('v.webm', WEBM_51);
    expect(info?.video).toMatchObject({ codec: 'vp9', width: 320, height: 240, pixelFormat: 'yuv420p' });
    expect(info?.audio).toMatchObject({ codec: 'opus', sampleRate: 48000, channels: 6 });
  });

  it('returns null when ffmpeg could not open the input', () => {
    expect(parseFfmpegInfo('notes.wav', 'notes.wav: Invalid data found when processing input')).toBeNull();
  });
});

describe('splitTopLevel', () => {
  it('splits only at commas outside brackets', () => {
    expect(splitTopLevel('h264 (High) (avc1 / 0x1), yuv420p(tv, bt709), 1280x720 [SAR 1:1 DAR 16:9], 25 fps')).toEqual([
      'h264 (High) (avc1 / 0x1)',
      'yuv420p(tv, bt709)',
      '1280x720 [SAR 1:1 DAR 16:9]',
      '25 fps',
    ]);
  });
});
