import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appAssetHandler } from '../../../../electron/core/protocol/app-assets.ts';
import { mediaAssetHandler } from '../../../../electron/core/protocol/media-assets.ts';
import { fileResponse, parseRange, resolveUnderRoot } from '../../../../electron/core/protocol/serve-file.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

describe('serving files under a root', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let root: string;
  beforeAll(async () => {
    dir = await makeTempDir();
    root = join(dir.path, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>x</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir.path, 'secret.txt'), 'outside');
    await symlink(join(dir.path, 'secret.txt'), join(root, 'link-out.txt'));
    await symlink(join(root, 'index.html'), join(root, 'link-in.html'));
    await writeFile(join(root, 'digits.bin'), '0123456789');
    await writeFile(join(root, '..take.mp4'), 'take');
  });
  afterAll(() => dir.cleanup());

  it('finds files inside the root', async () => {
    expect(await resolveUnderRoot(root, '/assets/app.js')).toMatch(/assets[/\\]app\.js$/);
    expect(await resolveUnderRoot(root, '/link-in.html')).toMatch(/index\.html$/);
  });

  it('serves a file whose name only starts with two dots', async () => {
    expect(await resolveUnderRoot(root, '/..take.mp4')).toMatch(/[/\\]\.\.take\.mp4$/);
    const handle = mediaAssetHandler((id) => (id === 'p1' ? root : null));
    const response = await handle(new Request('media://p1/..take.mp4'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-length')).toBe('4');
    expect(await response.text()).toBe('take');
  });

  it.each([
    ['dot-dot', '/../secret.txt'],
    ['encoded dot-dot', '/%2e%2e/secret.txt'],
    ['encoded slash', '/assets%2f..%2f..%2fsecret.txt'],
    ['backslash', '/..\\secret.txt'],
    ['NUL byte', '/index.html%00.js'],
    ['symlink escaping the root', '/link-out.txt'],
    ['a folder', '/assets'],
    ['a missing file', '/nope.js'],
    ['broken escape', '/%E0%A4%A'],
  ])('refuses %s', async (_label, path) => {
    expect(await resolveUnderRoot(root, path)).toBeNull();
  });

  it('parses byte ranges', () => {
    expect(parseRange('bytes=0-3', 10)).toEqual({ start: 0, end: 3 });
    expect(parseRange('bytes=5-', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=-4', 10)).toEqual({ start: 6, end: 9 });
    expect(parseRange('bytes=8-100', 10)).toEqual({ start: 8, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBe('invalid');
    expect(parseRange(null, 10)).toBeNull();
  });

  it('serves a range with 206 and the right bytes', async () => {
    const response = await fileResponse(join(root, 'digits.bin'), { headers: new Headers({ range: 'bytes=2-5' }) });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await response.text()).toBe('2345');
  });

  it('serves the app with its CSP and 404s everything else', async () => {
    const handle = appAssetHandler(root, "default-src 'none'");
    const page = await handle(new Request('app://studio/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await handle(new Request('app://studio/../secret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://elsewhere/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://studio/link-out.txt'))).status).toBe(404);
  });
});
