// Brings in the renderer's declaration of window.studio for page.evaluate callbacks.
import type {} from '../../renderer/src/ipc/studio.ts';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The Electron binary, if this machine has it. Electron downloads it from GitHub on
 * first run; asking the `electron` package for it would start that download, so the
 * path is read the way the package itself records it.
 */
function electronBinary(): string | null {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pkg = join(ROOT, 'node_modules', 'electron');
  const recorded = existsSync(join(pkg, 'path.txt')) ? readFileSync(join(pkg, 'path.txt'), 'utf8').trim() : null;
  const candidate = override ? join(override, recorded ?? 'electron') : recorded ? join(pkg, 'dist', recorded) : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

const binary = electronBinary();
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const reason = !binary
  ? 'the Electron runtime is not installed here (it downloads from GitHub on first `npm start`)'
  : !hasDisplay
    ? 'there is no display (run under xvfb-run)'
    : null;

if (reason) console.info(`[electron smoke] skipped: ${reason}. The renderer is covered by the Chromium E2E tests.`);

describe.skipIf(reason !== null)('the packaged app in real Electron', () => {
  it('opens the secure window with window.studio and no Node in the page', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'studio electron '));
    const app = await _electron.launch({
      executablePath: binary ?? undefined,
      args: [ROOT, `--user-data-dir=${userData}`, '--password-store=basic'],
    });
    try {
      const page = await app.firstWindow();
      await page.getByRole('tablist', { name: 'Workspace' }).waitFor();
      expect(await page.title()).toBe('Avatar Studio');
      expect(page.url()).toBe('app://studio/index.html');
      const shape = await page.evaluate(() => ({
        studio: typeof (window as unknown as { studio?: { key?: unknown } }).studio?.key,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(shape).toEqual({ studio: 'object', require: 'undefined', process: 'undefined' });
      const status = await page.evaluate(() => window.studio.key.getStatus());
      expect(status).toMatchObject({ ok: true, value: { configured: false } });

      // Permissions as main answers them for the real window: the microphone (Record), nothing else.
      const asked = await page.evaluate(async () => {
        const outcome = (p: Promise<unknown>) =>
          p.then(
            () => 'granted',
            (e: unknown) => (e instanceof DOMException ? e.name : 'error'),
          );
        return {
          microphone: await outcome(
            navigator.mediaDevices.getUserMedia({ audio: true }).then((s) => s.getTracks().forEach((t) => t.stop())),
          ),
          camera: await outcome(navigator.mediaDevices.getUserMedia({ video: true })),
          both: await outcome(navigator.mediaDevices.getUserMedia({ audio: true, video: true })),
          notifications: await Notification.requestPermission(),
          geolocation: await new Promise<string>((resolve) =>
            navigator.geolocation.getCurrentPosition(
              () => resolve('granted'),
              (e) => resolve(e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable'),
            ),
          ),
        };
      });
      // Where no microphone is attached Electron answers NotFoundError: allowed, but nothing to open.
      expect(['granted', 'NotFoundError', 'NotReadableError']).toContain(asked.microphone);
      // A camera is refused (NotAllowedError), or, on a machine without one, not found before it is asked for.
      expect(['NotAllowedError', 'NotFoundError']).toContain(asked.camera);
      expect(['NotAllowedError', 'NotFoundError']).toContain(asked.both);
      expect(asked).toMatchObject({ notifications: 'denied', geolocation: 'denied' });
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
