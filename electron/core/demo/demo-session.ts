import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logging/logger.ts';
import { locateFfmpeg } from '../media/ffmpeg-locator.ts';
import type { Env } from '../media/index.ts';
import { FakeRunware } from '../runware-stand-in/fake-runware.ts';

export interface DemoSession {
  /** The stand-in's endpoint (on this machine only). */
  readonly runwareUrl: string;
  /** The key the stand-in accepts: never stored, never a Runware key. */
  readonly apiKey: string;
  /** The demo's own app folder: its settings, caches, logs and projects, apart from the real ones. */
  readonly appDataDir: string;
  close(): Promise<void>;
}

/**
 * Starts the demo: the same local stand-in of Runware the tests use, answering on
 * 127.0.0.1 with videos made by ffmpeg from the portrait and the audio, at $0.
 * Everything the demo writes lives under `<app data>/demo`, so the real settings,
 * key, upload cache and projects are never touched.
 */
export async function startDemo(options: { appDataDir: string; env: Env; logger?: Logger }): Promise<DemoSession> {
  const appDataDir = join(options.appDataDir, 'demo');
  const workDir = join(appDataDir, 'stand-in');
  await mkdir(workDir, { recursive: true });
  const tools = await locateFfmpeg({ env: options.env });
  const standIn = await FakeRunware.start({
    free: true,
    // One poll: a demo generation finishes in a few seconds, as a short real one would.
    pollsBeforeSuccess: 1,
    videoHeight: 480,
    ffmpeg: tools.ffmpeg,
    ffprobe: tools.ffprobe ?? undefined,
    workDir,
  });
  options.logger?.info('demo started', { url: standIn.url });
  return {
    runwareUrl: standIn.url,
    apiKey: standIn.apiKey,
    appDataDir,
    close: () => standIn.close(),
  };
}

/** Seconds of waiting per second of audio on the stand-in (Aurora's prior is 6). */
export const DEMO_THROUGHPUT = 0.3;
