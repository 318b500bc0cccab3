/**
 * The window's Content-Security-Policy. The renderer never talks to the network:
 * all HTTP runs in the main process, so `connect-src` is 'none'. Media (portraits,
 * voices, takes) arrive through the app's own `media:` protocol.
 *
 * Styles allow 'unsafe-inline' because the accessible UI primitives position
 * popovers with inline styles; scripts never do.
 */
export const MEDIA_SCHEME = 'media';
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://studio`;

export function contentSecurityPolicy(options: { dev?: boolean } = {}): string {
  const dev = options.dev === true;
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    // The dev server's React refresh preamble is an inline script; production has none.
    'script-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', `${MEDIA_SCHEME}:`],
    'media-src': ["'self'", 'blob:', `${MEDIA_SCHEME}:`],
    'font-src': ["'self'"],
    // Hot reload needs the dev server's socket; the packaged app reaches nothing.
    'connect-src': dev ? ["'self'", 'ws://localhost:*', 'http://localhost:*'] : ["'none'"],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
