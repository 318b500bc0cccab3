import { recordingPlatform } from '../../tests/support/recording-platform.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudioBackend } from '../../electron/core/app/backend.ts';
import { medianMs, type BenchSuite } from '../bench-types.ts';

/** The cost of the IPC gate (sender check + zod in and out) over a direct handler call. */
const suite: BenchSuite = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bench ipc '));
  try {
    const backend = await createStudioBackend({
      appInfo: { name: 'Avatar Studio', version: 'bench', platform: process.platform, mediaBase: 'media://' },
      appDataDir: dir,
      homeDir: dir,
      platform: recordingPlatform().platform,
      emit: () => undefined,
      isAppUrl: (url) => url.startsWith('app://studio/'),
      runwareUrl: 'http://127.0.0.1:9/v1',
    });
    const sender = { url: 'app://studio/index.html', isTopFrame: true };
    const n = 20_000;
    const routed = await medianMs(5, async () => {
      for (let i = 0; i < n; i += 1) await backend.router.invoke('settings:get', undefined, sender);
    });
    const direct = await medianMs(5, async () => {
      for (let i = 0; i < n; i += 1) await backend.handlers['settings:get'](undefined);
    });
    await backend.dispose();
    return [{ name: 'ipc: routed settings:get', value: (routed * 1000) / n, unit: 'µs/call', baseline: (direct * 1000) / n }];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
export default suite;
