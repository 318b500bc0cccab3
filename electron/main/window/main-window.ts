import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

/**
 * The one window's options. Security settings follow Electron's checklist: isolated,
 * sandboxed, no Node in the page, web security on, no webviews, nothing experimental.
 */
export function mainWindowOptions(params: {
  preload: string;
  bounds: Partial<Rectangle>;
  icon?: string;
}): BrowserWindowConstructorOptions {
  return {
    ...params.bounds,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'Avatar Studio',
    backgroundColor: '#111318',
    icon: params.icon,
    autoHideMenuBar: true,
    webPreferences: {
      preload: params.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
