import type { App, Session, Shell, WebContents } from 'electron';
import { isSafeExternalUrl } from '../../../shared/security/external-url.ts';

/**
 * Installs the guards every web contents gets, as soon as it is created:
 * - `window.open` is denied (an https link goes to the system browser instead);
 * - navigation and redirects away from the app are blocked;
 * - `<webview>` can never attach.
 */
export function installWebContentsGuards(
  app: Pick<App, 'on'>,
  shell: Pick<Shell, 'openExternal'>,
  isAppUrl: (url: string) => boolean,
): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, shell, isAppUrl));
}

export function guardWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  shell: Pick<Shell, 'openExternal'>,
  isAppUrl: (url: string) => boolean,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const stayHome = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * The one permission the studio needs: the microphone (audio only, never the camera), for
 * the app's own top-level page, to record a voice. Everything else — camera, screen,
 * geolocation, notifications from the page, any other origin or frame — stays denied.
 */
export function allowMicrophoneOnly(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  isApp: (url: string) => boolean,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = details as { mediaTypes?: readonly string[]; requestingUrl?: string; isMainFrame?: boolean };
    const audioOnly = Array.isArray(media.mediaTypes) && media.mediaTypes.length > 0 && media.mediaTypes.every((t) => t === 'audio');
    callback(permission === 'media' && audioOnly && media.isMainFrame === true && isApp(media.requestingUrl ?? ''));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const media = details as { mediaType?: string; isMainFrame?: boolean };
    return permission === 'media' && media.mediaType === 'audio' && media.isMainFrame === true && isApp(`${requestingOrigin}/`);
  });
}
