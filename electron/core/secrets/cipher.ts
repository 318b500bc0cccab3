import type { KeyBackend } from '../../../shared/key-status.ts';

/**
 * What the key store needs from the operating system's secret protection.
 * Electron's safeStorage implements it in the main process; tests use a real
 * AES cipher with a chosen backend name.
 */
export interface Cipher {
  backend(): KeyBackend;
  /** True when a keyring really protects what `encrypt` returns. */
  isStrong(): Promise<boolean>;
  encrypt(plain: string): Promise<Buffer>;
  /** `shouldReEncrypt`: the keyring rotated its key; write the value again. */
  decrypt(data: Buffer): Promise<{ value: string; shouldReEncrypt: boolean }>;
}
