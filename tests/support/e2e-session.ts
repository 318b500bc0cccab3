import { afterAll, beforeAll } from 'vitest';
import { FakeRunware, type FakeRunwareOptions } from '../../electron/core/runware-stand-in/fake-runware.ts';
import { JFK_FLAC, MONALISA_JPG } from './fixture-paths.ts';
import { closeBrowser, startHarness, type Harness } from './harness.ts';
import { TestCipher } from './test-cipher.ts';

export interface StudioSession {
  readonly fake: FakeRunware;
  /** The studio in Chromium, started by `open`. */
  readonly h: Harness;
  /** Starts the studio against the fake, `monalisa.jpg` and `jfk.flac` ready to drop. */
  open(): Promise<Harness>;
}

/** Per test file: a fake Runware for the whole file, one studio at a time, all closed at the end. */
export function useStudioSession(options: FakeRunwareOptions = { pollsBeforeSuccess: 1 }): StudioSession {
  let fake: FakeRunware | null = null;
  let harness: Harness | null = null;
  beforeAll(async () => {
    fake = await FakeRunware.start(options);
  });
  afterAll(async () => {
    await harness?.close();
    await fake?.close();
    await closeBrowser();
  });
  const need = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`${what} is not started yet`);
    return value;
  };
  return {
    get fake() {
      return need(fake, 'The fake Runware');
    },
    get h() {
      return need(harness, 'The studio');
    },
    async open() {
      await harness?.close();
      harness = await startHarness({
        cipher: new TestCipher(),
        runwareUrl: need(fake, 'The fake Runware').url,
        files: { 'monalisa.jpg': MONALISA_JPG, 'jfk.flac': JFK_FLAC },
      });
      return harness;
    },
  };
}
