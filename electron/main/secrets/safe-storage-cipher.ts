import type { SafeStorage } from 'electron';
import { isWeakBackend, type KeyBackend } from '../../../shared/key-status.ts';
import type { Cipher } from '../../core/secrets/cipher.ts';

type AsyncSafeStorage = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

/** Electron's safeStorage (async API, which survives key rotation) as a Cipher. */
export function safeStorageCipher(safeStorage: AsyncSafeStorage, platform: NodeJS.Platform = process.platform): Cipher {
  const backend = (): KeyBackend => {
    if (platform === 'darwin') return 'macos_keychain';
    if (platform === 'win32') return 'windows_dpapi';
    return safeStorage.getSelectedStorageBackend();
  };
  return {
    backend,
    async isStrong() {
      // basic_text "encrypts" with a hard-coded password: treat it as no protection.
      return !isWeakBackend(backend()) && (await safeStorage.isAsyncEncryptionAvailable());
    },
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    async decrypt(data) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(data);
      return { value: result, shouldReEncrypt };
    },
  };
}
