import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { MIN_HEIGHT, MIN_WIDTH } from '../../core/window/window-bounds.ts';

/**
 * The one window's options. Security settings follow Electron's checklist: isolated,
 * sandboxed, no Node in the page, web security on, no webviews, nothing experimental.
 */
export function mainWindowOptions(params: {
  preload: string;
  bounds: Partial<Rectangle>;
  icon?: string;
  /** DevTools exist only in development (`npm run dev`): a packaged build cannot open them. */
  devTools: boolean;
}): BrowserWindowConstructorOptions {
  return {
    ...params.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
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
      devTools: params.devTools,
    },
  };
}

type ScreenDisplay = { id: number; workArea: Rectangle };

/**
 * Every display's work area, the primary one first and only once. Each `screen`
 * call returns new objects, so displays are told apart by id.
 */
export function displayWorkAreas(screen: { getAllDisplays(): ScreenDisplay[]; getPrimaryDisplay(): ScreenDisplay }): Rectangle[] {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
  return [primary.workArea, ...others.map((d) => d.workArea)];
}
