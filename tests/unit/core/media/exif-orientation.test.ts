import { describe, expect, it } from 'vitest';
import { jpegExifOrientation, orientationFilters } from '../../../../electron/core/media/exif-orientation.ts';
import { withExifOrientation } from '../../../support/media-fixtures.ts';

// The smallest JPEG shape the reader walks: SOI, a JFIF APP0 segment, then the start of scan.
const JFIF = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x06, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xda, 0x00, 0x02]);

/** A little-endian ("II") EXIF segment with two IFD entries, the orientation second. */
function littleEndianExif(orientation: number): Uint8Array {
  const tiff = Buffer.alloc(8 + 2 + 24 + 4);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(2, 8);
  tiff.writeUInt16LE(0x010f, 10); // Make, irrelevant
  tiff.writeUInt16LE(2, 12);
  tiff.writeUInt32LE(4, 14);
  tiff.write('Cam\0', 18, 'latin1');
  tiff.writeUInt16LE(0x0112, 22);
  tiff.writeUInt16LE(3, 24);
  tiff.writeUInt32LE(1, 26);
  tiff.writeUInt16LE(orientation, 30);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([JFIF.subarray(0, 2), head, payload, JFIF.subarray(2)]);
}

describe('jpegExifOrientation', () => {
  it('reads big-endian and little-endian EXIF', () => {
    for (let o = 1; o <= 8; o += 1) {
      expect(jpegExifOrientation(withExifOrientation(JFIF, o))).toBe(o);
      expect(jpegExifOrientation(littleEndianExif(o))).toBe(o);
    }
  });

  it('finds EXIF after other segments', () => {
    const exif = withExifOrientation(JFIF, 6);
    // Move the JFIF APP0 in front of the EXIF segment.
    const reordered = Buffer.concat([JFIF.subarray(0, 10), exif.subarray(2, exif.length - 4), JFIF.subarray(10)]);
    expect(jpegExifOrientation(reordered)).toBe(6);
  });

  it('is null without EXIF, for other files, for out-of-range values and for cut-off data', () => {
    expect(jpegExifOrientation(JFIF)).toBeNull();
    expect(jpegExifOrientation(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toBeNull();
    expect(jpegExifOrientation(withExifOrientation(JFIF, 9))).toBeNull();
    expect(jpegExifOrientation(withExifOrientation(JFIF, 6).subarray(0, 20))).toBeNull();
  });
});

describe('orientationFilters', () => {
  it('undoes each EXIF orientation with ffmpeg filters', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(orientationFilters)).toEqual([
      [],
      ['hflip'],
      ['hflip', 'vflip'],
      ['vflip'],
      ['transpose=cclock_flip'],
      ['transpose=clock'],
      ['transpose=clock_flip'],
      ['transpose=cclock'],
    ]);
    expect(orientationFilters(null)).toEqual([]);
  });
});
