import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MONALISA_JPG } from '../../support/fixture-paths.ts';
import { ffmpeg, pixel, readRgb, useMediaSandbox, type RgbImage } from '../../support/media-fixtures.ts';

type Colour = 'red' | 'green' | 'blue' | 'grey';

/** The dominant colour of a pixel, robust to JPEG's small shifts. */
function colourAt(image: RgbImage, x: number, y: number): Colour {
  const [r, g, b] = pixel(image, x, y);
  if (Math.abs(r - g) < 30 && Math.abs(g - b) < 30) return 'grey';
  if (r > g && r > b) return 'red';
  return g > b ? 'green' : 'blue';
}

describe('normaliseImage', () => {
  const { dir, fx, media } = useMediaSandbox();
  const outDir = join(dir, 'project media');

  const normalise = (input: string, name: string) => media.normaliseImage({ input, outFile: join(outDir, name) });

  it('copies a picture that already suits Aurora byte for byte', async () => {
    const portrait = await normalise(MONALISA_JPG, 'mona.jpg');
    expect(portrait).toMatchObject({ file: join(outDir, 'mona.jpg'), width: 256, height: 256, format: 'jpeg', changed: false });
    expect(Buffer.compare(await readFile(portrait.file), await readFile(MONALISA_JPG))).toBe(0);
    for (const [name, extra] of [
      ['plain.png', []],
      ['plain.webp', ['-c:v', 'libwebp']],
    ] as const) {
      const input = await fx.image(name, '640x480', [...extra]);
      const result = await normalise(input, `copied ${name}`);
      expect(result, name).toMatchObject({ changed: false, width: 640, height: 480 });
      expect(Buffer.compare(await readFile(result.file), await readFile(input)), name).toBe(0);
    }
  });

  it('names the output after what it holds', async () => {
    const result = await normalise(MONALISA_JPG, 'portrait.png');
    expect(result.file).toBe(join(outDir, 'portrait.jpg'));
  });

  it('turns a picture upright as its EXIF orientation says', async () => {
    // Stored: red top-left quarter, green top-right quarter, blue lower half (400×300).
    const expected: Record<number, { size: [number, number]; at: [number, number, Colour][] }> = {
      1: {
        size: [400, 300],
        at: [
          [100, 75, 'red'],
          [300, 75, 'green'],
          [200, 250, 'blue'],
        ],
      },
      2: {
        size: [400, 300],
        at: [
          [300, 75, 'red'],
          [100, 75, 'green'],
          [200, 250, 'blue'],
        ],
      },
      3: {
        size: [400, 300],
        at: [
          [300, 225, 'red'],
          [100, 225, 'green'],
          [200, 50, 'blue'],
        ],
      },
      4: {
        size: [400, 300],
        at: [
          [100, 225, 'red'],
          [300, 225, 'green'],
          [200, 50, 'blue'],
        ],
      },
      5: {
        size: [300, 400],
        at: [
          [75, 100, 'red'],
          [75, 300, 'green'],
          [250, 200, 'blue'],
        ],
      },
      6: {
        size: [300, 400],
        at: [
          [225, 100, 'red'],
          [225, 300, 'green'],
          [50, 200, 'blue'],
        ],
      },
      7: {
        size: [300, 400],
        at: [
          [225, 300, 'red'],
          [225, 100, 'green'],
          [50, 200, 'blue'],
        ],
      },
      8: {
        size: [300, 400],
        at: [
          [75, 300, 'red'],
          [75, 100, 'green'],
          [250, 200, 'blue'],
        ],
      },
    };
    for (const [orientation, { size, at }] of Object.entries(expected)) {
      const result = await normalise(await fx.orientedJpeg(Number(orientation)), `upright ${orientation}.jpg`);
      expect(result, `orientation ${orientation}`).toMatchObject({ width: size[0], height: size[1], rotated: orientation !== '1' });
      const image = await readRgb(result.file, size[0], size[1]);
      for (const [x, y, colour] of at) expect(colourAt(image, x, y), `orientation ${orientation} at ${x},${y}`).toBe(colour);
    }
  });

  it('flattens transparency onto grey', async () => {
    const result = await normalise(await fx.alphaPng(), 'cut-out.png');
    expect(result).toMatchObject({ format: 'png', changed: true, flattened: true, width: 320, height: 320 });
    expect((await media.probe(result.file)).video?.pixelFormat).toBe('rgb24');
    const image = await readRgb(result.file, 320, 320);
    expect(pixel(image, 10, 10)).toEqual([128, 128, 128]);
    expect(colourAt(image, 160, 160)).toBe('red');
  });

  it('brings a 40-megapixel photo down to 2048 px on the long side', async () => {
    const result = await normalise(await fx.largePhoto(), 'camera.jpg');
    expect(result).toMatchObject({ format: 'jpeg', width: 2048, height: 1366, changed: true, scaled: true });
    expect((await media.probe(result.file)).video).toMatchObject({ width: 2048, height: 1366 });
    expect(result.bytes).toBeLessThan(2_000_000);
  });

  it('refuses pictures too small to animate, saying the minimum', async () => {
    await expect(normalise(await fx.image('thumbnail.png', '200x150'), 't.png')).rejects.toMatchObject({
      code: 'image_too_small',
      message: '"thumbnail.png" is 200×150 px; Aurora needs at least 256 px on the short side to animate a face. Choose a larger picture.',
      details: { width: 200, height: 150, minSide: 256 },
    });
    await expect(normalise(await fx.image('banner.jpg', '4000x300'), 'b.jpg')).rejects.toMatchObject({
      code: 'image_too_small',
      message:
        '"banner.jpg" is 4000×300 px: brought down to 2048 px on the long side, its short side would be only 154 px, and Aurora needs at least 256. Crop it closer to the face, then add it again.',
    });
  });

  it('says clearly which formats it does not take', async () => {
    await expect(normalise(await fx.image('animated.gif', '320x320'), 'g.gif')).rejects.toMatchObject({
      code: 'image_unsupported',
      message:
        '"animated.gif" is a GIF picture; Aurora takes a still JPEG, PNG or WebP picture. Save it as JPEG or PNG (any image editor can), then add it again.',
    });
    const animatedWebp = await fx.once('moving.webp', (file) =>
      ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=320x320:d=0.5', '-c:v', 'libwebp_anim', '-loop', '0', file),
    );
    await expect(normalise(animatedWebp, 'w.webp')).rejects.toMatchObject({
      code: 'image_unsupported',
      message:
        '"moving.webp" is an animated WebP; Aurora takes a still JPEG, PNG or WebP picture. Save it as JPEG or PNG (any image editor can), then add it again.',
    });
    const heic = await fx.write('IMG_0042.HEIC', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(64, 7)]));
    await expect(normalise(heic, 'h.jpg')).rejects.toMatchObject({
      code: 'image_unsupported',
      message:
        '"IMG_0042.HEIC" is an HEIC picture, which Avatar Studio cannot read; Aurora takes JPEG, PNG or WebP. Save or export it as JPEG, then add it again.',
    });
  });

  it('refuses what is not a picture', async () => {
    await expect(normalise(await fx.write('photo.jpg', 'not a photo, just words\n'), 'x.jpg')).rejects.toMatchObject({
      code: 'media_unreadable',
      message: '"photo.jpg" holds text, not a picture; it may have been renamed. Choose a JPEG, PNG or WebP picture.',
    });
    await expect(normalise(await fx.write('empty.png', ''), 'x.png')).rejects.toMatchObject({ code: 'media_empty' });
  });

  it('handles names with unicode, spaces and pattern characters, leaving only the result behind', async () => {
    const input = await fx.copyAs(await fx.orientedJpeg(6), 'Portrait – ünïcødé %03d.jpg');
    const folder = join(dir, 'only result');
    const result = await media.normaliseImage({ input, outFile: join(folder, 'face ✓.jpg') });
    expect(result).toMatchObject({ width: 300, height: 400, rotated: true });
    expect(await readdir(folder)).toEqual(['face ✓.jpg']);
  });
});
