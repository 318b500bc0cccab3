import { describe, expect, it } from 'vitest';
import { parseWavHeader } from '../../../../electron/core/media/wav-header.ts';

function wav(options: { rate: number; channels: number; bits: number; dataBytes: number; extraChunk?: boolean }): Buffer {
  const block = (options.channels * options.bits) / 8;
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'latin1');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8);
  fmt.writeUInt16LE(options.channels, 10);
  fmt.writeUInt32LE(options.rate, 12);
  fmt.writeUInt32LE(options.rate * block, 16);
  fmt.writeUInt16LE(block, 20);
  fmt.writeUInt16LE(options.bits, 22);
  const list = options.extraChunk
    ? Buffer.concat([Buffer.from('LIST', 'latin1'), Buffer.from([3, 0, 0, 0]), Buffer.from('abc\0', 'latin1')])
    : Buffer.alloc(0);
  const data = Buffer.alloc(8 + options.dataBytes);
  data.write('data', 0, 'latin1');
  data.writeUInt32LE(options.dataBytes, 4);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(4 + fmt.length + list.length + data.length, 4);
  riff.write('WAVE', 8, 'latin1');
  return Buffer.concat([riff, fmt, list, data]);
}

describe('parseWavHeader', () => {
  it('counts sample frames from the data chunk, past other chunks (odd sizes padded)', () => {
    const file = wav({ rate: 44100, channels: 2, bits: 16, dataBytes: 44100 * 4, extraChunk: true });
    expect(parseWavHeader(file, file.length)).toEqual({ sampleRate: 44100, channels: 2, bitsPerSample: 16, samples: 44100 });
  });

  it('believes the file size over a data size written too large', () => {
    const file = wav({ rate: 8000, channels: 1, bits: 16, dataBytes: 800 });
    file.writeUInt32LE(0xffffffff, file.indexOf('data') + 4);
    expect(parseWavHeader(file, file.length)?.samples).toBe(400);
  });

  it('is null for anything else', () => {
    expect(parseWavHeader(Buffer.from('hello, this is text'), 19)).toBeNull();
  });
});
