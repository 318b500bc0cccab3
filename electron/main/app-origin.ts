import { APP_ORIGIN } from '../../shared/security/csp.ts';

/** The dev server's URL when running `npm run dev`; absent in a built app. */
export function devServerUrl(): string | null {
  const url = process.env.ELECTRON_RENDERER_URL;
  return url && /^http:\/\/(localhost|127\.0\.0\.1):\d+\/?$/.test(url) ? url : null;
}

/** The origin the window's own pages come from. */
export function appOrigin(dev: string | null = devServerUrl()): string {
  return dev ? new URL(dev).origin : APP_ORIGIN;
}

/** True when `url` belongs to the app itself (so IPC and navigation may trust it). */
export function isAppUrl(url: string, origin: string = appOrigin()): boolean {
  try {
    const parsed = new URL(url);
    // `app://studio` is a standard scheme, so URL gives it a real origin.
    return `${parsed.protocol}//${parsed.host}` === origin;
  } catch {
    return false;
  }
}
