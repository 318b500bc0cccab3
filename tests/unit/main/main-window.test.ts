import { describe, expect, it } from 'vitest';
import { displayWorkAreas, mainWindowOptions } from '../../../electron/main/window/main-window.ts';

describe('main window options', () => {
  it('isolates and sandboxes the page with no Node, web security on, no webviews', () => {
    const options = mainWindowOptions({ preload: '/app/out/preload/index.cjs', bounds: { width: 1440, height: 900 }, devTools: false });
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

  it('lists the primary display first and only once, though each screen call makes new objects', () => {
    const displays = () => [
      { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
      { id: 2, workArea: { x: 1920, y: 0, width: 2560, height: 1400 } },
    ];
    const screen = { getAllDisplays: displays, getPrimaryDisplay: () => displays()[1]! };
    expect(displayWorkAreas(screen)).toEqual([
      { x: 1920, y: 0, width: 2560, height: 1400 },
      { x: 0, y: 0, width: 1920, height: 1040 },
    ]);
  });
});
