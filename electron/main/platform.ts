import type { App, BrowserWindow, Dialog, OpenDialogOptions, Shell } from 'electron';
import type { Platform } from '../core/shell/platform.ts';

const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp'];
const AUDIO_EXTENSIONS = ['wav', 'mp3', 'm4a', 'aac', 'flac', 'ogg', 'opus', 'mp4', 'mov', 'webm', 'mkv'];

const FILTERS = {
  image: [{ name: 'Portraits', extensions: IMAGE_EXTENSIONS }],
  audio: [{ name: 'Audio', extensions: AUDIO_EXTENSIONS }],
  any: [{ name: 'Portraits and audio', extensions: [...IMAGE_EXTENSIONS, ...AUDIO_EXTENSIONS] }],
  manifest: [{ name: 'Batch list (CSV or JSON)', extensions: ['csv', 'json'] }],
};

interface NotificationCtor {
  new (options: { title: string; body: string; silent?: boolean }): { show(): void };
  isSupported(): boolean;
}

/** The desktop shell, as Electron provides it. */
export function electronPlatform(deps: {
  shell: Pick<Shell, 'openExternal' | 'showItemInFolder' | 'trashItem'>;
  dialog: Pick<Dialog, 'showOpenDialog'>;
  Notification: NotificationCtor;
  window: () => BrowserWindow | null;
  app: Pick<App, 'relaunch' | 'quit'>;
  /** The arguments the app was started with (without the executable). */
  argv: readonly string[];
}): Platform {
  const { shell, dialog } = deps;
  return {
    openExternal: (url) => shell.openExternal(url),
    showItemInFolder: (path) => shell.showItemInFolder(path),
    trashItem: (path) => shell.trashItem(path),
    async chooseFolder(options) {
      const win = deps.window();
      const props = {
        title: options.title,
        defaultPath: options.defaultPath,
        properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
      };
      const result = win ? await dialog.showOpenDialog(win, props) : await dialog.showOpenDialog(props);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseFiles(options) {
      const win = deps.window();
      const props: OpenDialogOptions = {
        title: options.title,
        filters: FILTERS[options.kind],
        properties: options.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      };
      const result = win ? await dialog.showOpenDialog(win, props) : await dialog.showOpenDialog(props);
      return result.canceled ? [] : result.filePaths;
    },
    notify(n) {
      if (deps.Notification.isSupported()) new deps.Notification({ title: n.title, body: n.body }).show();
    },
    setProgress(fraction) {
      deps.window()?.setProgressBar(fraction === null ? -1 : fraction);
    },
    restart({ demo }) {
      // Quit (not exit): the queue's journal and the stand-in close as on any quit.
      deps.app.relaunch({ args: [...deps.argv.filter((a) => a !== '--demo'), ...(demo ? ['--demo'] : [])] });
      deps.app.quit();
    },
  };
}
