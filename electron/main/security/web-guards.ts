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

/** The app needs no camera, microphone, location or notifications permission from the page. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
