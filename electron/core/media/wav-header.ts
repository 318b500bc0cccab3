import { stat } from 'node:fs/promises';
import { readHead } from './media-refusals.ts';

export interface WavLayout {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Sample frames (one sample per channel) in the data chunk. */
  samples: number;
}

/**
 * Reads the layout of a PCM wav from its chunks. For PCM the data chunk's size is
 * the exact number of samples a decoder will produce, so a written wav is measured
 * without starting ffmpeg again. Null when the file is not a plain RIFF/WAVE.
 */
export function parseWavHeader(bytes: Uint8Array, fileSize: number): WavLayout | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return null;
  let format: (Omit<WavLayout, 'samples'> & { blockAlign: number }) | null = null;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ' && body + 16 <= bytes.length) {
      format = {
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        blockAlign: view.getUint16(body + 12, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!format || format.blockAlign === 0) return null;
      // A header written before the data was complete may claim more than the file holds.
      const dataBytes = Math.min(size, fileSize - body);
      const { blockAlign, ...layout } = format;
      return { ...layout, samples: Math.floor(dataBytes / blockAlign) };
    }
    at = body + size + (size % 2);
  }
  return null;
}

export async function readWavLayout(file: string): Promise<WavLayout | null> {
  const { size } = await stat(file);
  return parseWavHeader(await readHead(file, 4096), size);
}
