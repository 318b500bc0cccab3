/**
 * Reads the EXIF orientation (1–8) of a JPEG from its first bytes. Phones store
 * portraits sideways and set this tag instead of turning the pixels, so ignoring it
 * would send Aurora a face lying on its side. Read here rather than trusted to
 * ffmpeg, because whether ffmpeg applies it depends on its version.
 */
export function jpegExifOrientation(bytes: Uint8Array): number | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image, start of scan: no EXIF before pixels
    const length = view.getUint16(at + 2);
    if (marker === 0xe1 && isExifHeader(bytes, at + 4)) return tiffOrientation(view, at + 10, at + 2 + length);
    at += 2 + length;
  }
  return null;
}

function isExifHeader(bytes: Uint8Array, at: number): boolean {
  // "Exif\0\0"
  return [0x45, 0x78, 0x69, 0x66, 0, 0].every((b, i) => bytes[at + i] === b);
}

const ORIENTATION_TAG = 0x0112;

function tiffOrientation(view: DataView, start: number, end: number): number | null {
  if (end > view.byteLength || start + 8 > end) return null;
  const order = view.getUint16(start);
  if (order !== 0x4949 && order !== 0x4d4d) return null; // "II" little-endian, "MM" big-endian
  const le = order === 0x4949;
  const ifd = start + view.getUint32(start + 4, le);
  if (ifd + 2 > end) return null;
  const count = view.getUint16(ifd, le);
  for (let i = 0; i < count; i += 1) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return null;
    if (view.getUint16(entry, le) !== ORIENTATION_TAG) continue;
    const value = view.getUint16(entry + 8, le);
    return value >= 1 && value <= 8 ? value : null;
  }
  return null;
}

/**
 * The ffmpeg filters that turn a picture stored with `orientation` upright
 * (EXIF 2–8: mirrors and quarter turns, as the TIFF specification defines them).
 */
export function orientationFilters(orientation: number | null): string[] {
  switch (orientation) {
    case 2:
      return ['hflip'];
    case 3:
      return ['hflip', 'vflip'];
    case 4:
      return ['vflip'];
    case 5:
      return ['transpose=cclock_flip'];
    case 6:
      return ['transpose=clock'];
    case 7:
      return ['transpose=clock_flip'];
    case 8:
      return ['transpose=cclock'];
    default:
      return [];
  }
}

/** Clockwise degrees of the turn in an EXIF orientation (mirrors aside). */
export function orientationRotation(orientation: number | null): 0 | 90 | 180 | 270 {
  switch (orientation) {
    case 3:
    case 4:
      return 180;
    case 6:
    case 7:
      return 90;
    case 5:
    case 8:
      return 270;
    default:
      return 0;
  }
}
