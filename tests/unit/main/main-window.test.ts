import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../electron/main/window/main-window.ts';

describe('main window options', () => {
  it('isolates and sandboxes the page with no Node, web security on, no webviews', () => {
    const options = mainWindowOptions({ preload: '/app/out/preload/index.cjs', bounds: { width: 1440, height: 900 } });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options).toMatchObject({ width: 1440, height: 900, minWidth: 1024, minHeight: 680, show: false });
  });
});
