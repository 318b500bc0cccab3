import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyBackend } from '../../shared/key-status.ts';
import type { Cipher } from '../../electron/core/secrets/cipher.ts';

/**
 * A real AES-256-GCM cipher standing in for the OS keyring: tests pick its backend
 * name and strength, and can "reset the keyring" (new secret) so stored data stops
 * decrypting, exactly as it does when a real keyring is wiped.
 */
export class TestCipher implements Cipher {
  #secret = randomBytes(32);
  backendName: KeyBackend;
  strong: boolean;
  encryptFails = false;
  reEncryptNext = false;
  encryptCalls = 0;

  constructor(backend: KeyBackend = 'gnome_libsecret', strong = backend !== 'basic_text' && backend !== 'unknown') {
    this.backendName = backend;
    this.strong = strong;
  }

  resetKeyring(): void {
    this.#secret = randomBytes(32);
  }

  backend(): KeyBackend {
    return this.backendName;
  }

  async isStrong(): Promise<boolean> {
    return this.strong;
  }

  async encrypt(plain: string): Promise<Buffer> {
    this.encryptCalls += 1;
    if (this.encryptFails) throw new Error('keyring locked');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#secret, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  async decrypt(data: Buffer): Promise<{ value: string; shouldReEncrypt: boolean }> {
    const decipher = createDecipheriv('aes-256-gcm', this.#secret, data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    const value = Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    const shouldReEncrypt = this.reEncryptNext;
    this.reEncryptNext = false;
    return { value, shouldReEncrypt };
  }
}
