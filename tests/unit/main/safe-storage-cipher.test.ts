import { describe, expect, it } from 'vitest';
import { safeStorageCipher } from '../../../electron/main/secrets/safe-storage-cipher.ts';

function storage(backend: string, available = true) {
  return {
    getSelectedStorageBackend: () => backend,
    isAsyncEncryptionAvailable: async () => available,
    encryptStringAsync: async (s: string) => Buffer.from(`enc:${s}`),
    decryptStringAsync: async (b: Buffer) => ({ result: b.toString().slice(4), shouldReEncrypt: true }),
  } as never;
}

describe('safeStorage cipher', () => {
  it('reports the platform keyring and treats basic_text as weak', async () => {
    expect(safeStorageCipher(storage('gnome_libsecret'), 'linux').backend()).toBe('gnome_libsecret');
    expect(await safeStorageCipher(storage('gnome_libsecret'), 'linux').isStrong()).toBe(true);
    expect(await safeStorageCipher(storage('basic_text'), 'linux').isStrong()).toBe(false);
    expect(await safeStorageCipher(storage('unknown'), 'linux').isStrong()).toBe(false);
    expect(await safeStorageCipher(storage('kwallet6', false), 'linux').isStrong()).toBe(false);
    expect(safeStorageCipher(storage('unknown'), 'darwin').backend()).toBe('macos_keychain');
    expect(safeStorageCipher(storage('unknown'), 'win32').backend()).toBe('windows_dpapi');
  });

  it('uses the async API and passes key rotation through', async () => {
    const cipher = safeStorageCipher(storage('kwallet5'), 'linux');
    const data = await cipher.encrypt('hello');
    expect(await cipher.decrypt(data)).toEqual({ value: 'hello', shouldReEncrypt: true });
  });
});
