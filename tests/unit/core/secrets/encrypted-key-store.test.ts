import { readFile, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoticeCenter } from '../../../../electron/core/shell/notices.ts';
import { Redactor } from '../../../../electron/core/logging/redactor.ts';
import { EncryptedKeyStore } from '../../../../electron/core/secrets/encrypted-key-store.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';
import { TestCipher } from '../../../support/test-cipher.ts';
import { recordingLogger } from '../../../support/recording-logger.ts';

const KEY = 'rw_live_3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c';
const OTHER = 'rw_live_aaaabbbbccccddddeeeeffff00001111';

describe('EncryptedKeyStore', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let file: string;
  let notices: NoticeCenter;
  let logger: ReturnType<typeof recordingLogger>;

  beforeEach(async () => {
    dir = await makeTempDir();
    file = join(dir.path, 'secrets.json');
    notices = new NoticeCenter();
    logger = recordingLogger();
  });
  afterEach(() => dir.cleanup());

  const open = (cipher: TestCipher) => EncryptedKeyStore.open({ file, cipher, redactor: new Redactor(), notices, logger });

  it('encrypts the key with a real keyring and restores it on the next start', async () => {
    const cipher = new TestCipher('gnome_libsecret');
    const store = await open(cipher);
    const status = await store.set(`  ${KEY}\n`);
    expect(status).toEqual({ configured: true, last4: '6b5c', backend: 'gnome_libsecret', persisted: true });
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain(KEY);
    expect(onDisk).not.toContain(KEY.slice(0, 12));

    const again = await open(cipher);
    expect(again.getKey()).toBe(KEY);
    expect(again.status().persisted).toBe(true);
    expect(notices.take()).toEqual([]);
  });

  it('keeps the key for this session only when the backend is basic_text', async () => {
    const cipher = new TestCipher('basic_text');
    const store = await open(cipher);
    const status = await store.set(KEY);
    expect(status).toMatchObject({ configured: true, persisted: false, backend: 'basic_text' });
    expect(existsSync(file)).toBe(false);
    expect(cipher.encryptCalls).toBe(0);
    expect((await open(cipher)).status().configured).toBe(false);
  });

  it('treats an unknown backend like no keyring', async () => {
    const store = await open(new TestCipher('unknown'));
    expect((await store.set(KEY)).persisted).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  it('stores the key without a keyring only after an explicit opt-in, and forgets it on opt-out', async () => {
    const cipher = new TestCipher('basic_text');
    const store = await open(cipher);
    await store.set(KEY);
    expect((await store.setWeakPersistence(true)).persisted).toBe(true);
    const restored = await open(cipher);
    expect(restored.getKey()).toBe(KEY);

    expect((await restored.setWeakPersistence(false)).persisted).toBe(false);
    expect(restored.getKey()).toBe(KEY);
    expect(existsSync(file)).toBe(false);
    expect((await open(cipher)).status().configured).toBe(false);
  });

  it('drops a key that no longer decrypts, with a notice, instead of crashing', async () => {
    const cipher = new TestCipher('gnome_libsecret');
    await (await open(cipher)).set(KEY);
    cipher.resetKeyring();
    const store = await open(cipher);
    expect(store.status()).toEqual({ configured: false, last4: null, backend: 'gnome_libsecret', persisted: false });
    const [notice] = notices.take();
    expect(notice?.level).toBe('warning');
    expect(notice?.message).toBe(
      'Your saved Runware API key could not be decrypted and was removed. The system keyring no longer opens it (it may have been reset). Paste it again in Settings (Ctrl+,).',
    );
    expect(existsSync(file)).toBe(false);
    expect(logger.lines.join('\n')).not.toContain(KEY);
  });

  it('names both keyrings when the backend changed since the key was saved', async () => {
    const saver = new TestCipher('kwallet5');
    await (await open(saver)).set(KEY);
    const store = await open(new TestCipher('gnome_libsecret'));
    expect(store.status().configured).toBe(false);
    expect(notices.take()[0]?.message).toContain('It was protected by KWallet 5, and this session uses GNOME Keyring (libsecret).');
  });

  it('re-encrypts when the keyring asks for it (key rotation)', async () => {
    const cipher = new TestCipher('macos_keychain');
    await (await open(cipher)).set(KEY);
    const before = await readFile(file, 'utf8');
    cipher.reEncryptNext = true;
    const store = await open(cipher);
    expect(store.getKey()).toBe(KEY);
    expect(await readFile(file, 'utf8')).not.toBe(before);
  });

  it('sets an unreadable secrets file aside and says so', async () => {
    await writeFile(file, '{ this is not json');
    const store = await open(new TestCipher());
    expect(store.status().configured).toBe(false);
    expect(notices.take()[0]?.message).toBe(
      'Your saved API key could not be read, so it was set aside. Paste it again in Settings (Ctrl+,).',
    );
    expect(readdirSync(dir.path).some((name) => name.startsWith('secrets.json.unreadable-'))).toBe(true);
  });

  it('keeps the key for the session when the keyring refuses to encrypt', async () => {
    const cipher = new TestCipher('gnome_libsecret');
    cipher.encryptFails = true;
    const store = await open(cipher);
    const status = await store.set(KEY);
    expect(status).toMatchObject({ configured: true, persisted: false });
    expect(notices.take()[0]?.message).toMatch(/used for this session only/);
  });

  it('replaces and removes the key, leaving no file behind', async () => {
    const cipher = new TestCipher();
    const store = await open(cipher);
    const seen: string[] = [];
    store.onChange((s) => seen.push(s.last4 ?? 'none'));
    await store.set(KEY);
    await store.set(OTHER);
    expect((await open(cipher)).getKey()).toBe(OTHER);
    await store.remove();
    expect(existsSync(file)).toBe(false);
    expect(seen).toEqual(['6b5c', '1111', 'none']);
  });

  it('serialises overlapping writes: the last call wins on disk', async () => {
    const cipher = new TestCipher();
    const store = await open(cipher);
    await Promise.all([store.set(KEY), store.remove(), store.set(OTHER)]);
    expect((await open(cipher)).getKey()).toBe(OTHER);
  });

  it('rejects a pasted fragment with a message that says what to do', async () => {
    const store = await open(new TestCipher());
    await expect(store.set('abc 123')).rejects.toMatchObject({
      code: 'key_invalid_format',
      message: 'That key contains spaces or line breaks. Copy it again from the API Keys page of your Runware account (my.runware.ai).',
    });
    await expect(store.set('short')).rejects.toMatchObject({ code: 'key_invalid_format' });
    await expect(store.set('   ')).rejects.toMatchObject({ message: 'Paste your Runware API key first.' });
    expect(store.status().configured).toBe(false);
  });
});
