/**
 * A picture's size as its own header states it. ffmpeg refuses to describe pictures over
 * its pixel limit (it reports 0×0); reading the header lets the refusal give the real size.
 * Knows PNG, JPEG, GIF and WebP; anything else is null.
 */
export function headerSize(head: Uint8Array): { width: number; height: number } | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const at = (offset: number, text: string) => [...text].every((ch, i) => head[offset + i] === ch.charCodeAt(0));
  // PNG: signature, then IHDR with width and height as big-endian 32-bit numbers.
  if (head.length >= 24 && head[0] === 0x89 && at(1, 'PNG') && at(12, 'IHDR')) {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  // GIF: logical screen size, little-endian 16-bit.
  if (head.length >= 10 && at(0, 'GIF8')) return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  // WebP: RIFF....WEBP then a VP8, VP8L or VP8X chunk.
  if (head.length >= 30 && at(0, 'RIFF') && at(8, 'WEBP')) {
    if (at(12, 'VP8X')) return { width: 1 + uint24(head, 24), height: 1 + uint24(head, 27) };
    if (at(12, 'VP8L')) {
      const bits = view.getUint32(21, true);
      return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
    }
    if (at(12, 'VP8 ')) return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  if (head.length >= 4 && head[0] === 0xff && head[1] === 0xd8) return jpegSize(head, view);
  return null;
}

function uint24(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8) | ((bytes[offset + 2] ?? 0) << 16);
}

/** Walks the JPEG segments to the first start-of-frame marker (SOF0–SOF15, not DHT, JPG or DAC). */
function jpegSize(head: Uint8Array, view: DataView): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 9 < head.length) {
    if (head[offset] !== 0xff) return null;
    const marker = head[offset + 1] ?? 0;
    const length = view.getUint16(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    }
    offset += 2 + length;
  }
  return null;
}
