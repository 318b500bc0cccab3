import { recordingPlatform } from './recording-platform.ts';
import { createStudioBackend, type StudioBackend } from '../../electron/core/app/backend.ts';
import type { Cipher } from '../../electron/core/secrets/cipher.ts';
import { createLocalBridge } from './local-bridge.ts';
import { makeTempDir } from './temp-dir.ts';

/**
 * For component tests: the real backend in a temp folder, reached through
 * `window.studio` built by the preload's builder.
 */
export async function installComponentBackend(cipher?: Cipher): Promise<{ backend: StudioBackend; dir: string; dispose(): Promise<void> }> {
  const temp = await makeTempDir('avatar studio component ');
  const bridge = createLocalBridge();
  const backend = await createStudioBackend({
    appInfo: { name: 'Avatar Studio', version: '0.0.0-test', platform: 'linux', mediaBase: 'media://' },
    appDataDir: temp.path,
    homeDir: temp.path,
    cipher,
    platform: recordingPlatform().platform,
    emit: bridge.emit,
    isAppUrl: (url) => url.startsWith('app://studio/'),
    runwareUrl: 'http://127.0.0.1:9/v1',
  });
  bridge.connect(backend.router);
  Object.defineProperty(window, 'studio', { value: bridge.studio, configurable: true });
  return {
    backend,
    dir: temp.path,
    async dispose() {
      await backend.dispose();
      await temp.cleanup();
    },
  };
}
