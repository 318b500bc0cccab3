import { readFile, stat } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transfer } from '../../../shared/transfer.ts';
import { startEngineHarness, type EngineHarness } from '../../support/engine-harness.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';

describe('upload and download progress in bytes', () => {
  let h: EngineHarness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('counts the inputs up to their size, and each take down to its size', async () => {
    h = await startEngineHarness({ fake: { pollsBeforeSuccess: 1 } });
    const seen: Transfer[] = [];
    const off = h.engine.listen({ transfer: (_p, _id, t) => void seen.push(t) });
    const queued = await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio: JFK_FLAC, startSec: 0, endSec: 11 });
    const [done] = await h.engine.settled(h.project, [queued.id]);
    off();
    expect(done?.state).toBe('done');
    const prepared = done?.prepared;
    if (!prepared || !done) throw new Error('no prepared inputs');
    const inputBytes =
      (await stat(h.project.generations.file(done.id, prepared.image.file))).size +
      (await stat(h.project.generations.file(done.id, prepared.audio.file))).size;

    const up = seen.filter((t) => t.phase === 'upload');
    expect(up.length).toBeGreaterThan(0);
    expect(up.every((t) => t.total === inputBytes)).toBe(true);
    expect(up.map((t) => t.done)).toEqual([...up.map((t) => t.done)].sort((a, b) => a - b));
    expect(up.at(-1)?.done).toBe(inputBytes);

    const down = seen.filter((t) => t.phase === 'download');
    const take = done.takes[0];
    const takeBytes = (await stat(h.project.generations.file(done.id, take?.file ?? ''))).size;
    expect(down.at(-1)).toEqual({ phase: 'download', done: takeBytes, total: takeBytes });
  });

  it('reports an upload slice by slice as the server takes it, in the file’s own bytes', async () => {
    h = await startEngineHarness();
    const bytes = await readFile(await h.tone(7));
    const sent: number[] = [];
    const { mediaUUID } = await h.runware.uploadMedia(bytes, { onProgress: (n) => void sent.push(n) });
    expect(mediaUUID).toBeTruthy();
    // About 300 kB of audio is 400 kB of base64: several slices of 64 KB, each reported once, in order.
    expect(bytes.length).toBeGreaterThan(250_000);
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(sent.at(-1)).toBe(bytes.length);
    // And what arrived is the file, whole.
    expect(h.fake.media.get(mediaUUID)?.bytes).toBe(bytes.length);
  });
});
